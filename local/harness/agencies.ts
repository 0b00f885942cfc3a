// Several spreadsheets using the add-on on one runtime, each agency with its own demo warehouse
// and dataset behind one BigQuery global (a router), or two spreadsheets sharing one dataset.
// Each spreadsheet is opened, configured through the Settings dialog's server function and has
// the automation installed, as a scheduler would.
import { BigQueryRouter, createBigQueryStandIn, type BigQueryStandIn } from '../runtime/bigquery/index';
import { createRuntime, LocalSpreadsheet, type LocalRuntime, type RuntimeOptions } from '../runtime/index';
import type { PresetName } from '../warehouse/index';

export interface AgencyOptions {
  /** The spreadsheet's name (its file name and id derive from it). */
  name: string;
  /** The dataset its settings name. */
  dataset: string;
  preset?: PresetName;
  seed?: number;
  sizes?: Record<string, number>;
}

export interface Agencies {
  runtime: LocalRuntime;
  books: LocalSpreadsheet[];
  /** One warehouse per distinct dataset. */
  warehouses: Map<string, BigQueryStandIn>;
  /** The BigQuery global in front of them (give it to another runtime of the same add-on). */
  router: BigQueryRouter;
  clock: { now(): Date; advance(ms: number): void };
  /** A person's action in agency i's spreadsheet. */
  call(i: number, name: string, ...args: unknown[]): unknown;
  close(): void;
}

/** Opens the spreadsheets on one runtime; agencies naming the same dataset share its warehouse. */
export function openAgencies(agencies: readonly AgencyOptions[], options: { now: Date; runtime?: Partial<RuntimeOptions> }): Agencies {
  let nowMs = options.now.getTime();
  const clock = { now: () => new Date(nowMs), advance: (ms: number) => void (nowMs += ms) };
  const warehouses = new Map<string, BigQueryStandIn>();
  for (const a of agencies) {
    if (warehouses.has(a.dataset)) continue;
    const build = { preset: a.preset ?? 'demo', seed: a.seed ?? 1, ...(a.sizes ? { sizes: a.sizes } : {}) };
    warehouses.set(a.dataset, createBigQueryStandIn({ database: { build }, dataset: a.dataset, jobIdPrefix: `${a.dataset}_`, now: () => clock.now() }));
  }
  const books = agencies.map((a) => LocalSpreadsheet.create(`${a.name}.xlsx`, { timeZone: 'America/Los_Angeles' }));
  const router = new BigQueryRouter(Object.fromEntries(warehouses));
  const runtime = createRuntime({ mode: 'addon', spreadsheet: books[0], spreadsheets: books.slice(1), clock, globals: { BigQuery: router }, ...options.runtime });
  const call = (i: number, name: string, ...args: unknown[]): unknown => runtime.in(books[i] as LocalSpreadsheet).call(name, ...args);
  agencies.forEach((a, i) => {
    call(i, 'onOpen', { authMode: 'FULL' });
    const saved = call(i, 'saveSettingsFromDialog', { project: 'of-scheduler-proj', dataset: a.dataset, location: 'US', maximumBytesBilled: 10 * 1024 ** 3, weekStart: 'MONDAY' }) as { ok: boolean };
    if (!saved.ok) throw new Error(`settings of ${a.name} refused: ${JSON.stringify(saved)}`);
    call(i, 'installAutomation');
  });
  return { runtime, books, warehouses, router, clock, call, close: () => warehouses.forEach((w) => w.close()) };
}
