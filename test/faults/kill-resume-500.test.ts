// A hard kill at 6 minutes. Every service call costs modelled time (a Sheets call 0.1 s, a BigQuery
// call 1 s) and, in the first execution, Sheets stalls — slower than the run's own estimates, so its
// budget cannot save it: Apps Script stops the execution at 6 minutes and nothing of it runs after
// that. No call is made by hand: the triggers that exist carry the run to its end — the hourly
// trigger of the installed automation (a 500-page agency), or, for a menu run without it, the
// one-off follow-up the run made when it started (a small agency: the same path, less to build).
import type { Demo } from '../../local/harness/demo';
import { ExecutionTimeLimit, type ServiceCallInfo } from '../../local/runtime/index';
import { checkpointKey, LAST_FULL_RUN_KEY } from '../../src/core/run/daily/checkpoint';
import { brokenInvariants } from './invariants';
import { checkpoints, FAULT_SIZES, freshDemo, openWarehouse, restoreWarehouse, SCHEMA, tabRecords, type Warehouse } from './harness';

jest.setTimeout(600_000);

const HOUR = 3_600_000;
const SIZES = { pages: 500, captions: 20_000, days: 30 };

/** Sheets 0.1 s, BigQuery 1 s a call; in the first execution, from `stallAfterMs` on, a Sheets call takes `stallMs`. */
function slowSheetsOnce(stallAfterMs: number, stallMs: number): (call: ServiceCallInfo) => number {
  return (call) => {
    if (call.name.startsWith('BigQuery.')) return 1000;
    if (!call.name.startsWith('SpreadsheetApp.')) return 0;
    return call.execution === firstRunExecution && call.elapsedMs > stallAfterMs ? stallMs : 100;
  };
}
let firstRunExecution = -1;

let big: Warehouse;
let small: Warehouse;
/** The warehouse of the test that runs. */
let w: Warehouse;
beforeAll(async () => {
  big = await openWarehouse(SIZES);
  small = await openWarehouse(FAULT_SIZES);
}, 180_000);
afterAll(() => {
  big?.bigQuery.close();
  small?.bigQuery.close();
});

/** Fires the triggers that exist, hour by hour (or at `stepMs`), until `done` or `max` rounds. */
function fireUntil(demo: Demo, done: () => boolean, max: number, stepMs = HOUR): Array<{ handler: string; error?: unknown }> {
  const fired: Array<{ handler: string; error?: unknown }> = [];
  for (let i = 0; i < max && !done(); i++) {
    demo.clock.advance(stepMs);
    fired.push(...demo.runtime.fireDueTriggers());
  }
  return fired;
}

/** What a finished run must leave: every page reported, every generated page's tab equal to its active schedule, nothing doubled or orphaned. */
function expectComplete(demo: Demo, kind: 'DAILY' | 'MENU', minGenerated: number): void {
  const store = demo.runtime.services.properties.store(`document:${demo.book.id}`);
  expect(store[checkpointKey(kind)]).toBeUndefined();
  expect(checkpoints(demo)).toEqual([]);
  const active = w.bigQuery.sql(`SELECT page_name FROM ${SCHEMA}.creators WHERE is_active ORDER BY 1`).map((r) => String(r.page_name));
  const overview = tabRecords(demo.runtime, 'Overview');
  expect(overview.map((r) => String(r.Page)).sort()).toEqual(active);
  const runs = tabRecords(demo.runtime, 'Runs').filter((r) => r.Kind === kind);
  expect(runs).toHaveLength(1);
  expect(Number(runs[0]!.Executions)).toBeGreaterThan(1);
  const counts = new Map(w.bigQuery.sql(`SELECT schedule_id, count(*) AS n FROM ${SCHEMA}.schedule_messages WHERE is_active GROUP BY 1`).map((r) => [String(r.schedule_id), Number(r.n)]));
  const generated = overview.filter((r) => r.Status === 'GENERATED');
  expect(generated.length).toBeGreaterThanOrEqual(minGenerated);
  const wrong = generated.filter((r) => tabRecords(demo.runtime, String(r.Page)).length !== counts.get(String(r['Schedule ID'])));
  expect(wrong.map((r) => r.Page)).toEqual([]);
  expect(brokenInvariants(w.bigQuery, { exclude: /overlapping windows/ })).toEqual([]);
  expect(demo.runtime.services.locks.holder(`document:${demo.book.id}`)).toBeUndefined();
}

test('500 pages: the daily run of the installed automation, killed at 6 minutes, is finished by the next hourly ticks', async () => {
  w = big;
  restoreWarehouse(w);
  // Sheets takes a minute a call after 4½ minutes.
  const demo = await freshDemo(w.bigQuery, { mode: 'addon', callMs: slowSheetsOnce(4.5 * 60_000, 60_000) });
  demo.runtime.call('installAutomation');
  firstRunExecution = demo.runtime.executions.length + 1;
  const first = fireUntil(demo, () => demo.runtime.executions.length >= firstRunExecution, 1);
  expect(first.map((f) => f.handler)).toEqual(['dispatchAutomation']);
  expect(first[0]!.error).toBeInstanceOf(ExecutionTimeLimit);
  expect(String(first[0]!.error)).toBe('Exception: Exceeded maximum execution time');
  const killed = demo.runtime.executions.at(-1)!;
  expect(killed.endedAt! - killed.startedAt).toBe(6 * 60_000);
  // The killed execution left its checkpoint and the hourly trigger; nothing else was made for it.
  expect(checkpoints(demo).filter((k) => !k.includes('#'))).toEqual([`document:${demo.book.id}:${checkpointKey('DAILY')}`]);
  expect(demo.runtime.services.triggers.triggers.map((t) => t.handler)).toEqual(['dispatchAutomation']);

  const doc = demo.runtime.services.properties.store(`document:${demo.book.id}`);
  const later = fireUntil(demo, () => doc[LAST_FULL_RUN_KEY] !== undefined && checkpoints(demo).length === 0, 6);
  expect(later.filter((f) => f.error).map((f) => String(f.error))).toEqual([]);
  expect(later.every((f) => f.handler === 'dispatchAutomation')).toBe(true);
  expectComplete(demo, 'DAILY', 300);
  expect(demo.runtime.services.triggers.triggers.map((t) => t.handler)).toEqual(['dispatchAutomation']);
});

test('a menu run without the automation, killed at 6 minutes, is finished by the follow-up it made when it started', async () => {
  w = small;
  restoreWarehouse(w);
  // Sheets stalls for 3 minutes a call once the run has written a tab or two.
  const demo = await freshDemo(w.bigQuery, { mode: 'addon', callMs: slowSheetsOnce(20_000, 3 * 60_000) });
  firstRunExecution = demo.runtime.executions.length + 1;
  expect(() => demo.runtime.call('generateAllSchedules')).toThrow(ExecutionTimeLimit);
  expect(demo.runtime.executions.at(-1)!.endedAt! - demo.runtime.executions.at(-1)!.startedAt).toBe(6 * 60_000);
  expect(checkpoints(demo).length).toBeGreaterThan(0);
  expect(demo.runtime.services.triggers.triggers.map((t) => t.handler)).toEqual(['resumeDailyAutomation']);
  const later = fireUntil(demo, () => checkpoints(demo).length === 0, 12, 5 * 60_000);
  expect(later.filter((f) => f.error).map((f) => String(f.error))).toEqual([]);
  expect(later.every((f) => f.handler === 'resumeDailyAutomation')).toBe(true);
  expectComplete(demo, 'MENU', 3);
  // The follow-up went when the run finished.
  expect(demo.runtime.services.triggers.triggers).toEqual([]);
});
