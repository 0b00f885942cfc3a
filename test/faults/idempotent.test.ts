// Idempotence: re-running the same generation is idempotent — same schedule ids, no duplicate rows or
// locks — whether the write job itself runs twice (its answer was lost), the run is resumed after
// its write, or the daily run is started again the same day.
import { ExecutionKilled } from '../../local/runtime/index';
import { brokenInvariants } from './invariants';
import { checkpoints, drainFollowUps, execute, freshDemo, openWarehouse, restoreWarehouse, runDailyToEnd, tabRecords, type RunOutcome, type Warehouse } from './harness';
import { diffStates, finalState, referenceRun, type FinalState } from './state';

const S = 'eros_scheduling_brain';
let w: Warehouse;
let expected: FinalState;
let referenceIds: string[] = [];

const ids = (where = 'is_active') => w.bigQuery.sql(`SELECT schedule_id FROM ${S}.schedules WHERE ${where} ORDER BY schedule_id`).map((r) => String(r.schedule_id));
const counts = () => w.bigQuery.sql(`
  SELECT (SELECT count(*) FROM ${S}.schedules) AS schedules, (SELECT count(*) FROM ${S}.schedule_messages) AS messages,
         (SELECT count(*) FROM ${S}.active_caption_assignments) AS locks,
         (SELECT count(*) FROM ${S}.active_caption_assignments WHERE is_active) AS active_locks`)[0];
const noDuplicates = () => brokenInvariants(w.bigQuery, { exclude: /overlapping windows/ });

beforeAll(async () => {
  w = await openWarehouse();
  ({ expected } = await referenceRun(w));
  referenceIds = ids();
  expect(referenceIds.length).toBeGreaterThan(0);
}, 120_000);
afterAll(() => w?.bigQuery.close());
beforeEach(() => restoreWarehouse(w));

/** The SQL of the job that writes schedules: the data-changing script other than the log. */
const isScheduleWrite = (sql: string) => /schedule_messages/.test(sql) && /active_caption_assignments/.test(sql) && /^\s*(DECLARE|BEGIN|INSERT|MERGE|DELETE)/im.test(sql);

describe('the same generation, written again', () => {
  it('the write job runs twice (its answer was lost, so it is retried): same ids, same rows, no duplicates', async () => {
    let lost = 0;
    const since = w.bigQuery.jobs.length;
    w.bigQuery.faults.fail('backendError', { times: 1, methods: ['getQueryResults'], match: (c) => isScheduleWrite(c.sql) && ++lost === 1 });
    const demo = await freshDemo(w.bigQuery);
    runDailyToEnd(demo);
    expect(lost).toBe(1);
    const runsOfWrite = w.bigQuery.jobs.slice(since).filter((j) => isScheduleWrite(j.sql) && !j.error).length;
    expect(runsOfWrite).toBeGreaterThanOrEqual(2);
    expect(ids()).toEqual(referenceIds);
    expect(noDuplicates()).toEqual([]);
    expect(diffStates(expected, finalState(demo))).toEqual([]);
  }, 120_000);

  it('the run is killed right after its write and resumed: the same schedule ids are written over, nothing doubles', async () => {
    // Kill at the first service call after the schedule write ran and was answered.
    let armed = true;
    const since = w.bigQuery.jobs.length;
    const demo = await freshDemo(w.bigQuery, {
      onServiceCall: (name, n) => {
        if (!armed || /^BigQuery\.Jobs\.(getQueryResults|get)$/.test(name)) return;
        if (w.bigQuery.jobs.slice(since).some((j) => isScheduleWrite(j.sql) && !j.error)) {
          armed = false;
          throw new ExecutionKilled(name, n);
        }
      },
    });
    const outcome: RunOutcome = { errors: [], executions: [] };
    execute(demo, outcome, 'runDailyAutomation');
    expect(outcome.errors.some((e) => e instanceof ExecutionKilled)).toBe(true);
    const written = ids();
    const afterKill = counts();
    expect(written).toEqual(referenceIds);
    demo.clock.advance(5 * 60_000);
    execute(demo, outcome, checkpoints(demo).length > 0 ? 'resumeDailyAutomation' : 'runDailyAutomation');
    drainFollowUps(demo, outcome);
    expect(ids()).toEqual(written);
    expect(ids('NOT is_active')).toEqual([]);
    expect(counts()).toEqual(afterKill);
    expect(noDuplicates()).toEqual([]);
  }, 120_000);
});

describe('the daily run started again the same day', () => {
  it('leaves exactly one active schedule per page and week, the tabs show it, and no lock of a replaced schedule stays active', async () => {
    const demo = await freshDemo(w.bigQuery);
    runDailyToEnd(demo);
    const first = ids();
    demo.clock.advance(2 * 3600_000);
    runDailyToEnd(demo);
    const active = ids();
    expect(active).toHaveLength(first.length);
    // Either the same ids written over (idempotent) or the first ones replaced; a page the second
    // run did not generate (it says why) keeps its first schedule.
    const replaced = ids('NOT is_active');
    expect(replaced.every((id) => first.includes(id))).toBe(true);
    const overview = tabRecords(demo.runtime, 'Overview');
    for (const row of overview) {
      const id = String(row['Schedule ID']);
      if (row.Status === 'GENERATED') expect(active).toContain(id);
      else expect(String(row.Reason)).not.toBe('');
    }
    expect(noDuplicates()).toEqual([]);
    const stale = w.bigQuery.sql(`SELECT count(*) AS n FROM ${S}.active_caption_assignments a JOIN ${S}.schedules s USING (schedule_id) WHERE a.is_active AND NOT s.is_active`);
    expect(Number(stale[0]?.n)).toBe(0);
    const pages = w.bigQuery.sql(`SELECT page_name, schedule_id FROM ${S}.schedules WHERE is_active`);
    for (const r of pages) expect(tabRecords(demo.runtime, String(r.page_name))[0]?.['Schedule ID']).toBe(r.schedule_id);
    // Two runs, two rows: the log keeps both, once each.
    expect(tabRecords(demo.runtime, 'Runs')).toHaveLength(2);
    expect(w.bigQuery.sql(`SELECT count(*) AS n FROM ${S}.automation_run_log WHERE run_kind = 'DAILY'`)[0]?.n).toBe('2');
  }, 120_000);
});
