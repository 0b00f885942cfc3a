/**
 * GoogleSQL types as the project uses them (parameters, fixtures, procedure arguments), with
 * conversions to ZetaSQL TypeProto / ValueProto and to DuckDB types and values. One model keeps
 * the reference evaluator and the DuckDB twin fed with exactly the same data.
 */
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, LIST, STRUCT, TIMESTAMPTZ, VARCHAR,
  dateValue, listValue, structValue, timestampTZValue,
  type DuckDBType, type DuckDBValue,
} from '@duckdb/node-api';

export type ScalarKind = 'STRING' | 'INT64' | 'FLOAT64' | 'BOOL' | 'DATE' | 'TIMESTAMP';
export type SqlType =
  | { kind: ScalarKind }
  | { kind: 'ARRAY'; element: SqlType }
  | { kind: 'STRUCT'; fields: { name: string; type: SqlType }[] };

/** A value in canonical JS form: DATE 'YYYY-MM-DD', TIMESTAMP ISO-8601 UTC string, INT64 number. */
export type SqlValue = null | string | number | boolean | SqlValue[] | { [field: string]: SqlValue };

const SCALARS: Record<string, ScalarKind> = {
  STRING: 'STRING', INT64: 'INT64', INT: 'INT64', INTEGER: 'INT64', FLOAT64: 'FLOAT64',
  BOOL: 'BOOL', BOOLEAN: 'BOOL', DATE: 'DATE', TIMESTAMP: 'TIMESTAMP',
};

/** Parses a GoogleSQL type such as `ARRAY<STRUCT<id STRING, n INT64>>`. */
export function parseType(text: string): SqlType {
  const tokens = text.match(/[A-Za-z_][A-Za-z0-9_]*|[<>,]/g) ?? [];
  let pos = 0;
  const next = (): string => {
    const t = tokens[pos++];
    if (t === undefined) throw new Error(`type "${text}": unexpected end`);
    return t;
  };
  const expect = (t: string): void => {
    const got = next();
    if (got !== t) throw new Error(`type "${text}": expected "${t}", got "${got}"`);
  };
  const parse = (): SqlType => {
    const word = next().toUpperCase();
    if (word === 'ARRAY') {
      expect('<');
      const element = parse();
      expect('>');
      return { kind: 'ARRAY', element };
    }
    if (word === 'STRUCT') {
      expect('<');
      const fields: { name: string; type: SqlType }[] = [];
      for (;;) {
        const name = next();
        fields.push({ name, type: parse() });
        const sep = next();
        if (sep === '>') break;
        if (sep !== ',') throw new Error(`type "${text}": expected "," or ">", got "${sep}"`);
      }
      return { kind: 'STRUCT', fields };
    }
    const kind = SCALARS[word];
    if (!kind) throw new Error(`type "${text}": unsupported type "${word}"`);
    return { kind };
  };
  const type = parse();
  if (pos !== tokens.length) throw new Error(`type "${text}": trailing "${tokens.slice(pos).join(' ')}"`);
  return type;
}

export function formatType(type: SqlType): string {
  if (type.kind === 'ARRAY') return `ARRAY<${formatType(type.element)}>`;
  if (type.kind === 'STRUCT') return `STRUCT<${type.fields.map((f) => `${f.name} ${formatType(f.type)}`).join(', ')}>`;
  return type.kind;
}

// ZetaSQL TypeKind numbers (zetasql/public/type.proto).
const ZETA_KIND: Record<ScalarKind, number> = { INT64: 2, BOOL: 5, FLOAT64: 7, STRING: 8, DATE: 10, TIMESTAMP: 19 };
const ZETA_ARRAY = 16;
const ZETA_STRUCT = 17;

export interface ZetaTypeProto {
  typeKind: number | string;
  arrayType?: { elementType: ZetaTypeProto } | null;
  structType?: { field: { fieldName: string; fieldType: ZetaTypeProto }[] } | null;
}

export function toZetaType(type: SqlType): ZetaTypeProto {
  if (type.kind === 'ARRAY') return { typeKind: ZETA_ARRAY, arrayType: { elementType: toZetaType(type.element) } };
  if (type.kind === 'STRUCT') {
    return { typeKind: ZETA_STRUCT, structType: { field: type.fields.map((f) => ({ fieldName: f.name, fieldType: toZetaType(f.type) })) } };
  }
  return { typeKind: ZETA_KIND[type.kind] };
}

/** Reads a TypeProto the service returned (enums come back as numbers). */
export function fromZetaType(proto: ZetaTypeProto): SqlType {
  const kind = Number(proto.typeKind);
  if (kind === ZETA_ARRAY && proto.arrayType) return { kind: 'ARRAY', element: fromZetaType(proto.arrayType.elementType) };
  if (kind === ZETA_STRUCT && proto.structType) {
    return { kind: 'STRUCT', fields: proto.structType.field.map((f) => ({ name: f.fieldName, type: fromZetaType(f.fieldType) })) };
  }
  const scalar = (Object.keys(ZETA_KIND) as ScalarKind[]).find((k) => ZETA_KIND[k] === kind);
  if (!scalar) throw new Error(`ZetaSQL type kind ${String(proto.typeKind)} is not used by this project`);
  return { kind: scalar };
}

