// Two agencies' spreadsheets using the add-on on one runtime (Editor add-on mode), each pointing
// at its own dataset, both with the automation installed: a week of virtual hours runs both
// agencies' daily runs (one of them paused and resumed every day), performance updates and lock
// sweeps, with no cross-talk between them, no trigger lost and no checkpoint read by the wrong
// spreadsheet.
import { openAgencies, type Agencies } from '../../local/harness/agencies';
import { tabRecordsOf } from '../../local/harness/demo';
import type { FiredTrigger } from '../../local/runtime/index';
import { CHECKPOINT_KEY, checkpointKey, RUN_KINDS } from '../../src/core/run/daily/checkpoint';
import { PropertiesStore } from '../../src/gas/adapters/properties';
import { RUN_TUNING_KEY } from '../../src/core/run/daily/tuning';

jest.setTimeout(600_000);

const HOUR = 3_600_000;
const DAYS = 7;
const SIZES = { pages: 5, captions: 500, days: 40 };

let ag: Agencies;
const fired: FiredTrigger[] = [];
/** Hours at which a document held a checkpoint while the other's trigger ran. */
let pausedWhileOtherRan = 0;
const checkpointOwners: string[] = [];

beforeAll(() => {
  // Saturday 00:00 Los Angeles, the day after the demo data ends.
  ag = openAgencies(
    [{ name: 'agency-a', dataset: 'agency_a', seed: 3, sizes: SIZES }, { name: 'agency-b', dataset: 'agency_b', seed: 11, sizes: SIZES }],
    { now: new Date('2026-11-28T08:00:00Z') },
  );
  // Agency A plans 2 pages per execution and budgets 2 minutes a tab: its run pauses and goes on
  // at the next hourly ticks, so its checkpoint waits in its properties while B's trigger runs.
  ag.runtime.services.properties.store(`document:${ag.books[0]!.id}`)[RUN_TUNING_KEY] = JSON.stringify({ batchSize: 2, tabMs: 120_000 });
  for (let h = 0; h < DAYS * 24; h++) {
    ag.clock.advance(HOUR);
    const round = ag.runtime.fireDueTriggers();
    fired.push(...round);
    for (const book of ag.books) {
      const store = ag.runtime.services.properties.store(`document:${book.id}`);
      for (const kind of RUN_KINDS) {
        const value = new PropertiesStore({ getProperty: (k) => store[k] ?? null, setProperty: () => undefined, setProperties: () => undefined, deleteProperty: () => undefined }).get(checkpointKey(kind));
        if (value === null) continue;
        checkpointOwners.push(`${book.id}=${String((JSON.parse(value) as { documentId?: string }).documentId)}`);
        if (round.some((f) => f.documentId !== book.id)) pausedWhileOtherRan += 1;
      }
    }
  }
});
afterAll(() => ag?.close());

const sqlOf = (dataset: string, q: string) => ag.warehouses.get(dataset)!.sql(q);
const procedureCalls = (dataset: string, name: string) => ag.warehouses.get(dataset)!.jobs.filter((j) => j.twin === `procedure:${name}`).length;

test('no trigger is lost: one hourly trigger per spreadsheet, fired every hour, never failing', () => {
  const triggers = ag.runtime.services.triggers.triggers;
  expect(triggers.map((t) => [t.handler, t.documentId])).toEqual(ag.books.map((b) => ['dispatchAutomation', b.id]));
  for (const t of triggers) expect(fired.filter((f) => f.triggerUid === t.id)).toHaveLength(DAYS * 24);
  expect(fired.filter((f) => f.error).map((f) => String(f.error))).toEqual([]);
});

test('each agency gets one daily run a day in its own dataset; the paused one is resumed to the end', () => {
  for (const dataset of ['agency_a', 'agency_b']) {
    const daily = sqlOf(dataset, "SELECT CAST(run_date AS VARCHAR) AS d, status FROM eros_scheduling_brain.automation_run_log WHERE run_kind = 'DAILY' ORDER BY 1");
    expect(daily.map((r) => r.d)).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
    expect(daily.every((r) => r.status === 'SUCCEEDED' || r.status === 'PARTIAL')).toBe(true);
    expect(procedureCalls(dataset, 'run_daily_automation')).toBe(DAYS);
  }
  const runsA = tabRecordsOf(ag.books[0]!, 'Runs').filter((r) => r.Kind === 'DAILY');
  expect(runsA).toHaveLength(DAYS);
  expect(runsA.every((r) => Number(r.Executions) > 1)).toBe(true);
  expect(pausedWhileOtherRan).toBeGreaterThan(0);
});

