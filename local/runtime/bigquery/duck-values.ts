// Worker side: GoogleSQL parameter values → DuckDB typed values, and DuckDB results → BigQuery
// schema fields and raw cells. Types are always explicit so an empty list still binds.
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DECIMAL,
  DOUBLE,
  DuckDBTypeId,
  LIST,
  STRUCT,
  TIMESTAMPTZ,
  VARCHAR,
  dateValue,
  decimalValue,
  listValue,
  structValue,
  timestampTZValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { Field, ParamType, ParamValue, RawCell } from './types';

const NUMERIC_SCALE = 9;

export function duckType(t: ParamType): DuckDBType {
  switch (t.kind) {
    case 'STRING':
      return VARCHAR;
    case 'INT64':
      return BIGINT;
    case 'FLOAT64':
      return DOUBLE;
    case 'NUMERIC':
      return DECIMAL(38, NUMERIC_SCALE);
    case 'BOOL':
      return BOOLEAN;
    case 'DATE':
      return DATE;
    case 'TIMESTAMP':
      return TIMESTAMPTZ;
    case 'ARRAY':
      return LIST(duckType(t.element));
    case 'STRUCT':
      return STRUCT(Object.fromEntries(t.fields.map((f) => [f.name, duckType(f.type)])));
  }
}

function numericToScaled(text: string): bigint {
  const neg = text.startsWith('-');
  const [int = '0', frac = ''] = text.replace(/^[+-]/, '').split('.');
  const scaled = BigInt(int || '0') * BigInt(10) ** BigInt(NUMERIC_SCALE) + BigInt((frac + '0'.repeat(NUMERIC_SCALE)).slice(0, NUMERIC_SCALE) || '0');
  return neg ? -scaled : scaled;
}

function parseFloat64(text: string): number {
  const t = text.toLowerCase();
  if (t.includes('nan')) return NaN;
  if (t.includes('inf')) return t.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}

export function duckValue(t: ParamType, v: ParamValue): DuckDBValue {
  if (v === null) return null;
  switch (t.kind) {
    case 'STRING':
      return v as string;
    case 'INT64':
      return BigInt(v as string);
    case 'FLOAT64':
      return parseFloat64(v as string);
    case 'NUMERIC':
      return decimalValue(numericToScaled(v as string), 38, NUMERIC_SCALE);
    case 'BOOL':
      return v === 'true';
    case 'DATE':
      return dateValue(Math.round(Date.parse(`${v as string}T00:00:00Z`) / 86_400_000));
    case 'TIMESTAMP':
      return timestampTZValue(BigInt(v as string));
    case 'ARRAY':
      return listValue((v as ParamValue[]).map((item) => duckValue(t.element, item)));
    case 'STRUCT': {
      const obj = v as Record<string, ParamValue>;
      return structValue(Object.fromEntries(t.fields.map((f) => [f.name, duckValue(f.type, obj[f.name] ?? null)])));
    }
  }
}

/** Maps a DuckDB column type to a BigQuery result field (ARRAY → mode REPEATED). */
export function fieldFor(name: string, t: DuckDBType): Field {
  if (t.typeId === DuckDBTypeId.LIST || t.typeId === DuckDBTypeId.ARRAY) {
    const inner = fieldFor(name, (t as unknown as { valueType: DuckDBType }).valueType);
    return { ...inner, mode: 'REPEATED' };
  }
  if (t.typeId === DuckDBTypeId.STRUCT) {
    const st = t as unknown as { entryNames: readonly string[]; entryTypes: readonly DuckDBType[] };
    return {
      name,
      type: 'RECORD',
      mode: 'NULLABLE',
      fields: st.entryNames.map((n, i) => fieldFor(n, st.entryTypes[i] as DuckDBType)),
    };
  }
  return { name, type: scalarBqType(t.typeId), mode: 'NULLABLE' };
}

/** BigQuery's name for each DuckDB scalar type; any other type reads as STRING. */
const BQ_TYPES: Array<[Field['type'], DuckDBTypeId[]]> = [
  ['BOOLEAN', [DuckDBTypeId.BOOLEAN]],
  ['INTEGER', [DuckDBTypeId.TINYINT, DuckDBTypeId.SMALLINT, DuckDBTypeId.INTEGER, DuckDBTypeId.BIGINT, DuckDBTypeId.UTINYINT,
    DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT, DuckDBTypeId.INTEGER_LITERAL]],
  ['FLOAT', [DuckDBTypeId.FLOAT, DuckDBTypeId.DOUBLE]],
  ['NUMERIC', [DuckDBTypeId.DECIMAL]],
  ['DATE', [DuckDBTypeId.DATE]],
  ['TIMESTAMP', [DuckDBTypeId.TIMESTAMP_TZ]],
  // A naive TIMESTAMP is GoogleSQL's DATETIME.
  ['DATETIME', [DuckDBTypeId.TIMESTAMP, DuckDBTypeId.TIMESTAMP_S, DuckDBTypeId.TIMESTAMP_MS, DuckDBTypeId.TIMESTAMP_NS]],
  ['TIME', [DuckDBTypeId.TIME]],
  ['BYTES', [DuckDBTypeId.BLOB]],
];
const BQ_TYPE_OF = new Map(BQ_TYPES.flatMap(([bq, ids]) => ids.map((id) => [id, bq] as const)));

function scalarBqType(id: DuckDBTypeId): Field['type'] {
  return BQ_TYPE_OF.get(id) ?? 'STRING';
}

/** Renders a DuckDB value as the raw cell for `field` (TIMESTAMP as epoch micros text). */
export function rawCell(field: Field, v: DuckDBValue): RawCell {
  if (v === null || v === undefined) return field.mode === 'REPEATED' ? [] : null;
  if (field.mode === 'REPEATED') {
    const items = (v as { items: readonly DuckDBValue[] }).items;
    const single: Field = { ...field, mode: 'NULLABLE' };
    return items.map((item) => rawCell(single, item));
  }
  if (field.type === 'RECORD') {
    const entries = (v as { entries: Readonly<Record<string, DuckDBValue>> }).entries;
    return (field.fields ?? []).map((f) => rawCell(f, entries[f.name] ?? null));
  }
  switch (field.type) {
    case 'BOOLEAN':
      return v ? 'true' : 'false';
    case 'INTEGER':
      return String(v);
    case 'FLOAT':
      return javaDouble(Number(v));
    case 'TIMESTAMP':
      return String((v as { micros: bigint }).micros);
    case 'DATETIME':
      return String(v).replace(' ', 'T');
    case 'BYTES':
      return globalThis.Buffer.from((v as unknown as { bytes: Uint8Array }).bytes).toString('base64');
    default:
      return String(v);
  }
}

/**
 * Java's Double.toString, which is how BigQuery renders FLOAT and float-seconds TIMESTAMP cells:
 * shortest round-trip digits, scientific ("1.7647128E9") outside [1e-3, 1e7), else plain ("12.5").
 */
export function javaDouble(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mant = '', exp = '0'] = x.toExponential().split('e');
  const m = mant.includes('.') ? mant : `${mant}.0`;
  return `${m}E${Number(exp)}`;
}