const DAY_MS = 86_400_000;

function isoDate(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}
function dayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`not a DATE: "${date}"`);
  return Math.round(ms / DAY_MS);
}
function epochMillis(ts: string): number {
  const ms = Date.parse(ts);
  if (Number.isNaN(ms)) throw new Error(`not a TIMESTAMP: "${ts}"`);
  return ms;
}

/** ValueProto for the evaluator; NULL is the empty message. */
export function toZetaValue(type: SqlType, value: SqlValue): object {
  if (value === null) return {};
  switch (type.kind) {
    case 'STRING': return { stringValue: String(value) };
    case 'INT64': return { int64Value: String(value) };
    case 'FLOAT64': return { doubleValue: Number(value) };
    case 'BOOL': return { boolValue: Boolean(value) };
    case 'DATE': return { dateValue: dayNumber(String(value)) };
    case 'TIMESTAMP': {
      const ms = epochMillis(String(value));
      return { timestampValue: { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000 + 1000) % 1000 * 1e6 } };
    }
    case 'ARRAY': {
      if (!Array.isArray(value)) throw new Error('ARRAY value must be a JS array');
      return { arrayValue: { element: value.map((v) => toZetaValue(type.element, v)) } };
    }
    case 'STRUCT': {
      const obj = value as Record<string, SqlValue>;
      return { structValue: { field: type.fields.map((f) => toZetaValue(f.type, obj[f.name] ?? null)) } };
    }
  }
}

/** Longs arrive as {low, high} objects from proto-loader. */
const num = (v: unknown): number => {
  if (typeof v === 'object' && v !== null && 'low' in v) {
    const long = v as unknown as { low: number; high: number };
    return long.high * 4294967296 + (long.low >>> 0);
  }
  return Number(v);
};

/** Canonical JS value from an evaluator ValueProto (decoded by proto-loader with oneofs). */
export function fromZetaValue(type: SqlType, proto: Record<string, unknown> | null | undefined): SqlValue {
  if (!proto || !proto.value) return null;
  switch (type.kind) {
    case 'STRING': return String(proto.stringValue);
    case 'INT64': return num(proto.int64Value);
    case 'FLOAT64': return Number(proto.doubleValue);
    case 'BOOL': return Boolean(proto.boolValue);
    case 'DATE': return isoDate(Number(proto.dateValue));
    case 'TIMESTAMP': {
      const ts = proto.timestampValue as { seconds: unknown; nanos: number };
      return new Date(num(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6)).toISOString();
    }
    case 'ARRAY': {
      const arr = proto.arrayValue as { element: Record<string, unknown>[] };
      return arr.element.map((e) => fromZetaValue(type.element, e));
    }
    case 'STRUCT': {
      const st = proto.structValue as { field: Record<string, unknown>[] };
      return Object.fromEntries(type.fields.map((f, i) => [f.name, fromZetaValue(f.type, st.field[i])]));
    }
  }
}

export function toDuckType(type: SqlType): DuckDBType {
  switch (type.kind) {
    case 'STRING': return VARCHAR;
    case 'INT64': return BIGINT;
    case 'FLOAT64': return DOUBLE;
    case 'BOOL': return BOOLEAN;
    case 'DATE': return DATE;
    case 'TIMESTAMP': return TIMESTAMPTZ;
    case 'ARRAY': return LIST(toDuckType(type.element));
    case 'STRUCT': return STRUCT(Object.fromEntries(type.fields.map((f) => [f.name, toDuckType(f.type)])));
  }
}

export function toDuckValue(type: SqlType, value: SqlValue): DuckDBValue {
  if (value === null) return null;
  switch (type.kind) {
    case 'STRING': return String(value);
    case 'INT64': return BigInt(value as number);
    case 'FLOAT64': return Number(value);
    case 'BOOL': return Boolean(value);
    case 'DATE': return dateValue(dayNumber(String(value)));
    case 'TIMESTAMP': return timestampTZValue(BigInt(epochMillis(String(value))) * BigInt(1000));
    case 'ARRAY': return listValue((value as SqlValue[]).map((v) => toDuckValue(type.element, v)));
    case 'STRUCT': {
      const obj = value as Record<string, SqlValue>;
      return structValue(Object.fromEntries(type.fields.map((f) => [f.name, toDuckValue(f.type, obj[f.name] ?? null)])));
    }
  }
}

/** Canonical JS value from a DuckDB JS-converted cell (getRowObjectsJS). */
export function fromDuckValue(type: SqlType, value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'STRING': return String(value);
    case 'INT64': return Number(value);
    case 'FLOAT64': return Number(value);
    case 'BOOL': return Boolean(value);
    case 'DATE': return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
    case 'TIMESTAMP': return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
    case 'ARRAY': return (value as unknown[]).map((v) => fromDuckValue(type.element, v));
    case 'STRUCT': {
      const obj = value as Record<string, unknown>;
      return Object.fromEntries(type.fields.map((f) => [f.name, fromDuckValue(f.type, obj[f.name])]));
    }
  }
}

