// The fault suite's harness: one small demo warehouse per test file, restored to its built state
// before each scenario (a DuckDB copy of every base table), a fresh workbook and runtime per
// scenario, the daily trigger run to completion, and the run's final state read back and
// normalized so that two runs can be compared row for row (run ids, schedule ids and timestamps
// differ between runs; everything a scheduler or the warehouse keeps must not).
import { openDemo, tabRecords, type Demo } from '../../local/harness/demo';
import type { BigQueryStandIn } from '../../local/runtime/bigquery/index';
import type { RuntimeOptions } from '../../local/runtime/index';

/** Small enough for a fast suite, large enough for several pages, tiers and shared captions. */
export const FAULT_SIZES = { pages: 5, captions: 500, days: 40 };
import { SCHEMA } from '../../local/warehouse/database';
export { SCHEMA };
const SNAPSHOT = 'fault_suite_baseline';

export interface Warehouse {
  bigQuery: BigQueryStandIn;
  tables: string[];
}
export const CHECKPOINT_PREFIX = 'eros.run.checkpoint';

/** Opens the demo warehouse and records its built state as the baseline to restore. */
export async function openWarehouse(sizes: Record<string, number> = FAULT_SIZES): Promise<Warehouse> {
  const demo = await openDemo({ sizes });
  const bigQuery = demo.bigQuery;
  // Jest runs two workers on two cores: one DuckDB thread each avoids oversubscription.
  bigQuery.sql('SET threads = 1; SELECT 1 AS ok');
  const tables = bigQuery
    .sql(`SELECT table_name FROM information_schema.tables WHERE table_schema = '${SCHEMA}' AND table_type = 'BASE TABLE' ORDER BY table_name`)
    .map((r) => String(r.table_name));
  const w = { bigQuery, tables };
  saveWarehouse(w);
  return w;
}

/** Records the warehouse's current state under a name (default: the baseline). */
export function saveWarehouse(w: Warehouse, name = SNAPSHOT): void {
  w.bigQuery.sql([`CREATE SCHEMA IF NOT EXISTS ${name}`, ...w.tables.map((t) => `CREATE OR REPLACE TABLE ${name}.${t} AS SELECT * FROM ${SCHEMA}.${t}`), 'SELECT 1 AS ok'].join(';\n'));
}

/** Source tables the add-on only reads: restored only when a test changed them (they are big). */
export const INPUT_TABLES = new Set(['mass_messages', 'caption_bank', 'creators', 'page_restrictions', 'holiday_calendar']);

/**
 * Puts the base tables back to a saved state and clears the stand-in's fault switches. The input
 * tables are copied back only with `inputs: true` (a test that edited them says so).
 */
export function restoreWarehouse(w: Warehouse, options: { name?: string; inputs?: boolean } = {}): void {
  const name = options.name ?? SNAPSHOT;
  w.bigQuery.faults.clear();
  const tables = w.tables.filter((t) => options.inputs || !INPUT_TABLES.has(t));
  w.bigQuery.sql(['BEGIN TRANSACTION', ...tables.flatMap((t) => [`DELETE FROM ${SCHEMA}.${t}`, `INSERT INTO ${SCHEMA}.${t} SELECT * FROM ${name}.${t}`]), 'COMMIT', 'SELECT 1 AS ok'].join(';\n'));
}

/** Every sleep of a runtime, in order (virtual: retries, polls, lock waits). */
export function sleepRecorder(): { sleeps: number[]; onSleep: (ms: number) => void } {
  const sleeps: number[] = [];
  return { sleeps, onSleep: (ms) => void sleeps.push(ms) };
}

/** A fresh workbook and runtime (own properties, locks, triggers unless shared) on the warehouse. */
export function freshDemo(bigQuery: BigQueryStandIn, runtime: Partial<RuntimeOptions> = {}): Promise<Demo> {
  return openDemo({ bigQuery, runtime });
}

