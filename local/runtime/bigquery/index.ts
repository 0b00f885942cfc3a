// The Advanced BigQuery Service stand-in over DuckDB.
//
//   const standIn = createBigQueryStandIn({ database: { build: { preset: 'demo', seed: 7 } } });
//   runtime globals: { BigQuery: standIn.service }
//   standIn.faults.fail('rateLimitExceeded', { times: 2 });   // behaviour switches
//   standIn.jobs                                               // every job, for benchmarks
//   standIn.sql('SELECT count(*) n FROM eros_scheduling_brain.mass_messages')  // inspection
//   standIn.close();
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine, type JobRecord } from './engine';
import type { Concurrency } from './concurrency';
import type { Faults } from './faults';
import { TwinRegistry, type RegistryDirs } from './registry';
import { BigQueryService } from './service';
import { SyncWorker } from './sync-worker';
import { CANONICAL_DATASET } from './sql-text';

export type { JobRecord } from './engine';
export type { FaultOptions, Method } from './faults';
export { GoogleJsonResponseException, AppsScriptException, DEFAULT_MESSAGE, type Reason } from './errors';
export { BigQueryRouter } from './router';

export interface StandInOptions {
  projectId?: string;
  /** The dataset the bundle is configured with (normalized back to eros_scheduling_brain). */
  dataset?: string;
  /** The dataset's location; jobs report it and getQueryResults checks it (default 'US'). */
  location?: string;
  /**
   * The warehouse: an existing DuckDB file (`path`, e.g. written by buildWarehouse and closed),
   * or one built inside the worker (`build`: buildWarehouse options; default: empty schema).
   */
  database?: { path: string } | { build: Record<string, unknown> };
  /** Project root (for sql/ and local/warehouse/twins/); found from package.json by default. */
  root?: string;
  /** Override the folders the twin registry scans (contract tests use fixtures). */
  registry?: Partial<RegistryDirs>;
  /** Run statements without a twin directly on DuckDB (@p → $p). For contract tests only. */
  passthrough?: boolean;
  /** Clock for CURRENT_DATE()/CURRENT_TIMESTAMP(): CALL arguments and the twins' bq_now. */
  now?: () => Date;
  /** user_email recorded in jobs_by_project (default 'scheduler@example.com'). */
  userEmail?: string;
  /** Prefix of the job ids it makes (default 'job_'): distinct per stand-in behind one router. */
  jobIdPrefix?: string;
}

export interface BigQueryStandIn {
  /** Install as the global `BigQuery`. */
  readonly service: BigQueryService;
  readonly faults: Faults;
  /** Two writers at once: run a job alongside the next matching one (concurrency.ts). */
  readonly concurrency: Concurrency;
  readonly jobs: JobRecord[];
  readonly registry: TwinRegistry;
  /** Summary returned by the warehouse build, when the worker built it. */
  readonly warehouse: unknown;
  /** Runs DuckDB SQL directly (not through the API) and returns rows as JSON-safe objects. */
  sql(sql: string): Array<Record<string, unknown>>;
  /** Follow another clock (the runtime now using this stand-in). */
  useClock(now: () => Date): void;
  close(): void;
}

export function findProjectRoot(from = __dirname): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'sql'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no project root (package.json beside sql/) above ${from}`);
    dir = up;
  }
}

export function createBigQueryStandIn(options: StandInOptions = {}): BigQueryStandIn {
  const root = options.root ?? findProjectRoot();
  const registry = new TwinRegistry({
    sqlDir: options.registry?.sqlDir ?? path.join(root, 'sql'),
    twinsDir: options.registry?.twinsDir ?? path.join(root, 'local', 'warehouse', 'twins'),
  });
  const worker = new SyncWorker();
  let warehouse: unknown = null;
  try {
    const db = options.database ?? { build: { preset: 'empty' } };
    if ('path' in db) worker.call({ op: 'open', path: db.path, initSql: [] });
    else warehouse = worker.call({ op: 'build', options: db.build });
  } catch (e) {
    worker.close();
    throw e;
  }
  const engine = new Engine(worker, registry, {
    projectId: options.projectId ?? 'of-scheduler-proj',
    dataset: options.dataset ?? CANONICAL_DATASET,
    location: options.location ?? 'US',
    passthrough: options.passthrough ?? false,
    now: options.now ?? (() => new Date()),
    userEmail: options.userEmail ?? 'scheduler@example.com',
    ...(options.jobIdPrefix ? { jobIdPrefix: options.jobIdPrefix } : {}),
  });
  return {
    service: new BigQueryService(engine),
    faults: engine.faults,
    concurrency: engine.concurrency,
    jobs: engine.jobs,
    registry,
    warehouse,
    sql: (sql) => worker.call<Array<Record<string, unknown>>>({ op: 'sql', sql, nowMicros: engine.nowMicros() }),
    useClock: (now) => engine.useClock(now),
    close: () => worker.close(),
  };
}
