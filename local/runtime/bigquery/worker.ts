// The DuckDB side of the stand-in, run in a worker thread. The main thread blocks on a shared
// Int32Array (Atomics.wait) after posting a request; we answer on a MessagePort the main thread
// drains synchronously (receiveMessageOnPort), then flip the flag and notify.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { DuckDBInstance, ResultReturnType, StatementType, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { SCHEMA, SESSION_SQL as SESSION } from '../../warehouse/database';
import { buildWarehouse } from '../../warehouse/index';
import { duckType, duckValue, fieldFor, rawCell } from './duck-values';
import { billedBytes, estimateScan, scanEstimate } from './estimate';
import { checkJsonRows, type LoadOutcome, type TableColumn } from './load';
import { needsRunner, runBlock, type StatementRunner } from './program';
import type { BoundParam, ExecResult, Field, RawCell, WorkerRequest, WorkerResponse } from './types';

interface Init {
  signal: SharedArrayBuffer;
  port: MessagePort;
}

const { signal, port } = workerData as Init;
const flag = new Int32Array(signal);
let instance: DuckDBInstance | undefined;
let conn: DuckDBConnection | undefined;


/** The twins read CURRENT_TIMESTAMP() as bq_now: the stand-in's clock, not the machine's. */
async function setClock(c: DuckDBConnection, nowMicros: string | undefined): Promise<void> {
  if (nowMicros !== undefined) await c.run('SET VARIABLE bq_now = make_timestamptz(CAST($t AS BIGINT))', { t: BigInt(nowMicros) });
}

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

/** Results kept worker-side (large ones), newest last; BigQuery keeps results for a day. */
const stored = new Map<string, RawCell[][]>();
const STORED_MAX = 64;
/** Results up to this many rows travel back whole. */
const INLINE_ROWS = 2000;

function keep(id: string, rows: RawCell[][]): void {
  stored.set(id, rows);
  while (stored.size > STORED_MAX) stored.delete(stored.keys().next().value as string);
}

interface RunState {
  /** An explicit transaction is open (BEGIN ran, no COMMIT or ROLLBACK yet). */
  open: boolean;
  /** The concurrent writer's abort, met at the next COMMIT (concurrency.ts). */
  abortAtCommit: string | undefined;
  fields: Field[];
  rows: RawCell[][];
  hasResult: boolean;
  count: number;
  lastType: string;
  lastChanged: number | undefined;
}

/** Runs the statements of one text, binding $params by name; keeps the last result in `state`. */
async function runText(c: DuckDBConnection, text: string, params: BoundParam[], state: RunState, trackRows: boolean): Promise<void> {
  const byName = new Map(params.map((p) => [p.name.toLowerCase(), p]));
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
    const type = StatementType[prepared.statementType] ?? 'UNKNOWN';
    if (type === 'TRANSACTION' && state.open && state.abortAtCommit !== undefined) {
      const abort = state.abortAtCommit;
      state.abortAtCommit = undefined;
      throw new Error(abort);
    }
    const reader = await prepared.runAndReadAll();
    if (type === 'TRANSACTION') state.open = !state.open;
    state.count += 1;
    state.lastType = type;
    state.lastChanged = reader.returnType === ResultReturnType.CHANGED_ROWS ? reader.rowsChanged : undefined;
    // @@row_count: the rows the last DML statement changed.
    if (trackRows && state.lastChanged !== undefined) await c.run(`SET VARIABLE bq_row_count = ${state.lastChanged}::BIGINT`);
    if (reader.returnType === ResultReturnType.QUERY_RESULT) {
      const names = reader.columnNames();
      state.fields = names.map((n, j) => fieldFor(n, reader.columnType(j)));
      state.rows = reader.getRows().map((r) => r.map((v, j) => rawCell(state.fields[j] as Field, v)));
      state.hasResult = true;
    }
  }
}

type ExecRequest = Extract<WorkerRequest, { op: 'exec' }>;

async function exec(req: ExecRequest): Promise<ExecResult> {
  const { statements, params, transaction, log, keepAs, program } = req;
  const c = connection();
  await setClock(c, req.nowMicros);
  const started = Date.now();
  const script = statements.join(';\n');
  const tables = tablesOf(c, statements);
  const scan = req.bytesEstimate ?? await estimateScan(c, tables);
  const bytesProcessed = scan.bytes;
  const billedTables = req.bytesEstimate?.tables ?? tables.length;
  const state: RunState = { open: false, abortAtCommit: req.abortAtCommit, fields: [], rows: [], hasResult: false, count: 0, lastType: 'SCRIPT', lastChanged: undefined };
  const trackRows = script.includes('bq_row_count');
  const runner: StatementRunner = {
    run: async (text) => {
      try {
        await runText(c, text, params, state, trackRows);
      } catch (e) {
        // A failed statement must not leave the connection inside a failed transaction.
        await c.run('ROLLBACK').catch(() => undefined);
        state.open = false;
        throw e;
      }
    },
  };
  if (program && needsRunner(program)) {
    await runBlock(program, runner);
  } else {
    const wrap = transaction && !TXN.test(script);
    if (wrap) await c.run('BEGIN TRANSACTION');
    for (const text of statements) await runner.run(text);
    if (wrap) await c.run('COMMIT');
  }
  const single = state.count === 1;
  const statementType = single ? (state.lastType === 'MERGE_INTO' ? 'MERGE' : state.lastType) : 'SCRIPT';
  if (log) await logJob(c, log, billedBytes(bytesProcessed, billedTables), statementType);
  const rowCount = state.rows.length;
  const keepHere = keepAs !== undefined && rowCount > INLINE_ROWS;
  if (keepHere) keep(keepAs, state.rows);
  return {
    fields: state.fields,
    rows: keepHere ? [] : state.rows,
    rowCount,
    stored: keepHere,
    hasResult: state.hasResult,
    dmlAffectedRows: single && state.lastChanged !== undefined ? state.lastChanged : undefined,
    statementType,
    bytesProcessed,
    rowsScanned: scan.rows,
    tables,
    durationMs: Date.now() - started,
  };
}

