// Bytes processed and billed, for maximumBytesBilled and the job statistics.
// A job answered from sql/ is estimated as BigQuery bills it (scanEstimate): the partitions its
// filters leave by BigQuery's pruning rules (pruning.ts) and only the columns it reads, widths
// by BigQuery's data-size rules (cloud.google.com/bigquery/pricing#data: INT64/FLOAT64/DATE/
// TIMESTAMP 8 bytes, BOOL 1, NUMERIC 16, STRING 2 + its length: the average length is measured
// on a sample once per table and column). Statements with no GoogleSQL to read (a twin run
// directly) fall back to estimateScan: every base table named, whole, an upper bound.
import type { DuckDBConnection } from '@duckdb/node-api';
import { CANONICAL_DATASET } from './sql-text';

function fixedWidth(dataType: string): number | undefined {
  const t = dataType.toUpperCase();
  if (t.endsWith('[]')) return undefined;
  if (/^(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|DOUBLE|FLOAT|DATE|TIMESTAMP.*|TIME)$/.test(t)) return 8;
  if (t === 'BOOLEAN') return 1;
  if (t.startsWith('DECIMAL')) return 16;
  return undefined;
}

const columnWidths = new Map<string, { rows: number; widths: Map<string, number> }>();

/**
 * Bytes a row of each column takes by BigQuery's data-size rules; a variable one (text, lists) is
 * 2 + its average length (over a sample past 50,000 rows: DuckDB's sample is not the same from one
 * run to the next), measured again when the table doubled or halved.
 */
export async function tableColumnWidths(c: DuckDBConnection, schema: string, table: string, rows: number): Promise<Map<string, number>> {
  const key = `${schema}.${table}`;
  const cached = columnWidths.get(key);
  if (cached && cached.rows > 0 && rows / cached.rows < 2 && rows / cached.rows > 0.5) return cached.widths;
  const cols = (await c.runAndReadAll('SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = $s AND table_name = $t ORDER BY column_index', { s: schema, t: table })).getRowsJS() as Array<[string, string]>;
  const widths = new Map<string, number>();
  const variable = cols.filter(([, type]) => fixedWidth(type) === undefined).map(([n]) => n);
  for (const [n, type] of cols) if (fixedWidth(type) !== undefined) widths.set(n, fixedWidth(type) as number);
  const exprs = variable.map((n) => `coalesce(avg(length(CAST("${n.replace(/"/g, '""')}" AS VARCHAR))), 0)`);
  const avg = rows > 0 && exprs.length > 0
    ? (await c.runAndReadAll(`SELECT ${exprs.join(', ')} FROM (SELECT * FROM "${schema}"."${table}"${rows > 50_000 ? ' USING SAMPLE reservoir(2000 ROWS) REPEATABLE (7)' : ''})`)).getRowsJS()[0] ?? []
    : [];
  variable.forEach((n, i) => widths.set(n, 2 + Number(avg[i] ?? 0)));
  columnWidths.set(key, { rows, widths });
  return widths;
}

async function tableStats(c: DuckDBConnection, schema: string, table: string): Promise<{ rows: number; width: number } | undefined> {
  const row = (await c.runAndReadAll('SELECT estimated_size FROM duckdb_tables() WHERE schema_name = $s AND table_name = $t', { s: schema, t: table })).getRowsJS()[0];
  if (!row) return undefined;
  const rows = Number(row[0] ?? 0);
  const widths = await tableColumnWidths(c, schema, table, rows);
  return { rows, width: [...widths.values()].reduce((a, b) => a + b, 0) };
}

/** Estimated bytes for scanning `tables` ("schema.table" or "table"), views expanded. */
export async function estimateBytes(c: DuckDBConnection, tables: string[]): Promise<number> {
  return (await estimateScan(c, tables)).bytes;
}

/** name → the base tables behind it (views and table macros expanded); definitions rarely change. */
const expansionCache = new Map<string, string[]>();

