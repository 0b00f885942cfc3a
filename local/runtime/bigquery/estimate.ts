// Bytes-processed proxy for the benchmark table and maximumBytesBilled.
// Method: for every base table the statement names (views are expanded to their tables), rows ×
// estimated row width, with widths by BigQuery's data-size rules (INT64/FLOAT64/DATE/TIMESTAMP 8
// bytes, BOOL 1, NUMERIC 16, STRING 2 + length: the average length is measured once per table
// and column). BigQuery reads only the referenced columns and prunes partitions, so this is an
// upper bound, the same for every run of the same query on the same data: fit for comparisons.
import type { DuckDBConnection } from '@duckdb/node-api';

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
export async function estimateBytes(c: DuckDBConnection, tables: string[], depth = 0): Promise<number> {
  let total = 0;
  for (const qualified of tables) {
    const parts = qualified.split('.');
    const table = parts[parts.length - 1] ?? qualified;
    const schema = parts.length > 1 ? (parts[parts.length - 2] ?? 'main') : 'main';
    const stats = await tableStats(c, schema, table);
    if (stats) {
      total += stats.rows * stats.width;
      continue;
    }
    if (depth >= 3) continue;
    const view = await c.runAndReadAll('SELECT sql FROM duckdb_views() WHERE schema_name = $s AND view_name = $t', { s: schema, t: table });
    const sql = view.getRowsJS()[0]?.[0];
    if (typeof sql !== 'string') continue;
    try {
      total += await estimateBytes(c, c.getTableNames(sql, true).map((t) => t.replace(/"/g, '')), depth + 1);
    } catch {
      // An unparsable view definition simply adds nothing to the estimate.
    }
  }
  return Math.round(total);
}

const MIB = 1024 * 1024;

/** On-demand billing: rounded up to the MiB, at least 10 MiB per table referenced. */
export function billedBytes(processed: number, tables: number): number {
  if (processed <= 0) return 0;
  return Math.max(10 * MIB * Math.max(1, tables), Math.ceil(processed / MIB) * MIB);
}
