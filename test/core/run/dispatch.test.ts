import { dailyDue, dispatch, pausedRuns, type DispatchDeps } from '../../../src/core/run/dispatch';
import { checkpointKey, LAST_FULL_RUN_KEY } from '../../../src/core/run/daily/checkpoint';
import type { SharedJob, WarehouseClaims } from '../../../src/core/run/ports';
import { analysisRow, FakeLock, fakePlanPage, fakeScheduleIdFor, FakeWarehouse, FakeWorkbook, MemoryStore, silentLogger, VirtualClock } from './fakes';

const QUERIES = { pageAnalysis: 'SELECT analysis', captionCandidates: 'SELECT candidates', writeSchedules: 'write', scheduleExport: 'SELECT export', logExports: 'log', holidays: 'SELECT holidays' };

/** Claims that grant whatever `due` lists, recording what was claimed and how it ended. */
function fakeClaims(due: SharedJob[]): WarehouseClaims & { log: string[] } {
  const log: string[] = [];
  return { log, claim: (job) => (log.push(`claim ${job}`), due.includes(job)), settle: (job, ok) => void log.push(`settle ${job} ${ok}`) };
}

function setup(at: string, due: SharedJob[] = ['DAILY_QUEUE', 'PERFORMANCE', 'SWEEP']) {
  const clock = new VirtualClock(Date.parse(at));
  const warehouse = new FakeWarehouse(clock, ['anna', 'bea'].map((p) => analysisRow(p)));
  const workbook = new FakeWorkbook();
  const state = new MemoryStore();
  const lock = new FakeLock();
  const ports = { warehouse, workbook, lock, clock, sleeper: clock, logger: silentLogger() };
  const claims = fakeClaims(due);
  const follow: string[] = [];
  const deps: DispatchDeps = {
    daily: { ...ports, state, seed: 1, planPage: fakePlanPage, scheduleIdFor: fakeScheduleIdFor, queries: QUERIES, budgetMs: 300_000, claims,
      followUp: { arm: () => void follow.push('arm'), disarm: () => void follow.push('disarm') } },
    maintenance: { ...ports, queries: QUERIES },
    claims,
  };
  return { clock, warehouse, state, claims, deps };
}

describe('the hourly dispatcher', () => {
  it('is due from 03:00 Los Angeles until a run over every page has finished that day', () => {
    const state = new MemoryStore();
    expect(dailyDue(state, new Date('2026-11-28T10:59:00Z'))).toBe(false); // 02:59 LA
    expect(dailyDue(state, new Date('2026-11-28T11:00:00Z'))).toBe(true);
    state.set(LAST_FULL_RUN_KEY, '2026-11-28');
    expect(dailyDue(state, new Date('2026-11-29T07:59:00Z'))).toBe(false); // 23:59 LA
    expect(dailyDue(state, new Date('2026-11-29T11:30:00Z'))).toBe(true);
  });

  it('runs the daily run when due, and only that', () => {
    const t = setup('2026-11-28T11:20:00Z');
    const r = dispatch(t.deps);
    expect(r.ran).toEqual(['DAILY']);
    expect(r.summaries[0]).toMatchObject({ runKind: 'DAILY', status: 'SUCCEEDED', pagesGenerated: 2 });
    // The day's queue was claimed for the dataset; no maintenance in this tick.
    expect(t.claims.log).toEqual(['claim DAILY_QUEUE', 'settle DAILY_QUEUE true']);
    expect(t.state.get(LAST_FULL_RUN_KEY)).toBe('2026-11-28');
    expect(dispatch(t.deps).ran).toEqual(['PERFORMANCE', 'SWEEP']);
  });

  it('continues a paused run before anything else, a daily run before a menu run', () => {
    const t = setup('2026-11-28T12:00:00Z');
    // Slow jobs against a short budget: every execution pauses after its first tab.
    t.warehouse.jobMs = 60_000;
    t.deps.daily.budgetMs = 100_000;
    t.state.set(LAST_FULL_RUN_KEY, '2026-11-28');
    expect(pausedRuns(t.state)).toEqual([]);
    const first = dispatch(t.deps);
    expect(first.ran).toEqual(['PERFORMANCE', 'SWEEP']);
    t.state.delete(LAST_FULL_RUN_KEY);
    expect(dispatch(t.deps).ran).toEqual(['DAILY']);
    expect(pausedRuns(t.state)).toEqual(['DAILY']);
    t.state.set(checkpointKey('MENU'), t.state.get(checkpointKey('DAILY'))!.replace('"DAILY"', '"MENU"'));
    expect(pausedRuns(t.state)).toEqual(['DAILY', 'MENU']);
    t.warehouse.jobMs = 0;
    const resumed = dispatch(t.deps);
    expect(resumed.ran).toEqual(['RESUME']);
    expect(resumed.summaries[0]).toMatchObject({ runKind: 'DAILY', finished: true });
  });

  it('runs only the maintenance the claims grant, and settles each by how it ended', () => {
    const t = setup('2026-11-28T09:00:00Z', ['SWEEP']);
    t.warehouse.failures.sweep_expired_caption_locks = () => new Error('Access Denied: no');
    expect(dispatch(t.deps).ran).toEqual(['SWEEP']);
    expect(t.claims.log).toEqual(['claim PERFORMANCE', 'claim SWEEP', 'settle SWEEP false']);
  });
});