async function expansion(c: DuckDBConnection, schema: string, table: string): Promise<string[]> {
  const key = `${schema}.${table}`;
  const cached = expansionCache.get(key);
  if (cached) return cached;
  const view = await c.runAndReadAll('SELECT sql FROM duckdb_views() WHERE schema_name = $s AND view_name = $t', { s: schema, t: table });
  let sql = view.getRowsJS()[0]?.[0];
  if (typeof sql !== 'string') {
    const macro = await c.runAndReadAll(
      "SELECT macro_definition FROM duckdb_functions() WHERE schema_name = $s AND function_name = $t AND function_type = 'table_macro' LIMIT 1",
      { s: schema, t: table },
    );
    sql = macro.getRowsJS()[0]?.[0];
  }
  const inner = new Set<string>();
  if (typeof sql === 'string') {
    for (const m of sql.matchAll(new RegExp(`\\b${CANONICAL_DATASET}\\.([A-Za-z_]\\w*)`, 'g'))) inner.add(m[0]);
    try {
      for (const t of c.getTableNames(sql, true)) inner.add(t.replace(/"/g, ''));
    } catch {
      // A definition DuckDB cannot parse on its own (a macro body) still gave its qualified names.
    }
  }
  const out = [...inner];
  expansionCache.set(key, out);
  return out;
}

/** The base tables behind `names`: views and table macros (the twins of table functions) expanded. */
async function baseTables(c: DuckDBConnection, names: string[], out: Map<string, { rows: number; width: number }>, depth: number): Promise<void> {
  for (const qualified of names) {
    const parts = qualified.split('.');
    const table = parts[parts.length - 1] ?? qualified;
    const schema = parts.length > 1 ? (parts[parts.length - 2] ?? 'main') : 'main';
    const key = `${schema}.${table}`;
    if (out.has(key)) continue;
    const stats = await tableStats(c, schema, table);
    if (stats) {
      out.set(key, stats);
      continue;
    }
    if (depth >= 4) continue;
    await baseTables(c, await expansion(c, schema, table), out, depth + 1);
  }
}

/**
 * Estimated bytes and rows for scanning `tables`: each base table once (views and table macros
 * expanded), rows × estimated row width. An upper bound: no column pruning, no partition pruning.
 */
export async function estimateScan(c: DuckDBConnection, tables: string[]): Promise<{ bytes: number; rows: number }> {
  const found = new Map<string, { rows: number; width: number }>();
  await baseTables(c, tables, found, 0);
  let bytes = 0;
  let rows = 0;
  for (const s of found.values()) {
    bytes += s.rows * s.width;
    rows += s.rows;
  }
  return { bytes: Math.round(bytes), rows };
}

const MIB = 1024 * 1024;

/** On-demand billing: rounded up to the MiB, at least 10 MiB per table referenced. */
export function billedBytes(processed: number, tables: number): number {
  if (processed <= 0) return 0;
  return Math.max(10 * MIB * Math.max(1, tables), Math.ceil(processed / MIB) * MIB);
}

/** One table a job reads: the rows of its partitions in range (where), the columns it reads. */
export interface ScanRequest {
  table: string;
  /** A DuckDB predicate on the partition key, or null for every row. */
  where: string | null;
  columns: string[];
}

/** Bytes and rows of a job's reads: only the partitions in range and the columns read. */
export async function scanEstimate(c: DuckDBConnection, requests: ScanRequest[]): Promise<{ bytes: number; rows: number; tables: number }> {
  let bytes = 0;
  let rows = 0;
  for (const r of requests) {
    const table = r.table.split('.').pop() as string;
    const total = (await c.runAndReadAll('SELECT estimated_size FROM duckdb_tables() WHERE schema_name = $s AND table_name = $t', { s: CANONICAL_DATASET, t: table })).getRowsJS()[0];
    if (!total) continue;
    const inRange = r.where === null
      ? Number(total[0] ?? 0)
      : Number((await c.runAndReadAll(`SELECT count(*) FROM "${CANONICAL_DATASET}"."${table}" WHERE ${r.where}`)).getRowsJS()[0]?.[0] ?? 0);
    const widths = await tableColumnWidths(c, CANONICAL_DATASET, table, Number(total[0] ?? 0));
    const width = r.columns.reduce((w, col) => w + (widths.get(col) ?? 0), 0);
    bytes += inRange * width;
    rows += inRange;
  }
  return { bytes: Math.round(bytes), rows, tables: requests.length };
}
