// Decodes the Advanced Service's `queryParameters` into typed values for the DuckDB worker.
// Validation happens here, at the boundary, with messages that name the parameter and the path.
import * as z from 'zod';
import type { BoundParam, ParamType, ParamValue } from './types';

interface ApiType {
  type: string;
  arrayType?: ApiType;
  structTypes?: Array<{ name?: string; type: ApiType }>;
}
interface ApiValue {
  value?: string | null;
  arrayValues?: ApiValue[];
  structValues?: Record<string, ApiValue>;
}

const apiType: z.ZodType<ApiType> = z.lazy(() =>
  z.object({
    type: z.string(),
    arrayType: apiType.optional(),
    structTypes: z.array(z.object({ name: z.string().optional(), type: apiType })).optional(),
  }),
);
const apiValue: z.ZodType<ApiValue> = z.lazy(() =>
  z.object({
    value: z.string().nullable().optional(),
    arrayValues: z.array(apiValue).optional(),
    structValues: z.record(z.string(), apiValue).optional(),
  }),
);
export const queryParameterSchema = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a SQL identifier'),
  parameterType: apiType,
  parameterValue: apiValue.optional(),
});
export type ApiQueryParameter = z.infer<typeof queryParameterSchema>;

const ALIASES: Record<string, string> = { INTEGER: 'INT64', FLOAT: 'FLOAT64', BOOLEAN: 'BOOL', BIGNUMERIC: 'NUMERIC' };
const SCALARS = new Set(['STRING', 'INT64', 'FLOAT64', 'NUMERIC', 'BOOL', 'DATE', 'TIMESTAMP']);

/** Thrown for a malformed parameter; the stand-in reports it as an `invalidQuery` error. */
export class ParameterError extends Error {}

function bad(where: string, what: string): never {
  throw new ParameterError(`Query parameter ${where}: ${what}`);
}

function decodeType(t: ApiType, where: string): ParamType {
  const name = ALIASES[t.type.toUpperCase()] ?? t.type.toUpperCase();
  if (SCALARS.has(name)) return { kind: name as 'STRING' };
  if (name === 'ARRAY') {
    if (!t.arrayType) bad(where, 'ARRAY needs arrayType');
    const element = decodeType(t.arrayType, `${where}[]`);
    if (element.kind === 'ARRAY') bad(where, 'ARRAY of ARRAY is not allowed in GoogleSQL');
    return { kind: 'ARRAY', element };
  }
  if (name === 'STRUCT') {
    const fields = (t.structTypes ?? []).map((f, i) => {
      if (!f.name) bad(`${where}.<field ${i}>`, 'struct fields need names here (twins bind by name)');
      return { name: f.name, type: decodeType(f.type, `${where}.${f.name}`) };
    });
    if (fields.length === 0) bad(where, 'STRUCT needs structTypes');
    return { kind: 'STRUCT', fields };
  }
  return bad(where, `unsupported type ${JSON.stringify(t.type)}`);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Parses a GoogleSQL timestamp literal to epoch microseconds (as decimal text). */
export function timestampToMicros(text: string, where: string): string {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) bad(where, `${JSON.stringify(text)} is not a valid TIMESTAMP`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  let offsetMin = 0;
  if (!/^(Z|UTC)$/i.test(zone)) {
    const z2 = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    if (!z2) bad(where, `bad zone in ${JSON.stringify(text)}`);
    offsetMin = (z2[1] === '-' ? -1 : 1) * (Number(z2[2]) * 60 + Number(z2[3] ?? '0'));
  }
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMin * 60000;
  if (!Number.isFinite(ms)) bad(where, `${JSON.stringify(text)} is not a valid TIMESTAMP`);
  const micros = BigInt(ms) * BigInt(1000) + BigInt((frac + '000000').slice(0, 6));
  return micros.toString();
}

function decodeScalar(kind: string, v: string | null | undefined, where: string): ParamValue {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'STRING':
      return v;
    case 'INT64':
      if (!/^[+-]?\d+$/.test(v.trim())) bad(where, `${JSON.stringify(v)} is not a valid INT64`);
      return BigInt(v.trim()).toString();
    case 'FLOAT64':
      if (!/^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|[+-]?inf(?:inity)?|nan)$/i.test(v.trim())) {
        bad(where, `${JSON.stringify(v)} is not a valid FLOAT64`);
      }
      return v.trim();
    case 'NUMERIC':
      if (!/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(v.trim())) bad(where, `${JSON.stringify(v)} is not a valid NUMERIC`);
      return v.trim();
    case 'BOOL':
      if (!/^(true|false)$/i.test(v.trim())) bad(where, `${JSON.stringify(v)} is not a valid BOOL`);
      return v.trim().toLowerCase();
    case 'DATE': {
      const ms = DATE.test(v.trim()) ? Date.parse(`${v.trim()}T00:00:00Z`) : NaN;
      const ok = !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(v.trim());
      if (!ok) bad(where, `${JSON.stringify(v)} is not a valid DATE`);
      return v.trim();
    }
    case 'TIMESTAMP':
      return timestampToMicros(v, where);
    default:
      return bad(where, `unsupported type ${kind}`);
  }
}

function decodeValue(t: ParamType, v: ApiValue | undefined, where: string): ParamValue {
  if (t.kind === 'ARRAY') {
    // The API sends an empty array as a value without arrayValues.
    return (v?.arrayValues ?? []).map((item, i) => decodeValue(t.element, item, `${where}[${i}]`));
  }
  if (t.kind === 'STRUCT') {
    if (!v?.structValues) return null;
    const known = new Set(t.fields.map((f) => f.name));
    for (const k of Object.keys(v.structValues)) if (!known.has(k)) bad(`${where}.${k}`, 'is not a field of the STRUCT type');
    const out: Record<string, ParamValue> = {};
    for (const f of t.fields) out[f.name] = decodeValue(f.type, v.structValues[f.name], `${where}.${f.name}`);
    return out;
  }
  return decodeScalar(t.kind, v?.value, where);
}

/** Validates and decodes `queryParameters`; throws ParameterError naming the parameter. */
export function decodeParameters(raw: unknown): BoundParam[] {
  if (raw === undefined || raw === null) return [];
  const list = z.array(z.unknown()).safeParse(raw);
  if (!list.success) bad('list', 'queryParameters must be an array');
  const seen = new Set<string>();
  return list.data.map((p, i) => {
    const parsed = queryParameterSchema.safeParse(p);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      bad(`#${i}`, `${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is malformed'}`.trim());
    }
    const { name, parameterType, parameterValue } = parsed.data;
    const key = name.toLowerCase();
    if (seen.has(key)) bad(`@${name}`, 'is given twice');
    seen.add(key);
    const type = decodeType(parameterType, `@${name}`);
    return { name, type, value: decodeValue(type, parameterValue, `@${name}`) };
  });
}
