// Bytes-processed proxy for the benchmark table and maximumBytesBilled.
// Method: for every base table the statement names (views are expanded to their tables), rows ×
// estimated row width, with widths by BigQuery's data-size rules (INT64/FLOAT64/DATE/TIMESTAMP 8
// bytes, BOOL 1, NUMERIC 16, STRING 2 + length: the average length is measured once per table
// and column). BigQuery reads only the referenced columns and prunes partitions, so this is an
// upper bound, the same for every run of the same query on the same data: fit for comparisons.
import type { DuckDBConnection } from '@duckdb/node-api';
import { CANONICAL_DATASET } from './sql-text';

const widthCache = new Map<string, { rows: number; width: number }>();

function fixedWidth(dataType: string): number | undefined {
  const t = dataType.toUpperCase();
  if (t.endsWith('[]')) return undefined;
  if (/^(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|DOUBLE|FLOAT|DATE|TIMESTAMP.*|TIME)$/.test(t)) return 8;
  if (t === 'BOOLEAN') return 1;
  if (t.startsWith('DECIMAL')) return 16;
  return undefined;
}

async function tableStats(c: DuckDBConnection, schema: string, table: string): Promise<{ rows: number; width: number } | undefined> {
  const countReader = await c.runAndReadAll(
    'SELECT estimated_size FROM duckdb_tables() WHERE schema_name = $s AND table_name = $t',
    { s: schema, t: table },
  );
  const row = countReader.getRowsJS()[0];
  if (!row) return undefined;
  const rows = Number(row[0] ?? 0);
  const key = `${schema}.${table}`;
  const cached = widthCache.get(key);
  // Widths move little as rows are added; re-measure when the table grew or shrank by 2×.
  if (cached && cached.rows > 0 && rows / cached.rows < 2 && rows / cached.rows > 0.5) return { rows, width: cached.width };
  const cols = await c.runAndReadAll(
    'SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = $s AND table_name = $t ORDER BY column_index',
    { s: schema, t: table },
  );
  let width = 0;
  const variable: string[] = [];
  for (const [name, type] of cols.getRowsJS() as Array<[string, string]>) {
    const w = fixedWidth(type);
    if (w === undefined) variable.push(name);
    else width += w;
  }
  if (variable.length > 0 && rows > 0) {
    // Average text length on a sample; lists count their text too.
    const exprs = variable.map((n) => `coalesce(avg(length(CAST("${n.replace(/"/g, '""')}" AS VARCHAR))), 0)`);
    const r = await c.runAndReadAll(`SELECT ${exprs.join(', ')} FROM (SELECT * FROM "${schema}"."${table}" USING SAMPLE 2000 ROWS)`);
    for (const v of r.getRowsJS()[0] ?? []) width += 2 + Number(v ?? 0);
  } else {
    width += variable.length * 2;
  }
  widthCache.set(key, { rows, width });
  return { rows, width };
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
