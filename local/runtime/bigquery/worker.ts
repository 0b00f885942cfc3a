// The DuckDB side of the stand-in, run in a worker thread. The main thread blocks on a shared
// Int32Array (Atomics.wait) after posting a request; we answer on a MessagePort the main thread
// drains synchronously (receiveMessageOnPort), then flip the flag and notify.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { DuckDBInstance, ResultReturnType, StatementType, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { buildWarehouse } from '../../warehouse/index';
import { duckType, duckValue, fieldFor, rawCell } from './duck-values';
import { billedBytes, estimateBytes } from './estimate';
import type { BoundParam, ExecResult, Field, RawCell, WorkerRequest, WorkerResponse } from './types';

interface Init {
  signal: SharedArrayBuffer;
  port: MessagePort;
}

const { signal, port } = workerData as Init;
const flag = new Int32Array(signal);
let instance: DuckDBInstance | undefined;
let conn: DuckDBConnection | undefined;

// BigQuery's behaviour the session must match (FIELD-NOTES: DuckDB as BigQuery's local twin).
const SESSION = ["SET TimeZone='UTC'", "SET default_null_order='nulls_first_on_asc_last_on_desc'"];

function reply(r: WorkerResponse): void {
  port.postMessage(r);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

function connection(): DuckDBConnection {
  if (!conn) throw new Error('the warehouse is not open');
  return conn;
}

async function open(path: string, initSql: string[]): Promise<void> {
  instance = await DuckDBInstance.create(path);
  conn = await instance.connect();
  for (const s of [...SESSION, ...initSql]) await conn.run(s);
}

async function build(options: Record<string, unknown>): Promise<unknown> {
  const handle = await buildWarehouse(options as unknown as Parameters<typeof buildWarehouse>[0]);
  instance = handle.instance;
  conn = handle.connection;
  for (const s of SESSION) await handle.connection.run(s);
  return handle.summary;
}

const TXN = /^\s*(BEGIN|COMMIT|ROLLBACK)\b/im;

async function exec(statements: string[], params: BoundParam[], transaction: boolean, log?: { creationMicros: string; userEmail: string }): Promise<ExecResult> {
  const c = connection();
  const started = Date.now();
  const byName = new Map(params.map((p) => [p.name.toLowerCase(), p]));
  const script = statements.join(';\n');
  const tables = tablesOf(c, statements);
  const bytesProcessed = await estimateBytes(c, tables);
  const wrap = transaction && !TXN.test(script);
  let fields: Field[] = [];
  let rows: RawCell[][] = [];
  let hasResult = false;
  let count = 0;
  let lastType = 'SCRIPT';
  let lastChanged: number | undefined;
  if (wrap) await c.run('BEGIN TRANSACTION');
  try {
    for (const text of statements) {
      const extracted = await c.extractStatements(typeNullParams(text, params));
      for (let i = 0; i < extracted.count; i++) {
        const prepared = await extracted.prepare(i);
        const values: Record<string, ReturnType<typeof duckValue>> = {};
        const types: Record<string, DuckDBType> = {};
        for (let k = 1; k <= prepared.parameterCount; k++) {
          const name = prepared.parameterName(k);
          const p = byName.get(name.toLowerCase());
          if (!p) throw new Error(`Query parameter '${name}' not found`);
          values[name] = duckValue(p.type, p.value);
          types[name] = duckType(p.type);
        }
        if (prepared.parameterCount > 0) prepared.bind(values, types);
        const reader = await prepared.runAndReadAll();
        count += 1;
        lastType = StatementType[prepared.statementType] ?? 'UNKNOWN';
        lastChanged = reader.returnType === ResultReturnType.CHANGED_ROWS ? reader.rowsChanged : undefined;
        if (reader.returnType === ResultReturnType.QUERY_RESULT) {
          const names = reader.columnNames();
          fields = names.map((n, j) => fieldFor(n, reader.columnType(j)));
          rows = reader.getRows().map((r) => r.map((v, j) => rawCell(fields[j] as Field, v)));
          hasResult = true;
        }
      }
    }
    if (wrap) await c.run('COMMIT');
  } catch (e) {
    if (wrap) await c.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
  const single = count === 1;
  const statementType = single ? (lastType === 'MERGE_INTO' ? 'MERGE' : lastType) : 'SCRIPT';
  if (log) await logJob(c, log, billedBytes(bytesProcessed, tables.length), statementType);
  return {
    fields,
    rows,
    hasResult,
    dmlAffectedRows: single && lastChanged !== undefined ? lastChanged : undefined,
    statementType,
    bytesProcessed,
    tables,
    durationMs: Date.now() - started,
  };
}

/**
 * DuckDB binds a NULL value without a type, so `SELECT $p` would come back INTEGER; BigQuery keeps
 * the declared type. NULL-valued parameters are therefore cast to their declared type in the text.
 */
function typeNullParams(text: string, params: BoundParam[]): string {
  let out = text;
  for (const p of params) {
    if (p.value !== null) continue;
    const re = new RegExp(`\\$${p.name}\\b`, 'gi');
    out = out.replace(re, () => `CAST($${p.name} AS ${duckType(p.type).toString()})`);
  }
  return out;
}

let hasJobsTable: boolean | undefined;

/** Feeds the local INFORMATION_SCHEMA.JOBS_BY_PROJECT stand-in, when the schema has it. */
async function logJob(c: DuckDBConnection, log: { creationMicros: string; userEmail: string }, billed: number, statementType: string): Promise<void> {
  if (hasJobsTable === undefined || !hasJobsTable) {
    const r = await c.runAndReadAll(
      "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'eros_scheduling_brain' AND table_name = 'jobs_by_project'",
    );
    hasJobsTable = Number(r.getRowsJS()[0]?.[0] ?? 0) > 0;
    if (!hasJobsTable) return;
  }
  await c.run(
    'INSERT INTO eros_scheduling_brain.jobs_by_project VALUES (make_timestamptz(CAST($t AS BIGINT)), CAST($b AS BIGINT), $k, $s, $st, $u)',
    { t: BigInt(log.creationMicros), b: BigInt(billed), k: 'QUERY', s: statementType, st: 'DONE', u: log.userEmail },
  );
}

/** Tables the statements name (dataset-qualified), via DuckDB's own parser. */
function tablesOf(c: DuckDBConnection, statements: string[]): string[] {
  const out = new Set<string>();
  for (const s of statements) {
    // DuckDB's parser does not list the target of UPDATE/DELETE/MERGE; the qualifier does.
    for (const m of s.matchAll(/\beros_scheduling_brain(?:_hidden)?\.([A-Za-z_]\w*)/g)) out.add(m[0]);
    try {
      for (const t of c.getTableNames(s, true)) out.add(t.replace(/"/g, ''));
    } catch {
      // A script DuckDB cannot parse as a whole fails properly when it runs.
    }
  }
  return [...out];
}

async function estimate(statements: string[]): Promise<{ bytesProcessed: number; tables: string[] }> {
  const c = connection();
  const tables = tablesOf(c, statements);
  return { bytesProcessed: await estimateBytes(c, tables), tables };
}

async function handle(req: WorkerRequest & { estimateOnly?: boolean }): Promise<unknown> {
  switch (req.op) {
    case 'open':
      return open(req.path, req.initSql);
    case 'build':
      return build(req.options);
    case 'exec':
      return req.estimateOnly ? estimate(req.statements) : exec(req.statements, req.params, req.transaction, req.log);
    case 'sql': {
      const reader = await connection().runAndReadAll(req.sql);
      return reader.getRowObjectsJson();
    }
    case 'close':
      conn?.closeSync();
      instance?.closeSync();
      conn = undefined;
      instance = undefined;
      return null;
  }
}

let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (req: WorkerRequest) => {
  queue = queue.then(async () => {
    try {
      reply({ ok: true, value: await handle(req) });
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply({ ok: false, message: err.message, stack: err.stack });
    }
  });
});

// A failure outside a request must still wake the blocked main thread.
process.on('uncaughtException', (e) => reply({ ok: false, message: `DuckDB worker crashed: ${e.message}`, stack: e.stack }));
process.on('unhandledRejection', (e) => reply({ ok: false, message: `DuckDB worker crashed: ${String(e)}` }));
