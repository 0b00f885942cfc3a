// The final state of a run, normalized for comparison between two runs of the same generation:
// the warehouse tables a run writes, every tab (values, frozen rows, header weight, column
// formats, conditional rules), the stored properties, pending triggers and held locks.
//
// What is normalized away, and why (nothing else is):
// - run ids, export ids, job ids and every timestamp of *when* something happened (generated_at,
//   locked_at, deactivated_at, export_timestamp, started/finished, queued_at, durations, the
//   Overview's "Last generated"): a
//   resumed run legitimately runs later and may be a different execution;
// - schedule ids, which are derived from the run id: each is replaced by "<page>|<week>|<active>"
//   so that a duplicate or a stray replaced schedule still shows up as an extra row;
// - the count of BigQuery jobs and bytes in the Runs tab (a resumed run repeats its read jobs)
//   and the number of executions;
// - the rows the BigQuery procedures log about themselves (SWEEP, DAILY_QUEUE): a resumed run may
//   call run_daily_automation again, which is idempotent but logs its own call; these are
//   compared as a set of (kind, run_date, status);
// - floating-point noise below 10 significant digits (DuckDB aggregates in parallel);
// - the times in a claim on a shared warehouse job (script properties): only whether it is running
//   and whether it was ever done are compared.
import type { Demo } from '../../local/harness/demo';
import { freshDemo, openWarehouse, restoreWarehouse, runDailyToEnd, SCHEMA, type Warehouse } from './harness';
import type { RuntimeOptions } from '../../local/runtime/index';

/** The tables a daily run writes (inputs are compared only by the tests that change them). */
export const RUN_TABLES = ['schedules', 'schedule_messages', 'active_caption_assignments', 'schedule_export_log', 'automation_run_log', 'daily_page_queue'];

const VOLATILE_COLUMNS = new Set([
  'run_id', 'export_id', 'job_id', 'generated_at', 'locked_at', 'deactivated_at', 'export_timestamp', 'started_at',
  'finished_at', 'queued_at', 'duration_ms', 'assignment_id', 'last_updated', 'created_at', 'updated_at',
]);
const PROCEDURE_KINDS = new Set(['SWEEP', 'DAILY_QUEUE']);
const VOLATILE_TAB_COLUMNS = new Set(['Run ID', 'Started', 'Finished', 'Jobs', 'Bytes processed', 'Executions', 'Last generated']);

export interface TabShape {
  frozenRows: number;
  headerBold: boolean;
  /** Number format of every column on the first data row (formats are set on whole columns). */
  formats: string[];
  conditionalRules: number;
  values: unknown[][];
}

export interface FinalState {
  tables: Record<string, string[]>;
  tabs: Record<string, TabShape>;
  properties: Record<string, string>;
  triggers: string[];
  locksHeld: string[];
}

/** schedule_id → "<page>|<week>|active" (or "|replaced"), from the schedules table. */
export function scheduleKeys(demo: Demo): Map<string, string> {
  const rows = demo.bigQuery.sql(`SELECT schedule_id, page_name, CAST(week_start AS VARCHAR) AS week_start, is_active FROM ${SCHEMA}.schedules`);
  const keys = new Map<string, string>();
  const seen = new Map<string, number>();
  for (const r of rows) {
    const base = `${String(r.page_name)}|${String(r.week_start)}|${r.is_active === true || r.is_active === 'true' ? 'active' : 'replaced'}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    // A second schedule for the same key is a duplicate: it must stay visible, not merge.
    keys.set(String(r.schedule_id), n === 1 ? base : `${base}#${n}`);
  }
  return keys;
}

const ID = /sch_[0-9a-f]{8,}/g;
const mapIds = (text: string, keys: Map<string, string>): string => text.replace(ID, (id) => keys.get(id) ?? 'sch_<unknown>');

/** DuckDB sums in parallel: a re-run aggregate may differ in the last bits. */
const round = (x: number): number => (Number.isInteger(x) ? x : Number(x.toPrecision(10)));

