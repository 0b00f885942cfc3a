// Decoding BigQuery REST rows (`rows[].f[].v`, every scalar a string) into typed values by the
// result schema. TIMESTAMP arrives as float seconds ("1.7647128E9") unless int64 micros were asked for.

export interface SchemaField {
  name: string;
  type: string;
  mode?: string;
  fields?: SchemaField[];
}

export interface RestRow {
  f?: Array<{ v?: unknown }>;
}

function fail(column: string, what: string, v: unknown): never {
  throw new Error(`BigQuery result column ${column}: ${what}, got ${JSON.stringify(v)?.slice(0, 60)}`);
}

function timestamp(v: string, column: string): Date {
  let ms: number;
  if (/^-?\d+(\.\d+)?(E[+-]?\d+)?$/i.test(v)) {
    const n = Number(v);
    // Seconds as a float, or (useInt64Timestamp) whole microseconds: > 1e14 cannot be seconds.
    ms = Math.abs(n) > 1e14 && !/[.E]/i.test(v) ? Math.round(n / 1000) : Math.round(n * 1000);
  } else {
    ms = Date.parse(v);
  }
  if (!Number.isFinite(ms)) fail(column, 'is not a timestamp', v);
  return new Date(ms);
}

function scalar(type: string, v: unknown, column: string): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') {
    if (typeof v === 'number' || typeof v === 'boolean') return v;
    fail(column, 'expected a string cell', v);
  }
  switch (type) {
    case 'INTEGER':
    case 'INT64': {
      const n = Number(v);
      if (!Number.isSafeInteger(n)) fail(column, 'INT64 beyond 2^53 cannot be a JS number', v);
      return n;
    }
    case 'FLOAT':
    case 'FLOAT64':
    case 'NUMERIC':
    case 'BIGNUMERIC': {
      const n = Number(v);
      if (Number.isNaN(n) && v !== 'NaN') fail(column, 'is not a number', v);
      return n;
    }
    case 'BOOLEAN':
    case 'BOOL':
      if (v !== 'true' && v !== 'false') fail(column, 'is not a boolean', v);
      return v === 'true';
    case 'TIMESTAMP':
      return timestamp(v, column);
    default:
      // DATE stays 'YYYY-MM-DD'; DATETIME, TIME, STRING, BYTES, JSON stay strings.
      return v;
  }
}

function value(field: SchemaField, v: unknown, column: string, repeatedDone = false): unknown {
  if (field.mode === 'REPEATED' && !repeatedDone) {
    if (v === null || v === undefined) return [];
    if (!Array.isArray(v)) fail(column, 'expected an array for a REPEATED field', v);
    return v.map((item: { v?: unknown }, i) => value(field, item?.v, `${column}[${i}]`, true));
  }
  if (field.type === 'RECORD' || field.type === 'STRUCT') {
    if (v === null || v === undefined) return null;
    return record(field.fields ?? [], v as RestRow, column);
  }
  return scalar(field.type, v, column);
}

function record(fields: SchemaField[], row: RestRow, prefix: string): Record<string, unknown> {
  const cells = row.f ?? [];
  const out: Record<string, unknown> = {};
  fields.forEach((field, i) => {
    const column = prefix ? `${prefix}.${field.name}` : field.name;
    out[field.name] = value(field, cells[i]?.v, column);
  });
  return out;
}

export function decodeRows(fields: SchemaField[], rows: readonly RestRow[]): Array<Record<string, unknown>> {
  return rows.map((r) => record(fields, r, ''));
}
