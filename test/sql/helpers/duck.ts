/**
 * An in-memory DuckDB with the project's twins loaded (session time zone UTC, BigQuery's NULL
 * ordering), fixture loading, and a script runner that binds $params by name per statement.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DuckDBInstance, ResultReturnType, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { parseProgram, resolveCalls, runBlock, type ProcedureSource } from '../../../local/runtime/bigquery/program';
import { parseProcedureArgs } from '../../../local/runtime/bigquery/registry';
import { SESSION_SQL } from '../../../local/warehouse/database';
import { deployOrder, repoRoot, type SqlFile } from '../../../tools/sql/files';
import { fromDuckValue, toDuckType, toDuckValue, type SqlType, type SqlValue } from '../../../tools/sql/types';

export type Params = Record<string, { type: SqlType; value: SqlValue }>;
export type Row = Record<string, SqlValue>;

const TWINS = path.join(repoRoot(), 'local', 'warehouse', 'twins');

export function twinText(kind: string, name: string): string {
  return fs.readFileSync(path.join(TWINS, kind, `${name}.sql`), 'utf8');
}

export async function openTwinWarehouse(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  for (const s of SESSION_SQL) await conn.run(s);
  await conn.run('CREATE SCHEMA eros_scheduling_brain');
  // DuckDB binds macros and views when they are created: load in reference order.
  const files: SqlFile[] = [];
  for (const kind of ['tables', 'functions', 'table_functions', 'views'] as const) {
    for (const f of fs.readdirSync(path.join(TWINS, kind)).filter((n) => n.endsWith('.sql')).sort()) {
      files.push({ kind, name: f.slice(0, -4), relPath: `twins/${kind}/${f}`, text: fs.readFileSync(path.join(TWINS, kind, f), 'utf8') });
    }
  }
  for (const f of deployOrder(files)) await runScript(conn, f.text, {});
  return conn;
}

/** A procedure twin and its declared parameters (from sql/procedures), for CALL inside twins. */
function procedureSource(name: string): ProcedureSource | undefined {
  const file = path.join(TWINS, 'procedures', `${name}.sql`);
  if (!fs.existsSync(file)) return undefined;
  const params = parseProcedureArgs(fs.readFileSync(path.join(repoRoot(), 'sql', 'procedures', `${name}.sql`), 'utf8')) ?? [];
  return { text: fs.readFileSync(file, 'utf8'), params };
}

/** Runs the statements of one text, binding $params by name; the last result set is kept. */
async function runText(conn: DuckDBConnection, sql: string, params: Params, last: { rows: Record<string, unknown>[] }, trackRows: boolean): Promise<void> {
  const extracted = await conn.extractStatements(sql);
  for (let i = 0; i < extracted.count; i++) {
    const stmt = await extracted.prepare(i);
    const values: Record<string, DuckDBValue> = {};
    const types: Record<string, DuckDBType> = {};
    for (let p = 1; p <= stmt.parameterCount; p++) {
      const name = stmt.parameterName(p);
      const param = params[name];
      if (!param) throw new Error(`twin statement ${i + 1} needs parameter $${name}`);
      values[name] = toDuckValue(param.type, param.value);
      types[name] = toDuckType(param.type);
    }
    if (stmt.parameterCount > 0) stmt.bind(values, types);
    const reader = await stmt.runAndReadAll();
    if (reader.returnType === ResultReturnType.CHANGED_ROWS) {
      if (trackRows) await conn.run(`SET VARIABLE bq_row_count = ${reader.rowsChanged}::BIGINT`);
    } else if (reader.returnType === ResultReturnType.QUERY_RESULT) {
      last.rows = reader.getRowObjectsJS() as Record<string, unknown>[];
    }
  }
}

/**
 * Runs a twin script as the stand-in does (blocks with exception handlers, CALLs of procedure
 * twins: local/runtime/bigquery/program.ts); returns the rows of the last result set.
 */
export async function runScript(conn: DuckDBConnection, sql: string, params: Params): Promise<Record<string, unknown>[]> {
  const last: { rows: Record<string, unknown>[] } = { rows: [] };
  const trackRows = sql.includes('bq_row_count') || sql.includes('CALL ');
  const program = resolveCalls(parseProgram(sql), procedureSource);
  await runBlock(program, {
    run: async (text) => {
      try {
        await runText(conn, text, params, last, trackRows);
      } catch (e) {
        await conn.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
    },
  });
  return last.rows;
}

export async function insertRows(conn: DuckDBConnection, table: string, columns: { name: string; type: SqlType }[], rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const stmt = await conn.prepare(
    `INSERT INTO eros_scheduling_brain.${table} (${columns.map((c) => c.name).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`);
  for (const row of rows) {
    stmt.bind(columns.map((c) => toDuckValue(c.type, row[c.name] ?? null)), columns.map((c) => toDuckType(c.type)));
    await stmt.run();
  }
}

export async function tableRows(conn: DuckDBConnection, table: string, columns: { name: string; type: SqlType }[], where = 'TRUE'): Promise<Row[]> {
  const reader = await conn.runAndReadAll(`SELECT * FROM eros_scheduling_brain.${table} WHERE ${where}`);
  return (reader.getRowObjectsJS() as Record<string, unknown>[]).map((r) => normalizeDuckRow(r, columns));
}

export function normalizeDuckRow(row: Record<string, unknown>, columns: { name: string; type: SqlType }[]): Row {
  return Object.fromEntries(columns.map((c) => [c.name, fromDuckValue(c.type, row[c.name])]));
}
