// The add-on on the embedded default: the demo warehouse behind the BigQuery stand-in, a real
// .xlsx workbook, and the built bundle in the local runtime, with a fixed clock. Shared by
// `npm start`, the end-to-end test, the fault suite and the benchmark.
import { createBigQueryStandIn, type BigQueryStandIn } from '../runtime/bigquery/index';
import { createRuntime, LocalSpreadsheet, openWorkbook, Spreadsheet, type LocalRuntime, type RuntimeOptions, type Sheet } from '../runtime/index';
import type { PresetName } from '../warehouse/index';

/** 03:05 in Los Angeles on the day after the demo data ends: the daily trigger's moment. */
export const DEMO_NOW = new Date('2026-11-28T11:05:00Z');
/** A little before it: `npm start` installs the triggers here and lets the daily one fire. */
export const DEMO_INSTALL_TIME = new Date('2026-11-28T10:50:00Z');
export const DEMO_WEEK_START = '2026-11-30';

export interface DemoOptions {
  preset?: PresetName;
  seed?: number;
  /** Overrides the preset's sizes (e.g. { pages: 30 }). */
  sizes?: Record<string, number>;
  /** An .xlsx to open (created when missing); in memory when absent. */
  workbookPath?: string;
  /** Start time of the virtual clock (sleeps move it; it does not tick by itself). */
  now?: Date;
  /** Extra runtime options (onServiceCall, shared properties/locks/triggers, …). */
  runtime?: Partial<RuntimeOptions>;
  /** An existing stand-in to share (two runtimes on one warehouse). */
  bigQuery?: BigQueryStandIn;
}

export interface Demo {
  runtime: LocalRuntime;
  bigQuery: BigQueryStandIn;
  book: LocalSpreadsheet;
  /** Virtual wall clock; advance() moves it as time passes between executions. */
  clock: { now(): Date; advance(ms: number): void };
  close(): void;
}

export async function openDemo(options: DemoOptions = {}): Promise<Demo> {
  let nowMs = (options.now ?? DEMO_NOW).getTime();
  const clock = { now: () => new Date(nowMs), advance: (ms: number) => void (nowMs += ms) };
  const bigQuery = options.bigQuery ?? createBigQueryStandIn({
    database: { build: { preset: options.preset ?? 'demo', seed: options.seed ?? 1, ...(options.sizes ? { sizes: options.sizes } : {}) } },
    now: () => clock.now(),
  });
  const book = options.workbookPath
    ? await openWorkbook(options.workbookPath, { timeZone: 'America/Los_Angeles' })
    : LocalSpreadsheet.create('EROS-demo.xlsx', { timeZone: 'America/Los_Angeles' });
  const runtime = createRuntime({ spreadsheet: book, globals: { BigQuery: bigQuery.service }, clock, ...options.runtime });
  // A shared stand-in keeps this runtime's time from now on (procedures' "now", CALL arguments).
  if (options.bigQuery) {
    const base = options.runtime?.clock ?? clock;
    bigQuery.useClock(() => base.now());
  }
  return { runtime, bigQuery, book, clock, close: () => (options.bigQuery ? undefined : bigQuery.close()) };
}

/** Rows of a tab as objects keyed by its header (row 1). */
export function tabRecords(runtime: LocalRuntime, name: string): Array<Record<string, unknown>> {
  // The stand-in itself, not the bundle's bridged view: reading here is not a counted Sheets call.
  return rowsOf(runtime.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name));
}

/** Rows of a tab of any spreadsheet (several on one runtime), keyed by its header. */
export function tabRecordsOf(book: LocalSpreadsheet, name: string): Array<Record<string, unknown>> {
  return rowsOf(new Spreadsheet(book, []).getSheetByName(name));
}

function rowsOf(sheet: Sheet | null): Array<Record<string, unknown>> {
  if (!sheet || sheet.getLastRow() < 1) return [];
  const [header = [], ...rows] = sheet.getDataRange().getValues() as unknown[][];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}
