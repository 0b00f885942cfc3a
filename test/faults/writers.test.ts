// Two writers at once in BigQuery: a scheduled query (outside the add-on's script lock) writes the
// lock table or the bandit stats while the add-on's job does (the stand-in's concurrency switch:
// the writer commits first, and BigQuery cancels the add-on's transaction on that table). The
// sweep's DML runs outside any transaction, so it is never the one cancelled; the add-on sends a
// cancelled job again (it was rolled back whole), so the run ends as if nothing had raced it: no
// lost or doubled lock, and one run-log row per execution, the scheduled query's included.
import { brokenInvariants } from './invariants';
import { execute, freshDemo, lastRun, restoreWarehouse, runDailyToEnd, sharedWarehouse, sqlRows, type RunOutcome } from './harness';

const warehouse = sharedWarehouse();

const S = 'eros_scheduling_brain';
const SCHEDULED_SWEEP = { sql: `CALL \`of-scheduler-proj.${S}.sweep_expired_caption_locks\`(NULL, NULL);` };
const ABORTED = /Transaction is aborted due to concurrent update against table of-scheduler-proj:eros_scheduling_brain\./;
const jobsOf = (label: string) => warehouse().bigQuery.jobs.filter((j) => j.label === label);
const duplicateRunRows = () => sqlRows(warehouse().bigQuery, `SELECT run_id FROM ${S}.automation_run_log GROUP BY run_id HAVING count(*) > 1`);

test('the scheduled sweep alongside the daily write: the write is cancelled once, sent again, and the run is whole', async () => {
  const demo = await freshDemo(warehouse().bigQuery);
  const before = warehouse().bigQuery.jobs.length;
  warehouse().bigQuery.concurrency.alongside({ ...SCHEDULED_SWEEP, match: /schedule_staging/ });
  const outcome = runDailyToEnd(demo);
  expect(outcome.errors).toEqual([]);
  expect(lastRun(demo)).toMatchObject({ Kind: 'DAILY', Status: 'SUCCEEDED' });
  const writes = jobsOf('write_schedules').filter((j) => warehouse().bigQuery.jobs.indexOf(j) >= before);
  expect(writes.map((j) => (j.error ? 'aborted' : 'written'))).toEqual(['aborted', 'written']);
  expect(writes[0]!.error).toMatch(ABORTED);
  expect(brokenInvariants(warehouse().bigQuery)).toEqual([]);
  // The scheduled sweep is a run of its own; the daily run's sweep is a step of its queue.
  const sweeps = sqlRows(warehouse().bigQuery, `SELECT parent_run_id IS NULL AS own, status FROM ${S}.automation_run_log WHERE run_kind = 'SWEEP' ORDER BY 1`);
  expect(sweeps).toEqual([{ own: false, status: 'SUCCEEDED' }, { own: true, status: 'SUCCEEDED' }]);
  expect(duplicateRunRows()).toEqual([]);
}, 120_000);

test('the scheduled sweep alongside an undo: the undo is sent again and logs one UNDO row', async () => {
  const demo = await freshDemo(warehouse().bigQuery);
  runDailyToEnd(demo);
  const page = String(sqlRows(warehouse().bigQuery, `SELECT min(page_name) AS p FROM ${S}.schedules WHERE is_active`)[0]?.p);
  demo.runtime.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(page)?.activate();
  demo.clock.advance(600_000);
  warehouse().bigQuery.concurrency.alongside({ ...SCHEDULED_SWEEP, match: 'undo_generation(' });
  const outcome: RunOutcome = { errors: [], executions: [] };
  execute(demo, outcome, 'undoLastGenerationForActivePage');
  expect(outcome.errors).toEqual([]);
  expect(jobsOf('undo_generation').map((j) => (j.error ? 'aborted' : 'done'))).toEqual(['aborted', 'done']);
  expect(sqlRows(warehouse().bigQuery, `SELECT status FROM ${S}.automation_run_log WHERE run_kind = 'UNDO'`)).toEqual([{ status: 'SUCCEEDED' }]);
  expect(brokenInvariants(warehouse().bigQuery)).toEqual([]);
  expect(duplicateRunRows()).toEqual([]);
}, 120_000);

test('two performance updates at once: the cancelled one logs FAILED in its handler, is sent again, and its row ends SUCCEEDED; nothing is counted twice', async () => {
  const demo = await freshDemo(warehouse().bigQuery);
  // Four days on, three PPVs sent after the demo's counted history have settled.
  demo.clock.advance(4 * 86_400_000);
  warehouse().bigQuery.sql(`INSERT INTO ${S}.mass_messages SELECT 'settled' || i, p.page_name, TIMESTAMPTZ '2026-11-29 10:00:00+00' + to_minutes(i), 'PPV',
      (SELECT min(caption_id) FROM ${S}.caption_bank), NULL, 9.99, 1000, 300, 12, 120.0
    FROM range(3) t(i), (SELECT min(page_name) AS page_name FROM ${S}.creators) p; SELECT 1 AS ok`);
  warehouse().bigQuery.concurrency.alongside({ sql: `CALL ${S}.update_caption_performance(NULL)`, match: 'update_caption_performance(@run_id)' });
  const outcome: RunOutcome = { errors: [], executions: [] };
  execute(demo, outcome, 'runPerformanceUpdate');
  expect(outcome.errors).toEqual([]);
  const calls = jobsOf('update_caption_performance');
  expect(calls.map((j) => (j.error ? 'aborted' : 'done'))).toEqual(['aborted', 'done']);
  expect(calls[0]!.error).toMatch(ABORTED);
  const runs = sqlRows(warehouse().bigQuery, `SELECT status, json_extract_string(details, '$.messages_processed') AS n FROM ${S}.automation_run_log WHERE run_kind = 'PERFORMANCE' ORDER BY started_at`);
  // The scheduled one counted the settled messages; the add-on's, sent again, found none left.
  expect(runs.map((r) => r.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
  expect(Number(runs[0]!.n)).toBe(3);
  expect(Number(runs[1]!.n)).toBe(0);
  expect(duplicateRunRows()).toEqual([]);
  restoreWarehouse(warehouse(), { inputs: true });
}, 120_000);
