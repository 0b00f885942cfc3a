// runDaily under faults: notes reach the Runs tab, a run started again draws the same, and a
// BigQuery outage keeps pages pending until the circuit breaker opens.
import { runDaily, type RunDeps } from '../../../../src/core/run/daily/run';
import { checkpointKey } from '../../../../src/core/run/daily/checkpoint';
import { WarehouseError } from '../../../../src/core/run/retry';
import type { Row } from '../../../../src/core/run/ports';
import type { RunSummary } from '../../../../src/core/run/summary';
import { analysisRow, FakeLock, fakePlanPage, fakeScheduleIdFor, FakeWarehouse, FakeWorkbook, MemoryStore, silentLogger, VirtualClock } from '../fakes';

const QUERIES = {
  pageAnalysis: 'SELECT analysis', captionCandidates: 'SELECT candidates', writeSchedules: 'write', scheduleExport: 'SELECT export',
  logExports: 'log', holidays: 'SELECT holidays',
};
const pagesNamed = (n: number) => Array.from({ length: n }, (_, i) => analysisRow(`page${String(i).padStart(3, '0')}`, 'HEALTHY'));
const down = () => new WarehouseError('API call to bigquery.jobs.insert failed with error: Backend error', 'backendError');

function setup(pages: Row[], extra: Partial<RunDeps> = {}, startMs?: number) {
  const clock = new VirtualClock(startMs);
  const warehouse = new FakeWarehouse(clock, pages);
  const workbook = new FakeWorkbook();
  const state = new MemoryStore();
  const resumes: string[] = [];
  const deps: RunDeps = {
    warehouse, workbook, state, lock: new FakeLock(), clock, sleeper: clock, logger: silentLogger(), seed: 7, planPage: fakePlanPage,
    scheduleIdFor: fakeScheduleIdFor, followUp: { arm: () => void resumes.push('arm'), disarm: () => void resumes.push('disarm') }, queries: QUERIES, budgetMs: 300_000, ...extra,
  };
  return { clock, warehouse, workbook, state, resumes, deps };
}

/** The first execution, then follow-ups until the run finishes. */
function toEnd(t: ReturnType<typeof setup>): RunSummary[] {
  const out = [runDaily(t.deps)];
  for (let i = 0; i < 15 && !out[out.length - 1]!.finished; i += 1) out.push(runDaily(t.deps, { resumeOnly: true }));
  return out;
}

const runsNote = (w: FakeWorkbook) => String(w.runs[w.runs.length - 1]!.rows[0]![14]);

describe('the run notes reach the Runs tab', () => {
  it('Overrides problems, a failed procedure call and a failed log job are in the Runs row', () => {
    const t = setup(pagesNamed(2), { loadOverrides: () => ({ overrides: {}, problems: ['Overrides!C4 (price, page000): not a number'] }) });
    t.warehouse.failures.run_daily_automation = () => new WarehouseError('Access Denied: procedure', 'accessDenied');
    t.warehouse.failures.log_exports = () => new WarehouseError('Access Denied: automation_run_log', 'accessDenied');
    const s = runDaily(t.deps);
    expect(s.finished).toBe(true);
    const note = runsNote(t.workbook);
    expect(note).toContain('Overrides: 1 problem(s)');
    expect(note).toContain('Overrides!C4');
    expect(note).toContain('run_daily_automation failed: Access Denied');
    expect(note).toContain('run log not written: Access Denied');
    expect(note).toBe(s.message);
  });
});

describe('a run started again the same day', () => {
  it('draws what the first attempt drew, under a new run id (killed before its first checkpoint)', () => {
    const draws = (startMs: number) => {
      const t = setup(pagesNamed(3), {}, startMs);
      const s = runDaily(t.deps);
      const byPage = [...t.warehouse.schedules.values()].sort((a, b) => a.page.localeCompare(b.page));
      return { runId: s.runId, draws: byPage.map((x) => x.messages.map((m) => m.selection_draw)) };
    };
    const first = draws(Date.parse('2026-11-25T11:05:00Z'));
    const again = draws(Date.parse('2026-11-25T11:10:00Z'));
    expect(again.runId).not.toBe(first.runId);
    expect(again.draws).toEqual(first.draws);
    // Another day's run draws afresh.
    expect(draws(Date.parse('2026-11-26T11:05:00Z')).draws).not.toEqual(first.draws);
  });
});

describe('BigQuery down: pages wait, the breaker opens after 5 failed jobs, the rest are not attempted', () => {
  it('a failing candidates job leaves its pages pending over follow-ups, then NOT_ATTEMPTED with the breaker reason', () => {
    const t = setup(pagesNamed(4));
    t.warehouse.failures.caption_candidates = down;
    const runs = toEnd(t);
    const last = runs[runs.length - 1]!;
    expect(runs.slice(0, -1).every((s) => !s.finished && s.perPage.every((p) => p.status !== 'FAILED'))).toBe(true);
    // Armed by every execution, disarmed once, when the run ends.
    expect(t.resumes).toEqual([...Array(runs.length).fill('arm'), 'disarm']);
    expect(last.perPage.map((p) => p.status)).toEqual(Array(4).fill('NOT_ATTEMPTED'));
    expect(last.perPage[0]!.reason).toMatch(/circuit breaker open after 5/);
    // 5 failed jobs (each tried 4 times), then nothing more is sent, not even the log.
    expect(t.warehouse.calls.filter((c) => c.label === 'caption_candidates')).toHaveLength(5 * 4);
    expect(t.warehouse.calls[t.warehouse.calls.length - 1]!.label).toBe('caption_candidates');
    expect(last.message).toMatch(/caption|Backend error/);
    expect(t.workbook.runs).toHaveLength(1);
    expect(t.state.get(checkpointKey('DAILY'))).toBeNull();
  });

  it('a failing export keeps the written pages pending; done pages stay done; the breaker fails the unfilled tabs', () => {
    const t = setup(pagesNamed(3), { budgetMs: 60_000 });
    // The first tab takes the budget: the run pauses with two tabs to fill, then the export is down.
    const write = t.workbook.writeScheduleTab.bind(t.workbook);
    t.workbook.writeScheduleTab = (page, table) => {
      t.clock.advance(61_000);
      write(page, table);
    };
    const first = runDaily(t.deps);
    expect(first.finished).toBe(false);
    expect(first.perPage.map((p) => p.status)).toEqual(['GENERATED']);
    t.warehouse.failures.schedule_export = down;
    const runs = [first, ...toEnd(t)];
    const last = runs[runs.length - 1]!;
    expect(last.finished).toBe(true);
    expect(last.perPage.map((p) => p.status)).toEqual(['GENERATED', 'FAILED', 'FAILED']);
    expect(last.perPage[1]!.reason).toMatch(/tab was never filled: circuit breaker open/);
    expect(t.warehouse.calls.filter((c) => c.label === 'schedule_export').length).toBe(1 + 5 * 4);
  });

  it('a permanent error still fails its pages at once (retrying would not help)', () => {
    const t = setup(pagesNamed(2));
    t.warehouse.failures.caption_candidates = () => new WarehouseError('Invalid query: bad column', 'invalidQuery');
    const s = runDaily(t.deps);
    expect(s.finished).toBe(true);
    expect(s.perPage.map((p) => p.status)).toEqual(['FAILED', 'FAILED']);
  });
});