function normalizeValue(column: string, value: unknown, keys: Map<string, string>): unknown {
  if (typeof value === 'number') return round(value);
  if (typeof value === 'string') {
    if (column === 'details') return normalizeDetails(value, keys);
    return mapIds(value, keys);
  }
  return value;
}

function normalizeDetails(text: string, keys: Map<string, string>): unknown {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    delete parsed.executions;
    return JSON.parse(mapIds(JSON.stringify(parsed), keys).replace(/\b\d+ BigQuery jobs\b/g, 'N BigQuery jobs'));
  } catch {
    return mapIds(text, keys);
  }
}

/** Rows of a run table as sorted JSON lines, volatile columns dropped and ids mapped. */
export function tableLines(demo: Demo, table: string, keys = scheduleKeys(demo)): string[] {
  const rows = demo.bigQuery.sql(`SELECT * FROM ${SCHEMA}.${table}`);
  const lines = rows.map((r) => {
    const kind = String(r.run_kind ?? '');
    if (table === 'automation_run_log' && PROCEDURE_KINDS.has(kind)) return JSON.stringify({ run_kind: kind, run_date: r.run_date, status: r.status });
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) if (!VOLATILE_COLUMNS.has(k)) out[k] = normalizeValue(k, v, keys);
    if ('schedule_id' in r) out.schedule_id = r.schedule_id === null ? null : keys.get(String(r.schedule_id)) ?? 'sch_<orphan>';
    return JSON.stringify(out);
  });
  const sorted = lines.sort();
  // Procedure rows compare as a set.
  return table === 'automation_run_log' ? sorted.filter((l, i) => !(l.startsWith('{"run_kind"') && sorted[i - 1] === l)) : sorted;
}

function cellOut(v: unknown, keys: Map<string, string>): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number') return round(v);
  if (typeof v === 'string') return mapIds(v, keys).replace(/\b\d+ BigQuery jobs\b/g, 'N BigQuery jobs');
  return v;
}

export function tabShapes(demo: Demo, keys = scheduleKeys(demo)): Record<string, TabShape> {
  const out: Record<string, TabShape> = {};
  for (const sheet of demo.runtime.services.SpreadsheetApp.getActiveSpreadsheet().getSheets()) {
    const lastRow = sheet.getLastRow();
    const lastCol = sheet.getLastColumn();
    const values = lastRow > 0 ? (sheet.getDataRange().getValues() as unknown[][]) : [];
    const header = (values[0] ?? []).map(String);
    const volatile = header.map((h) => VOLATILE_TAB_COLUMNS.has(h));
    out[sheet.getName()] = {
      frozenRows: sheet.getFrozenRows(),
      headerBold: lastCol > 0 && sheet.getRange(1, 1, 1, lastCol).getFontWeight() === 'bold',
      formats: lastCol > 0 ? (sheet.getRange(2, 1, 1, lastCol).getNumberFormats()[0] ?? []) : [],
      conditionalRules: sheet.getConditionalFormatRules().length,
      values: values.map((row, i) => row.map((c, j) => (i > 0 && volatile[j] ? '*' : cellOut(c, keys)))),
    };
  }
  return out;
}

/** A claim on a shared warehouse job, without its times: whether it runs and whether it was ever done. */
function claimState(value: string): string {
  const claim = JSON.parse(value) as { done: number; running: boolean };
  return JSON.stringify({ running: claim.running, done: claim.done > 0 });
}

export function finalState(demo: Demo): FinalState {
  const keys = scheduleKeys(demo);
  const tables: Record<string, string[]> = {};
  for (const t of RUN_TABLES) tables[t] = tableLines(demo, t, keys);
  const stores = demo.runtime.services.properties;
  const properties: Record<string, string> = {};
  for (const name of ['script', `document:${demo.book.id}`]) {
    for (const [k, v] of Object.entries(stores.store(name))) properties[`${name}:${k}`] = k.startsWith('eros.claim.') ? claimState(v) : v;
  }
  const triggers = demo.runtime.services.triggers.triggers
    .filter((t) => t.nextRunAt !== undefined)
    .map((t) => `${t.handler}:${t.eventType}`)
    .sort();
  const locksHeld = ['script', 'document', 'user'].filter((k) => demo.runtime.services.locks.holder(k) !== undefined);
  return { tables, tabs: tabShapes(demo, keys), properties, triggers, locksHeld };
}