/** Appends newline-delimited JSON to a table the way a BigQuery load job does (all or nothing). */
async function load(table: string, data: string, disposition: string, log?: { creationMicros: string; userEmail: string }): Promise<LoadOutcome> {
  const c = connection();
  const [schema = '', name = ''] = table.split('.');
  const colReader = await c.runAndReadAll(
    'SELECT column_name, data_type, is_nullable FROM duckdb_columns() WHERE schema_name = $s AND table_name = $t ORDER BY column_index',
    { s: schema, t: name },
  );
  const columns: TableColumn[] = (colReader.getRowsJS() as Array<[string, string, boolean]>).map(([n, type, nullable]) => ({ name: n, type, nullable }));
  if (columns.length === 0) return { ok: false, errors: [{ reason: 'notFound', message: `Not found: Table ${table}` }] };
  const checked = checkJsonRows(data, columns);
  if (!checked.ok) return checked;
  if (disposition === 'WRITE_EMPTY') {
    const n = await c.runAndReadAll(`SELECT count(*) FROM "${schema}"."${name}"`);
    if (Number(n.getRowsJS()[0]?.[0] ?? 0) > 0) return { ok: false, errors: [{ reason: 'duplicate', message: `Already Exists: Table ${table}` }] };
  }
  const file = path.join(os.tmpdir(), `bq-load-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, data);
  const spec = columns.map((col) => `'${col.name.replace(/'/g, "''")}': '${col.type.replace(/'/g, "''")}'`).join(', ');
  try {
    await c.run('BEGIN TRANSACTION');
    if (disposition === 'WRITE_TRUNCATE') await c.run(`DELETE FROM "${schema}"."${name}"`);
    if (checked.rows > 0) {
      await c.run(`INSERT INTO "${schema}"."${name}" SELECT * FROM read_json($file, format = 'newline_delimited', columns = {${spec}})`, { file });
    }
    await c.run('COMMIT');
  } catch (e) {
    await c.run('ROLLBACK').catch(() => undefined);
    const message = e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e);
    return { ok: false, errors: [{ reason: 'invalid', message: `Error while reading data, error message: ${message}` }] };
  } finally {
    fs.rmSync(file, { force: true });
  }
  if (log) await logJob(c, log, 0, null, 'LOAD');
  return { ok: true, rows: checked.rows, bytes: Buffer.byteLength(data) };
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
async function logJob(
  c: DuckDBConnection,
  log: { creationMicros: string; userEmail: string },
  billed: number,
  statementType: string | null,
  jobType = 'QUERY',
): Promise<void> {
  if (hasJobsTable === undefined || !hasJobsTable) {
    const r = await c.runAndReadAll(
      `SELECT count(*) FROM duckdb_tables() WHERE schema_name = '${SCHEMA}' AND table_name = 'jobs_by_project'`,
    );
    hasJobsTable = Number(r.getRowsJS()[0]?.[0] ?? 0) > 0;
    if (!hasJobsTable) return;
  }
  await c.run(
    `INSERT INTO ${SCHEMA}.jobs_by_project VALUES (make_timestamptz(CAST($t AS BIGINT)), CAST($b AS BIGINT), $k, NULLIF($s, ''), $st, $u)`,
    { t: BigInt(log.creationMicros), b: BigInt(billed), k: jobType, s: statementType ?? '', st: 'DONE', u: log.userEmail },
  );
}

const QUALIFIED = new RegExp(`\\b${SCHEMA}(?:_hidden)?\\.([A-Za-z_]\\w*)`, 'g');

/** Tables the statements name (dataset-qualified), via DuckDB's own parser. */
function tablesOf(c: DuckDBConnection, statements: string[]): string[] {
  const out = new Set<string>();
  for (const s of statements) {
    // DuckDB's parser does not list the target of UPDATE/DELETE/MERGE; the qualifier does.
    for (const m of s.matchAll(QUALIFIED)) out.add(m[0]);
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
  return { bytesProcessed: (await estimateScan(c, tables)).bytes, tables };
}

async function handle(req: WorkerRequest & { estimateOnly?: boolean }): Promise<unknown> {
  switch (req.op) {
    case 'open':
      return open(req.path, req.initSql);
    case 'build':
      return build(req.options);
    case 'exec':
      return req.estimateOnly ? estimate(req.statements) : exec(req);
    case 'scan':
      return scanEstimate(connection(), req.requests);
    case 'rows': {
      const rows = stored.get(req.id);
      if (!rows) throw new Error(`the result of ${req.id} is no longer kept by the stand-in`);
      return rows.slice(req.offset, req.offset + req.limit);
    }
    case 'load':
      return load(req.table, req.data, req.disposition, req.log);
    case 'sql': {
      await setClock(connection(), req.nowMicros);
      const reader = await connection().runAndReadAll(req.sql);
      return reader.getRowObjectsJson();
    }
    case 'close':
      stored.clear();
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
