// One execution, one automation_run_log row: three days of the add-on on its own hourly trigger
// (which runs the daily run once a day, the performance update every 6 hours and the lock sweep
// every hour) plus a regenerate and an undo from the menu, on the built bundle in the local
// runtime. Whoever starts a run, it leaves exactly one row of its own (steps of a run, the queue
// and its sweep, name it as their parent), and the Health tab's runs count and the Runs tab agree
// with the number of runs executed.
import { DEMO_INSTALL_TIME, openDemo, tabRecords, type Demo } from '../../local/harness/demo';

jest.setTimeout(300_000);

const HOUR = 3_600_000;
let demo: Demo;
const executions: Record<string, number> = {};
const count = (sql: string): number => Number(demo.bigQuery.sql(sql)[0]?.n);

function run(handler: string): void {
  demo.runtime.call(handler);
  executions[handler] = (executions[handler] ?? 0) + 1;
}

beforeAll(async () => {
  demo = await openDemo({ sizes: { pages: 5, captions: 500, days: 40 }, now: DEMO_INSTALL_TIME });
  demo.runtime.call('installAutomation');
  const ss = demo.runtime.services.SpreadsheetApp.getActiveSpreadsheet();
  for (let hour = 1; hour <= 72; hour += 1) {
    demo.clock.advance(HOUR);
    const logged = demo.runtime.services.logs.entries.length;
    for (const fired of demo.runtime.fireDueTriggers()) if (fired.error) throw fired.error;
    // What each tick ran, as the dispatcher logs it ("automation tick: PERFORMANCE, SWEEP").
    for (const e of demo.runtime.services.logs.entries.slice(logged)) {
      const ran = /automation tick: (.*)$/.exec(e.message)?.[1];
      for (const unit of ran && ran !== 'nothing due' ? ran.split(', ') : []) executions[unit] = (executions[unit] ?? 0) + 1;
    }
    // In the morning of the first day a scheduler regenerates a page; the next day they undo it.
    const page = String(demo.bigQuery.sql("SELECT min(page_name) AS p FROM eros_scheduling_brain.schedules WHERE is_active")[0]?.p);
    if (hour === 6 || hour === 30) {
      ss.getSheetByName(page)?.activate();
      run(hour === 6 ? 'generateScheduleForActivePage' : 'undoLastGenerationForActivePage');
    }
  }
});
afterAll(() => demo?.close());

test('every kind of run ran, on the hourly trigger and from the menu', () => {
  expect(executions).toEqual({
    SWEEP: 69, PERFORMANCE: 12, DAILY: 3,
    generateScheduleForActivePage: 1, undoLastGenerationForActivePage: 1,
  });
});

test('one run row per execution, each written once, in one run_id format', () => {
  const total = Object.values(executions).reduce((a, b) => a + b, 0);
  expect(count('SELECT count(*) AS n FROM eros_scheduling_brain.automation_run_log WHERE parent_run_id IS NULL')).toBe(total);
  expect(count('SELECT count(*) AS n FROM (SELECT run_id FROM eros_scheduling_brain.automation_run_log GROUP BY run_id HAVING count(*) > 1)')).toBe(0);
  const kinds = demo.bigQuery.sql(`SELECT run_kind, count(*) AS n FROM eros_scheduling_brain.automation_run_log
    WHERE parent_run_id IS NULL GROUP BY run_kind ORDER BY run_kind`).map((r) => [r.run_kind, Number(r.n)]);
  expect(kinds).toEqual([['DAILY', 3], ['MENU', 1], ['PERFORMANCE', 12], ['SWEEP', 69], ['UNDO', 1]]);
  // The daily runs' steps: the queue, and the sweep the queue calls, each once per run (the menu
  // run finds the day's queue already made: the dataset's claim on it).
  const steps = demo.bigQuery.sql(`SELECT s.run_kind, p.run_kind AS parent, count(*) AS n
    FROM eros_scheduling_brain.automation_run_log s JOIN eros_scheduling_brain.automation_run_log p ON p.run_id = s.parent_run_id
    GROUP BY ALL ORDER BY ALL`).map((r) => [r.run_kind, r.parent, Number(r.n)]);
  expect(steps).toEqual([['DAILY_QUEUE', 'DAILY', 3], ['SWEEP', 'DAILY_QUEUE', 3]]);
  expect(count(`SELECT count(*) AS n FROM eros_scheduling_brain.automation_run_log
    WHERE NOT regexp_full_match(run_id, '[a-z_]+-[0-9]{8}T[0-9]{9}Z') OR run_id NOT LIKE lower(run_kind) || '-%'`)).toBe(0);
  expect(count("SELECT count(*) AS n FROM eros_scheduling_brain.automation_run_log WHERE status <> 'SUCCEEDED'")).toBe(0);
});

test('the Runs tab shows every run, quiet sweeps folded into a row a day, and its Runs column adds up to the executions', () => {
  const runs = tabRecords(demo.runtime, 'Runs');
  const total = Object.values(executions).reduce((a, b) => a + b, 0);
  expect(runs.reduce((n, r) => n + Number(r.Runs), 0)).toBe(total);
  const quiet = runs.filter((r) => String(r['Run ID']).startsWith('sweeps-'));
  expect(quiet.length).toBeGreaterThanOrEqual(3);
  expect(quiet.length).toBeLessThanOrEqual(4);
  expect(runs.length).toBeLessThan(40);
  expect(String(quiet[0]!.Note)).toMatch(/^\d+ sweeps?, 0 locks released/);
  // Every other row is one run, and carries the id of its automation_run_log row.
  const ids = new Set(demo.bigQuery.sql('SELECT run_id FROM eros_scheduling_brain.automation_run_log').map((r) => String(r.run_id)));
  for (const r of runs.filter((x) => !String(x['Run ID']).startsWith('sweeps-'))) expect(ids).toContain(String(r['Run ID']));
});

test("the health summary's runs count is the executions of the last 7 days", () => {
  demo.clock.advance(60_000);
  demo.runtime.call('runHealthCheck');
  const health = tabRecords(demo.runtime, 'Health');
  const runs7d = health.find((r) => r.Measure === 'runs_7d');
  expect(Number(runs7d?.Value)).toBe(Object.values(executions).reduce((a, b) => a + b, 0));
  expect(String(health.find((r) => r.Measure === 'Runs (7 days)')?.Detail)).toMatch(/^86 runs, 0 failed/);
});
