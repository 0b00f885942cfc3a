// Concurrency: two executions of the script at once (two runtimes sharing the warehouse, the
// spreadsheet, the script lock, the properties and the triggers, interleaved with onServiceCall):
// the second waits or exits cleanly, and no work is done twice.
import type { Demo } from '../../local/harness/demo';
import { LockRegistry, PropertyStores, TriggerStore } from '../../local/runtime/index';
import { brokenInvariants } from './invariants';
import { drainFollowUps, execute, freshDemo, lastRun, openWarehouse, restoreWarehouse, runDailyToEnd, tabRecords, type RunOutcome, type Warehouse } from './harness';
import { diffStates, finalState, referenceRun, type FinalState } from './state';

let w: Warehouse;
let expected: FinalState;
let writeJobsInReference = 0;

/** Jobs that change data (DML scripts and loads), whatever the job layout. */
const writeJobs = () => w.bigQuery.jobs.filter((j) => j.twin.startsWith('load:') || /^\s*(DECLARE|BEGIN|INSERT|UPDATE|DELETE|MERGE)\b/im.test(j.sql)).length;

beforeAll(async () => {
  w = await openWarehouse();
  const before = writeJobs();
  ({ expected } = await referenceRun(w));
  writeJobsInReference = writeJobs() - before;
}, 120_000);
afterAll(() => w?.bigQuery.close());
beforeEach(() => restoreWarehouse(w));

interface Pair {
  a: Demo;
  b: Demo;
  bCalls: string[];
  /** Set to run something as the second execution at A's next matching call. */
  at: { call: RegExp; run: () => void } | null;
}

/** Two runtimes of one script on one spreadsheet: shared lock, properties, triggers and clock. */
async function pair(): Promise<Pair> {
  const shared = { locks: new LockRegistry(), properties: new PropertyStores(), triggers: new TriggerStore() };
  const p = { bCalls: [] as string[], at: null } as unknown as Pair;
  p.a = await freshDemo(w.bigQuery, {
    ...shared,
    onServiceCall: (name) => {
      const hook = p.at;
      if (hook && hook.call.test(name)) {
        p.at = null;
        hook.run();
      }
    },
  });
  p.b = await freshDemo(w.bigQuery, { ...shared, spreadsheet: p.a.book, clock: p.a.clock, onServiceCall: (name) => void p.bCalls.push(name) });
  return p;
}

describe('a second execution while the first holds the script lock', () => {
  const SECONDS: Array<[string, string]> = [
    ['the daily trigger again', 'runDailyAutomation'],
    ['Generate all schedules (menu)', 'generateAllSchedules'],
    ['the performance update (6-hourly)', 'runPerformanceUpdate'],
    ['the lock sweep (hourly)', 'runLockSweep'],
  ];

  it('each of: the daily trigger again, Generate all (menu), the performance update, the lock sweep — waits for the lock, then exits cleanly without touching BigQuery or the tabs', async () => {
    // One daily run; at each of its first BigQuery jobs another execution starts.
    const p = await pair();
    const answers: Array<{ what: string; error: unknown; bigQuery: string[]; writes: string[]; waitedMs: number; said: string }> = [];
    const queue = [...SECONDS];
    const next = () => {
      const item = queue.shift();
      if (!item) return;
      const [what, fn] = item;
      const calls0 = p.bCalls.length;
      const slept0 = p.b.runtime.services.clock.sleptMs;
      const logs0 = p.b.runtime.services.logs.entries.length;
      const toasts0 = p.b.runtime.services.SpreadsheetApp._toasts.length;
      let error: unknown = null;
      try {
        p.b.runtime.call(fn);
      } catch (e) {
        error = e;
      }
      const calls = p.bCalls.slice(calls0);
      answers.push({
        what,
        error,
        bigQuery: calls.filter((c) => c.startsWith('BigQuery.')),
        writes: calls.filter((c) => /setValues|insertSheet|clearContents|setProperty|deleteProperty|newTrigger/.test(c)),
        waitedMs: p.b.runtime.services.clock.sleptMs - slept0,
        said: [
          ...p.b.runtime.services.logs.entries.slice(logs0).map((e) => e.message),
          ...p.b.runtime.services.SpreadsheetApp._toasts.slice(toasts0).map((t) => t.message),
        ].join(' '),
      });
      p.at = { call: /^BigQuery\.Jobs\.insert$/, run: next };
    };
    p.at = { call: /^BigQuery\.Jobs\.insert$/, run: next };
    runDailyToEnd(p.a);
    expect(answers.map((a) => a.what)).toEqual(SECONDS.map(([what]) => what));
    for (const a of answers) {
      expect({ what: a.what, error: a.error, bigQuery: a.bigQuery, writes: a.writes }).toEqual({ what: a.what, error: null, bigQuery: [], writes: [] });
      // It waited (lock polls in virtual time) before giving up, and said why.
      expect({ what: a.what, waited: a.waitedMs > 0, said: /another run|in progress|lock/i.test(a.said) }).toEqual({ what: a.what, waited: true, said: true });
    }
    expect(diffStates(expected, finalState(p.a))).toEqual([]);
    expect(tabRecords(p.a.runtime, 'Runs')).toHaveLength(1);
  }, 120_000);
});

