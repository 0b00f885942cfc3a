// Opens a DuckDB warehouse and creates the eros_scheduling_brain schema from the twins:
// tables, then functions → table_functions → views (retrying files that depend on later ones),
// then seed twins. Whatever the SQL engineer has added to local/warehouse/twins/ is loaded.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

import { DEFAULT_DATASET } from '../../src/core/run/qualify';

/** The twins live in a DuckDB schema named as the dataset the SQL files qualify. */
export const SCHEMA = DEFAULT_DATASET;
export const HIDDEN_SCHEMA = `${DEFAULT_DATASET}_hidden`;
export const TWINS_DIR = path.join(__dirname, 'twins');

// BigQuery's behaviour every session must match: timestamps in UTC whatever the machine's TZ, and
// NULLs first when sorting ascending, last descending (DuckDB's default is NULLs last both ways).
// bq_now is the twins' CURRENT_TIMESTAMP(): the stand-in sets it per job from its clock; scripts
// run directly on a connection get the time it was opened.
export const SESSION_SQL = [
  "SET TimeZone='UTC'",
  "SET default_null_order='nulls_first_on_asc_last_on_desc'",
  'SET VARIABLE bq_now = now()',
];

export interface LoadReport {
  loaded: string[];
  /** Files that still failed when no further progress was possible, with DuckDB's error. */
  failed: Array<{ file: string; error: string }>;
}

function sqlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Runs each file; files that fail are retried after the others until a round makes no progress. */
export async function loadInDependencyOrder(conn: DuckDBConnection, files: string[], twinsDir = TWINS_DIR): Promise<LoadReport> {
  const report: LoadReport = { loaded: [], failed: [] };
  let pending = files;
  while (pending.length > 0) {
    const failed: Array<{ file: string; error: string }> = [];
    for (const file of pending) {
      try {
        await conn.run(fs.readFileSync(file, 'utf8'));
        report.loaded.push(path.relative(twinsDir, file));
      } catch (e) {
        failed.push({ file, error: e instanceof Error ? e.message : String(e) });
      }
    }
    if (failed.length === pending.length) {
      report.failed = failed.map((f) => ({ file: path.relative(twinsDir, f.file), error: f.error }));
      break;
    }
    pending = failed.map((f) => f.file);
  }
  return report;
}

export interface OpenedDatabase {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  report: LoadReport;
}

/** Opens (or creates) the database at `dbPath` (':memory:' for none) with the schema in place. */
export async function openDatabase(dbPath = ':memory:', twinsDir = TWINS_DIR): Promise<OpenedDatabase> {
  if (dbPath !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  const instance = await DuckDBInstance.create(dbPath);
  const connection = await instance.connect();
  for (const s of SESSION_SQL) await connection.run(s);
  await connection.run(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  await connection.run(`CREATE SCHEMA IF NOT EXISTS ${HIDDEN_SCHEMA}`);
  const report: LoadReport = { loaded: [], failed: [] };
  // Tables first: they are the schema contract, so any failure here is fatal.
  for (const file of sqlFiles(path.join(twinsDir, 'tables'))) {
    try {
      await connection.run(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw Object.assign(new Error(`table twin ${path.relative(twinsDir, file)} failed: ${e instanceof Error ? e.message : String(e)}`), { cause: e });
    }
    report.loaded.push(path.relative(twinsDir, file));
  }
  for (const kind of ['functions', 'table_functions', 'views']) {
    const r = await loadInDependencyOrder(connection, sqlFiles(path.join(twinsDir, kind)), twinsDir);
    report.loaded.push(...r.loaded);
    report.failed.push(...r.failed);
  }
  return { instance, connection, report };
}

/** Runs the seed twins (e.g. twins/seed/holiday_calendar.sql) if the SQL engineer provided them. */
export async function runSeedTwins(conn: DuckDBConnection, twinsDir = TWINS_DIR): Promise<LoadReport> {
  return loadInDependencyOrder(conn, sqlFiles(path.join(twinsDir, 'seed')), twinsDir);
}
