// The run log on failure and the alerts, through the built bundle in the local runtime: a run
// that fails leaves exactly one FAILED row with BigQuery's error text, whether the procedure
// failed inside (its exception handler logs it) or its job never reached it (the script logs
// it); a retried CALL that then succeeds leaves one SUCCEEDED row; the procedures' alerts (unusual
// sweep volume, messages that match no caption) reach the Health tab.
import { openDemo, tabRecords, type Demo } from '../../local/harness/demo';

jest.setTimeout(180_000);

const S = 'eros_scheduling_brain';
let demo: Demo;
beforeAll(async () => {
  demo = await openDemo({ sizes: { pages: 5, captions: 500, days: 40 } });
  demo.bigQuery.sql(`CREATE TABLE ${S}.stats_copy AS SELECT * FROM ${S}.caption_bandit_stats; SELECT 1 AS ok`);
});
afterAll(() => demo?.close());
afterEach(() => demo.bigQuery.faults.clear());

const rows = (sql: string): Array<Record<string, unknown>> => demo.bigQuery.sql(sql);
const lastRunsRow = (): Record<string, unknown> => tabRecords(demo.runtime, 'Runs').at(-1) ?? {};
const runRows = (kind: string) => rows(`SELECT run_id, status, error_message, finished_at >= started_at AS ordered FROM ${S}.automation_run_log WHERE run_kind = '${kind}' ORDER BY started_at`);

test('a procedure that fails inside leaves one FAILED row with the error text; the script adds none', () => {
  const watermarks = (): number => Number(rows(`SELECT count(*) AS n FROM ${S}.caption_performance_watermark`)[0]?.n);
  const before = watermarks();
  demo.bigQuery.sql(`ALTER TABLE ${S}.caption_bandit_stats RENAME TO caption_bandit_stats_gone; SELECT 1 AS ok`);
  try {
    demo.runtime.call('runPerformanceUpdate');
  } finally {
    demo.bigQuery.sql(`ALTER TABLE ${S}.caption_bandit_stats_gone RENAME TO caption_bandit_stats; SELECT 1 AS ok`);
  }
  const runs = runRows('PERFORMANCE');
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ status: 'FAILED', ordered: true, error_message: expect.stringContaining('caption_bandit_stats') });
  expect(lastRunsRow()).toMatchObject({ 'Run ID': runs[0]!.run_id, Status: 'FAILED', Runs: 1 });
  // The transaction rolled back: no watermark was written, so the messages are still to count.
  expect(watermarks()).toBe(before);
});

test('a CALL that never reaches the procedure leaves one FAILED row, written by the script', () => {
  demo.clock.advance(3_600_000);
  demo.bigQuery.faults.fail('accessDenied', { match: 'sweep_expired_caption_locks', times: 1 });
  demo.runtime.call('runLockSweep');
  const runs = runRows('SWEEP');
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ status: 'FAILED', error_message: expect.stringContaining('Access Denied') });
  expect(lastRunsRow()).toMatchObject({ 'Run ID': runs[0]!.run_id, Status: 'FAILED' });
});

test('a CALL retried after a transient error leaves one SUCCEEDED row', () => {
  demo.clock.advance(3_600_000);
  demo.bigQuery.faults.fail('backendError', { match: 'update_caption_performance', times: 1 });
  demo.runtime.call('runPerformanceUpdate');
  const runs = runRows('PERFORMANCE');
  expect(runs.map((r) => r.status)).toEqual(['FAILED', 'SUCCEEDED']);
});

test('the alerts reach the Health tab: an unusual sweep volume and messages that match no caption', () => {
  // Four days on: the demo's history is counted up to 2026-11-28 07:35, and settles 72 hours later.
  demo.clock.advance(4 * 86_400_000);
  // 60 locks whose windows ended, and two settled PPVs not counted yet with neither a caption_id
  // nor a known text.
  demo.bigQuery.sql(`INSERT INTO ${S}.active_caption_assignments
    SELECT 'old:' || i, 'old', 'nobody', 100000 + i, TIMESTAMPTZ '2026-11-10 18:00:00+00', DATE '2026-11-10',
      TIMESTAMPTZ '2026-11-17 18:00:00+00', TIMESTAMPTZ '2026-11-09 00:00:00+00', true, NULL, NULL FROM range(60) t(i);
    INSERT INTO ${S}.mass_messages SELECT 'orphan' || i, p.page_name, TIMESTAMPTZ '2026-11-29 10:00:00+00' + to_minutes(i), 'PPV', NULL,
      'a caption nobody loaded ' || i, 9.99, 1000, 300, 12, 120.0 FROM range(2) t(i), (SELECT min(page_name) AS page_name FROM ${S}.creators) p;
    SELECT 1 AS ok`);
  demo.runtime.call('runLockSweep');
  demo.runtime.call('runPerformanceUpdate');
  demo.clock.advance(60_000);
  demo.runtime.call('runHealthCheck');
  const health = tabRecords(demo.runtime, 'Health');
  const alerts = health.filter((r) => String(r.Measure).startsWith('alert '));
  expect(alerts.map((r) => r.Measure).sort()).toEqual(['alert UNMATCHED_MESSAGES', 'alert UNUSUAL_SWEEP_VOLUME']);
  expect(String(alerts.find((r) => r.Measure === 'alert UNUSUAL_SWEEP_VOLUME')?.Detail)).toContain('released 60 caption locks');
  expect(health.find((r) => r.Measure === 'unmatched_messages_7d')?.Value).toBe(2);
});