describe('a second execution while the first is paused between executions', () => {
  /** Makes A's first execution pause after its first schedule tab (its clock jumps 5.5 min). */
  function pauseAfterFirstTab(p: Pair): void {
    p.at = { call: /^SpreadsheetApp\.Range\.setValues$/, run: () => p.a.clock.advance(5.5 * 60_000) };
  }

  it('the daily trigger fired again continues the paused run; the follow-up then finds nothing to do', async () => {
    const p = await pair();
    const before = writeJobs();
    pauseAfterFirstTab(p);
    const outcome: RunOutcome = { errors: [], executions: [] };
    execute(p.a, outcome, 'runDailyAutomation');
    const pending = p.a.runtime.services.triggers.triggers.filter((t) => t.handler === 'resumeDailyAutomation' && t.nextRunAt !== undefined);
    expect(pending).toHaveLength(1); // the run did pause
    p.a.clock.advance(10_000);
    execute(p.b, outcome, 'runDailyAutomation');
    drainFollowUps(p.a, outcome);
    expect(outcome.errors).toEqual([]);
    expect(diffStates(expected, finalState(p.a))).toEqual([]);
    expect(tabRecords(p.a.runtime, 'Runs')).toHaveLength(1);
    // Nothing written twice: no more data-changing jobs than the uninterrupted run.
    expect(writeJobs() - before).toBeLessThanOrEqual(writeJobsInReference);
  }, 120_000);

  it('a menu run meanwhile: the tabs, schedules and locks stay consistent and nothing is duplicated', async () => {
    const p = await pair();
    pauseAfterFirstTab(p);
    const outcome: RunOutcome = { errors: [], executions: [] };
    execute(p.a, outcome, 'runDailyAutomation');
    p.a.clock.advance(10_000);
    execute(p.b, outcome, 'generateAllSchedules');
    drainFollowUps(p.a, outcome);
    expect(outcome.errors).toEqual([]);
    expect(brokenInvariants(w.bigQuery, { exclude: /overlapping windows/ })).toEqual([]);
    // Every schedule tab shows the page's ACTIVE schedule (not one a later run replaced).
    const active = new Map(
      w.bigQuery.sql('SELECT page_name, schedule_id FROM eros_scheduling_brain.schedules WHERE is_active').map((r) => [String(r.page_name), String(r.schedule_id)]),
    );
    const shown = [...active.keys()].map((page) => ({ page, tab: String(tabRecords(p.a.runtime, page)[0]?.['Schedule ID'] ?? 'no tab'), active: active.get(page) }));
    expect(shown.filter((s) => s.tab !== s.active)).toEqual([]);
    // Both runs are logged, each once.
    const runs = tabRecords(p.a.runtime, 'Runs');
    expect(new Set(runs.map((r) => r['Run ID'])).size).toBe(runs.length);
    expect(String(lastRun(p.a).Status)).not.toBe('FAILED');
  }, 120_000);
});