test('the performance update runs every 6 hours and the lock sweep hourly, per dataset, whenever no run is due', () => {
  ['agency_a', 'agency_b'].forEach((dataset, i) => {
    // The ticks at 01:00, 07:00, 13:00 and 19:00 Los Angeles (the first tick of the week is at 01:00).
    expect(procedureCalls(dataset, 'update_caption_performance')).toBe(DAYS * 4);
    // Every tick sweeps but those that started or continued a daily run.
    const ticks = fired.filter((f) => f.documentId === ag.books[i]!.id).length;
    const runExecutions = tabRecordsOf(ag.books[i]!, 'Runs').filter((r) => r.Kind === 'DAILY').reduce((n, r) => n + Number(r.Executions), 0);
    expect(procedureCalls(dataset, 'sweep_expired_caption_locks')).toBe(ticks - runExecutions);
  });
});

test('no cross-talk: each spreadsheet shows its own agency\'s pages and runs only', () => {
  ['agency_a', 'agency_b'].forEach((dataset, i) => {
    const book = ag.books[i]!;
    const active = sqlOf(dataset, 'SELECT page_name FROM eros_scheduling_brain.creators WHERE is_active ORDER BY 1').map((r) => String(r.page_name));
    const overview = tabRecordsOf(book, 'Overview');
    expect(overview.map((r) => String(r.Page)).sort()).toEqual(active);
    const runIds = new Set(sqlOf(dataset, 'SELECT run_id FROM eros_scheduling_brain.automation_run_log').map((r) => String(r.run_id)));
    const runs = tabRecordsOf(book, 'Runs');
    const [quiet, own] = [runs.filter((r) => String(r['Run ID']).startsWith('sweeps-')), runs.filter((r) => !String(r['Run ID']).startsWith('sweeps-'))];
    expect(own.map((r) => String(r['Run ID'])).filter((id) => !runIds.has(id))).toEqual([]);
    // A day's row of quiet sweeps counts exactly the sweeps of that day that have no row of their own.
    const isoDay = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
    const sweepsOn = (day: string) => Number(sqlOf(dataset, `SELECT COUNT(*) AS n FROM eros_scheduling_brain.automation_run_log WHERE run_kind = 'SWEEP' AND parent_run_id IS NULL AND CAST(run_date AS VARCHAR) = '${day}'`)[0]!.n);
    for (const row of quiet) {
      const day = String(row['Run ID']).slice('sweeps-'.length);
      const loud = own.filter((r) => r.Kind === 'SWEEP' && isoDay(r['Run date']) === day).length;
      expect(Number(row.Runs)).toBe(sweepsOn(day) - loud);
    }
    // Every schedule a tab shows is active in this agency's dataset.
    const schedules = new Set(sqlOf(dataset, 'SELECT schedule_id FROM eros_scheduling_brain.schedules WHERE is_active').map((r) => String(r.schedule_id)));
    for (const row of overview.filter((r) => r.Status === 'GENERATED')) expect(schedules.has(String(row['Schedule ID']))).toBe(true);
  });
  const [pagesA, pagesB] = ['agency_a', 'agency_b'].map((d) => new Set(sqlOf(d, 'SELECT page_name FROM eros_scheduling_brain.creators').map((r) => String(r.page_name))));
  const tabsOf = (i: number) => tabRecordsOf(ag.books[i]!, 'Overview').map((r) => String(r.Page));
  expect(tabsOf(0).filter((p) => !pagesA!.has(p))).toEqual([]);
  expect(tabsOf(1).filter((p) => !pagesB!.has(p))).toEqual([]);
});

test('no checkpoint is read by the wrong spreadsheet', () => {
  // Every execution read document properties of its own spreadsheet only.
  const strays = ag.runtime.executions.flatMap((e) => e.propertyReads.filter((r) => r.startsWith('document:') && !r.startsWith(`document:${e.documentId}:`)).map((r) => `${e.functionName}@${e.documentId}: ${r}`));
  expect(strays).toEqual([]);
  // Every checkpoint seen was stored in, and names, its own spreadsheet.
  expect(checkpointOwners.length).toBeGreaterThan(0);
  expect(checkpointOwners.filter((o) => o.split('=')[0] !== o.split('=')[1])).toEqual([]);
  for (const book of ag.books) {
    expect(Object.keys(ag.runtime.services.properties.store(`document:${book.id}`)).filter((k) => k.startsWith(CHECKPOINT_KEY))).toEqual([]);
  }
});
