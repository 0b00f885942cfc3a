// Typed builders for BigQuery named parameters (the Advanced Service's `queryParameters` shape).
// Every value the SQL needs goes through here; SQL text never carries a value.
import type { QueryParam, QueryParameterType, QueryParameterValue } from './ports';

export type ScalarType = 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' | 'DATE' | 'TIMESTAMP';
/** A struct field: a scalar, or an array of scalars. */
export type FieldType = ScalarType | { array: ScalarType };
export type StructFields = Record<string, FieldType>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function fail(where: string, what: string, got: unknown): never {
  let shown: string;
  try {
    shown = JSON.stringify(got) ?? String(got);
  } catch {
    shown = String(got);
  }
  throw new Error(`query parameter ${where}: ${what}, got ${shown.slice(0, 80)}`);
}

function checkName(name: string): void {
  if (!NAME.test(name)) fail(`@${name}`, 'name must be a SQL identifier', name);
}

/** Encodes one scalar as the API's string form; null/undefined is SQL NULL (no `value`). */
function scalar(type: ScalarType, v: unknown, where: string): QueryParameterValue {
  if (v === null || v === undefined) return {};
  switch (type) {
    case 'STRING':
      if (typeof v !== 'string') fail(where, 'must be a string', v);
      return { value: v };
    case 'INT64':
      if (typeof v === 'bigint') return { value: v.toString() };
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail(where, 'must be a whole number (safe integer)', v);
      return { value: String(v) };
    case 'FLOAT64':
      if (typeof v !== 'number' || !Number.isFinite(v)) fail(where, 'must be a finite number', v);
      return { value: String(v) };
    case 'BOOL':
      if (typeof v !== 'boolean') fail(where, 'must be true or false', v);
      return { value: v ? 'true' : 'false' };
    case 'DATE':
      if (typeof v !== 'string' || !DATE.test(v)) fail(where, 'must be a date like 2026-11-30', v);
      return { value: v };
    case 'TIMESTAMP':
      if (!(v instanceof Date) || Number.isNaN(v.getTime())) fail(where, 'must be a valid Date', v);
      return { value: v.toISOString() };
  }
}

function fieldType(t: FieldType): QueryParameterType {
  return typeof t === 'string' ? { type: t } : { type: 'ARRAY', arrayType: { type: t.array } };
}

function structType(fields: StructFields): QueryParameterType {
  return {
    type: 'STRUCT',
    structTypes: Object.keys(fields).map((name) => {
      checkName(name);
      return { name, type: fieldType(fields[name] as FieldType) };
    }),
  };
}

function arrayValue(type: ScalarType, values: unknown, where: string): QueryParameterValue {
  if (!Array.isArray(values)) fail(where, 'must be an array', values);
  return { arrayValues: values.map((v, i) => scalar(type, v, `${where}[${i}]`)) };
}

function structValue(fields: StructFields, row: unknown, where: string): QueryParameterValue {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) fail(where, 'must be an object', row);
  const r = row as Record<string, unknown>;
  for (const k of Object.keys(r)) if (!(k in fields)) fail(`${where}.${k}`, 'is not a field of the struct', r[k]);
  const structValues: Record<string, QueryParameterValue> = {};
  for (const [name, t] of Object.entries(fields)) {
    const at = `${where}.${name}`;
    structValues[name] = typeof t === 'string' ? scalar(t, r[name], at) : arrayValue(t.array, r[name] ?? [], at);
  }
  return { structValues };
}

function make(name: string, type: ScalarType, v: unknown): QueryParam {
  checkName(name);
  return { name, parameterType: { type }, parameterValue: scalar(type, v, `@${name}`) };
}

export const param = {
  string: (name: string, v: string | null): QueryParam => make(name, 'STRING', v),
  int64: (name: string, v: number | bigint | null): QueryParam => make(name, 'INT64', v),
  float64: (name: string, v: number | null): QueryParam => make(name, 'FLOAT64', v),
  bool: (name: string, v: boolean | null): QueryParam => make(name, 'BOOL', v),
  /** A calendar date 'YYYY-MM-DD'. */
  date: (name: string, v: string | null): QueryParam => make(name, 'DATE', v),
  timestamp: (name: string, v: Date | null): QueryParam => make(name, 'TIMESTAMP', v),
  array(name: string, elemType: ScalarType, values: readonly unknown[]): QueryParam {
    checkName(name);
    return {
      name,
      parameterType: { type: 'ARRAY', arrayType: { type: elemType } },
      parameterValue: arrayValue(elemType, values, `@${name}`),
    };
  },
  struct(name: string, fields: StructFields, value: Record<string, unknown>): QueryParam {
    checkName(name);
    return { name, parameterType: structType(fields), parameterValue: structValue(fields, value, `@${name}`) };
  },
  /** ARRAY<STRUCT<...>>: how a batch of rows goes into one job. */
  structArray(name: string, fields: StructFields, rows: readonly Record<string, unknown>[]): QueryParam {
    checkName(name);
    if (!Array.isArray(rows)) fail(`@${name}`, 'must be an array', rows);
    return {
      name,
      parameterType: { type: 'ARRAY', arrayType: structType(fields) },
      parameterValue: { arrayValues: rows.map((r, i) => structValue(fields, r, `@${name}[${i}]`)) },
    };
  },
};
