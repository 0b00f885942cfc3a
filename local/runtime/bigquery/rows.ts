// Raw worker cells → the REST row shape: { f: [{ v }] }, REPEATED as { v: [{ v }] }, RECORD as
// { v: { f: [...] } }. TIMESTAMP is float seconds in Java's Double.toString form ("1.7647128E9",
// developers.google.com/bigquery/timestamp) or int64 microseconds with useInt64Timestamp.
import { javaDouble } from './duck-values';
import type { Field, RawCell } from './types';

export interface TableCell {
  v: unknown;
}
export interface TableRow {
  f: TableCell[];
}

function cellValue(field: Field, raw: RawCell, int64Timestamp: boolean): unknown {
  if (field.mode === 'REPEATED') {
    const single: Field = { ...field, mode: 'NULLABLE' };
    return ((raw as RawCell[] | null) ?? []).map((item) => ({ v: cellValue(single, item, int64Timestamp) }));
  }
  if (raw === null) return null;
  if (field.type === 'RECORD') {
    const parts = raw as RawCell[];
    return { f: (field.fields ?? []).map((f, i) => ({ v: cellValue(f, parts[i] ?? null, int64Timestamp) })) };
  }
  if (field.type === 'TIMESTAMP') return int64Timestamp ? raw : javaDouble(Number(raw) / 1e6);
  return raw;
}

export function formatRows(fields: Field[], rows: RawCell[][], int64Timestamp: boolean): TableRow[] {
  return rows.map((r) => ({ f: fields.map((field, i) => ({ v: cellValue(field, r[i] ?? null, int64Timestamp) })) }));
}