/** Human-readable differences (empty when equal); at most `limit` lines per part. */
export function diffStates(expected: FinalState, actual: FinalState, limit = 4): string[] {
  const out: string[] = [];
  const lines = (a: string[], b: string[], where: string) => {
    const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
    const ca = count(a);
    const cb = count(b);
    const missing = [...ca].filter(([x, n]) => (cb.get(x) ?? 0) < n).map(([x]) => x);
    const extra = [...cb].filter(([x, n]) => (ca.get(x) ?? 0) < n).map(([x]) => x);
    if (missing.length) out.push(`${where}: ${missing.length} row(s) lost, e.g. ${missing.slice(0, limit).join(' ; ')}`);
    if (extra.length) out.push(`${where}: ${extra.length} row(s) extra, e.g. ${extra.slice(0, limit).join(' ; ')}`);
  };
  for (const t of Object.keys(expected.tables)) lines(expected.tables[t] ?? [], actual.tables[t] ?? [], `table ${t}`);
  const tabNames = new Set([...Object.keys(expected.tabs), ...Object.keys(actual.tabs)]);
  for (const name of tabNames) {
    const e = expected.tabs[name];
    const a = actual.tabs[name];
    if (!e || !a) {
      out.push(`tab ${name}: ${e ? 'missing' : 'unexpected'}`);
      continue;
    }
    const { values: ev, ...eLayout } = e;
    const { values: av, ...aLayout } = a;
    if (JSON.stringify(eLayout) !== JSON.stringify(aLayout)) out.push(`tab ${name}: layout ${JSON.stringify(aLayout)} instead of ${JSON.stringify(eLayout)}`);
    const er = ev.map((r) => JSON.stringify(r));
    const ar = av.map((r) => JSON.stringify(r));
    const before = out.length;
    lines(er, ar, `tab ${name}`);
    const at = er.findIndex((r, i) => r !== ar[i]);
    if (out.length === before && (at >= 0 || er.length !== ar.length)) out.push(`tab ${name}: same rows in another order (first difference at row ${at + 1})`);
  }
  if (JSON.stringify(expected.properties) !== JSON.stringify(actual.properties)) out.push(`properties ${JSON.stringify(actual.properties).slice(0, 300)} instead of ${JSON.stringify(expected.properties).slice(0, 300)}`);
  if (JSON.stringify(expected.triggers) !== JSON.stringify(actual.triggers)) out.push(`triggers ${JSON.stringify(actual.triggers)} instead of ${JSON.stringify(expected.triggers)}`);
  if (actual.locksHeld.length) out.push(`locks still held: ${actual.locksHeld.join(', ')}`);
  return out;
}

/** The yardstick every faulty run is held to: an uninterrupted daily run on the file's warehouse and its final state. */
export async function referenceRun(w: Warehouse, runtime: Partial<RuntimeOptions> = {}): Promise<{ ref: Demo; expected: FinalState }> {
  const ref = await freshDemo(w.bigQuery, runtime);
  runDailyToEnd(ref);
  return { ref, expected: finalState(ref) };
}

/**
 * A test file's warehouse and the final state of its uninterrupted reference run, set up once
 * (jest hooks) and restored before each test; read them through the getters.
 */
export function withReference(): { readonly w: Warehouse; readonly expected: FinalState } {
  let w: Warehouse | undefined;
  let expected: FinalState | undefined;
  beforeAll(async () => {
    w = await openWarehouse();
    ({ expected } = await referenceRun(w));
  }, 120_000);
  afterAll(() => w?.bigQuery.close());
  beforeEach(() => restoreWarehouse(w as Warehouse));
  return {
    get w() {
      return w as Warehouse;
    },
    get expected() {
      return expected as FinalState;
    },
  };
}