export interface RunOutcome {
  /** Errors thrown by executions (a killed execution's ExecutionKilled among them). */
  errors: unknown[];
  executions: string[];
}

/** Fires follow-up (resume) triggers as the clock reaches them, until none is pending. */
export function drainFollowUps(demo: Demo, outcome: RunOutcome, maxExecutions = 20): void {
  for (let i = 0; i < maxExecutions; i++) {
    const pending = demo.runtime.services.triggers.triggers.filter((t) => t.handler === 'resumeDailyAutomation' && t.nextRunAt !== undefined);
    if (pending.length === 0) return;
    const at = Math.min(...pending.map((t) => t.nextRunAt as number));
    const now = demo.runtime.services.clock.now().getTime();
    if (at > now) demo.clock.advance(at - now);
    for (const f of demo.runtime.fireDueTriggers()) {
      outcome.executions.push(f.handler);
      if (f.error) outcome.errors.push(f.error);
    }
  }
  throw new Error(`follow-up executions still pending after ${maxExecutions}`);
}

/** One execution of a bundle function; its error (if any) is recorded, not thrown. */
export function execute(demo: Demo, outcome: RunOutcome, name: string): void {
  outcome.executions.push(name);
  try {
    demo.runtime.call(name);
  } catch (e) {
    outcome.errors.push(e);
  }
}

/** The daily trigger, then every follow-up execution it schedules. */
export function runDailyToEnd(demo: Demo): RunOutcome {
  const outcome: RunOutcome = { errors: [], executions: [] };
  execute(demo, outcome, 'runDailyAutomation');
  drainFollowUps(demo, outcome);
  return outcome;
}

/** Stored run checkpoints (any kind). */
export function checkpoints(demo: Demo): string[] {
  const out: string[] = [];
  const stores = demo.runtime.services.properties;
  for (const name of ['script', `document:${demo.book.id}`]) {
    for (const key of Object.keys(stores.store(name))) if (key.startsWith(CHECKPOINT_PREFIX)) out.push(`${name}:${key}`);
  }
  return out;
}

export const sqlRows = (bq: BigQueryStandIn, sql: string): Array<Record<string, unknown>> => bq.sql(sql);

export const lastRun = (demo: Demo): Record<string, unknown> => {
  const runs = tabRecords(demo.runtime, 'Runs');
  return runs[runs.length - 1] ?? {};
};

export const overviewByPage = (demo: Demo): Map<string, Record<string, unknown>> =>
  new Map(tabRecords(demo.runtime, 'Overview').map((r) => [String(r.Page), r]));

export { tabRecords };

/**
 * The BigQuery global as a server that caps result pages at `rows` rows whatever maxResults asks
 * (BigQuery caps a page at 10 MB the same way), so every read must follow pageToken.
 */
export function pageCappedBigQuery(bq: BigQueryStandIn, rows: number): { Jobs: Record<string, (...args: unknown[]) => unknown> } {
  const jobs = bq.service.Jobs;
  return {
    Jobs: {
      insert: (job, projectId, media) => jobs.insert(job, projectId, media),
      query: (request, projectId) => jobs.query(request, projectId),
      get: (projectId, jobId, args) => jobs.get(projectId, jobId, args),
      getQueryResults: (projectId, jobId, args) => {
        const a = (args ?? {}) as Record<string, unknown>;
        const asked = a.maxResults === undefined ? Infinity : Number(a.maxResults);
        return jobs.getQueryResults(projectId, jobId, { ...a, maxResults: Math.min(asked, rows) });
      },
    },
  };
}

/** One fault-suite warehouse for a test file: opened once, restored before each test, closed after. */
export function sharedWarehouse(): () => Warehouse {
  let w: Warehouse | undefined;
  beforeAll(async () => {
    w = await openWarehouse();
  }, 120_000);
  afterAll(() => w?.bigQuery.close());
  beforeEach(() => restoreWarehouse(w as Warehouse));
  return () => w as Warehouse;
}
