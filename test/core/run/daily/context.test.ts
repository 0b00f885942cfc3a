import { runDaily, type RunDeps } from '../../../../src/core/run/daily/run';
import { checkpointKey } from '../../../../src/core/run/daily/checkpoint';
import { analysisRow, FakeLock, fakePlanPage, fakeScheduleIdFor, FakeWarehouse, FakeWorkbook, MemoryStore, silentLogger, VirtualClock } from '../fakes';

const QUERIES = { pageAnalysis: 'SELECT analysis', captionCandidates: 'SELECT candidates', writeSchedules: 'write', scheduleExport: 'SELECT export', logExports: 'log', holidays: 'SELECT holidays' };

function setup(documentId: string, state = new MemoryStore(), clock = new VirtualClock()) {
  const warehouse = new FakeWarehouse(clock, ['anna', 'bea', 'cleo'].map((p) => analysisRow(p)));
  const follow: string[] = [];
  const deps: RunDeps = {
    warehouse, workbook: new FakeWorkbook(), state, lock: new FakeLock(), clock, sleeper: clock, logger: silentLogger(), seed: 1, planPage: fakePlanPage,
    scheduleIdFor: fakeScheduleIdFor, queries: QUERIES, budgetMs: 100_000, documentId, followUp: { arm: () => void follow.push('arm'), disarm: () => void follow.push('disarm') },
  };
  return { deps, state, clock, warehouse, follow };
}

describe('a run belongs to its spreadsheet and its execution', () => {
  it('the checkpoint names its spreadsheet; another spreadsheet\'s checkpoint is never continued', () => {
    const a = setup('sheet-A');
    a.warehouse.jobMs = 60_000; // pauses after its first tab
    expect(runDaily(a.deps).finished).toBe(false);
    expect(JSON.parse(a.state.get(checkpointKey('DAILY'))!)).toMatchObject({ documentId: 'sheet-A' });
    // The same properties reached from another spreadsheet (a copy carries its original's).
    const b = setup('sheet-B', a.state, a.clock);
    expect(runDaily(b.deps, { resumeOnly: true }).message).toBe('Nothing to resume.');
    expect(a.state.get(checkpointKey('DAILY'))).toBeNull();
  });

  it('the time budget counts from the start of the execution, not of the run', () => {
    const t = setup('sheet-A');
    t.warehouse.jobMs = 1000;
    t.deps.executionStart = new Date(t.clock.now().getTime() - 99_000); // 99 s of the 100 s budget already used
    const s = runDaily(t.deps);
    expect(s.finished).toBe(false);
    expect(s.perPage.length).toBeLessThan(3);
  });
});
