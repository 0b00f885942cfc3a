/**
 * A table file's CREATE TABLE as BigQuery's REST API describes a table (the Table resource,
 * cloud.google.com/bigquery/docs/reference/rest/v2/tables): fields with type and mode, time or
 * range partitioning, clustering. The deploy compares it with what tables.get returns.
 * DDL `NOT NULL` is mode REQUIRED and ARRAY<T> is mode REPEATED (data-definition-language,
 * "column"); `PARTITION BY DATE(ts)` and `PARTITION BY d` are DAY partitions on the column.
 */
import { codeOnly } from './files';

export interface FieldSchema {
  name: string;
  /** Legacy names as the API returns them: STRING, INTEGER, FLOAT, BOOLEAN, RECORD, ... */
  type: string;
  mode?: 'NULLABLE' | 'REQUIRED' | 'REPEATED';
  fields?: FieldSchema[];
}

/** The parts of the REST Table resource the deploy reads and writes. */
export interface TableResource {
  tableReference?: { projectId?: string; datasetId?: string; tableId: string };
  schema?: { fields: FieldSchema[] };
  timePartitioning?: { type: string; field?: string; expirationMs?: string };
  rangePartitioning?: { field: string; range: { start: string; end: string; interval: string } };
  clustering?: { fields: string[] };
  location?: string;
}

/** A table file: its name, its resource, and each column's type as DDL writes it. */
export interface TableSpec {
  name: string;
  resource: TableResource;
  ddlType: Record<string, string>;
}

const LEGACY: Record<string, string> = {
  INT64: 'INTEGER', INT: 'INTEGER', INTEGER: 'INTEGER', BIGINT: 'INTEGER', FLOAT64: 'FLOAT', FLOAT: 'FLOAT',
  BOOL: 'BOOLEAN', BOOLEAN: 'BOOLEAN', STRING: 'STRING', BYTES: 'BYTES', DATE: 'DATE', DATETIME: 'DATETIME',
  TIME: 'TIME', TIMESTAMP: 'TIMESTAMP', NUMERIC: 'NUMERIC', BIGNUMERIC: 'BIGNUMERIC', JSON: 'JSON', GEOGRAPHY: 'GEOGRAPHY',
};

/** Splits on commas outside (), <> and []. */
export function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if ('(<['.includes(ch)) depth += 1;
    else if (')>]'.includes(ch)) depth -= 1;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}

/** A field from a DDL type (`ARRAY<STRUCT<a INT64>>` is a REPEATED RECORD). */
export function field(name: string, typeText: string, required: boolean): FieldSchema {
  const t = typeText.trim();
  const array = /^ARRAY\s*<([\s\S]*)>$/i.exec(t);
  if (array) return { ...field(name, array[1] as string, false), mode: 'REPEATED' };
  const struct = /^STRUCT\s*<([\s\S]*)>$/i.exec(t);
  const mode = required ? 'REQUIRED' : 'NULLABLE';
  if (struct) {
    const fields = splitTop(struct[1] as string).map((f) => {
      const m = /^([A-Za-z_]\w*)\s+([\s\S]+)$/.exec(f);
      if (!m) throw new Error(`STRUCT field "${f}" not understood`);
      return field(m[1] as string, m[2] as string, /\bNOT\s+NULL\s*$/i.test(m[2] as string));
    });
    return { name, type: 'RECORD', mode, fields };
  }
  const base = t.replace(/\s+NOT\s+NULL$/i, '').replace(/\(.*\)$/, '').toUpperCase();
  const type = LEGACY[base];
  if (!type) throw new Error(`column ${name}: type ${t} not understood`);
  return { name, type, mode };
}

/** The closing parenthesis matching the one at `open`. */
function closing(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '(') depth += 1;
    else if (code[i] === ')' && --depth === 0) return i;
  }
  throw new Error('unbalanced parentheses');
}

function partitioning(clause: string | undefined, fields: FieldSchema[], expirationDays: number | null): Pick<TableResource, 'timePartitioning' | 'rangePartitioning'> {
  if (!clause) return {};
  const range = /^RANGE_BUCKET\s*\(\s*(\w+)\s*,\s*GENERATE_ARRAY\s*\(\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*(\d+)\s*\)\s*\)$/i.exec(clause);
  if (range) return { rangePartitioning: { field: range[1] as string, range: { start: range[2] as string, end: range[3] as string, interval: range[4] as string } } };
  const day = /^(?:DATE\s*\(\s*(\w+)\s*\)|(\w+))$/i.exec(clause);
  if (!day) throw new Error(`PARTITION BY ${clause} not understood`);
  const column = (day[1] ?? day[2]) as string;
  if (!fields.some((f) => f.name === column)) throw new Error(`PARTITION BY names no column: ${column}`);
  return { timePartitioning: { type: 'DAY', field: column, ...(expirationDays === null ? {} : { expirationMs: String(expirationDays * 86_400_000) }) } };
}

/** Reads a table file's CREATE TABLE statement. */
export function parseTable(text: string): TableSpec {
  const code = codeOnly(text);
  const head = /CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?`?[\w.-]*?(\w+)`?\s*\(/i.exec(code);
  if (!head) throw new Error('no CREATE TABLE statement');
  const open = head.index + head[0].length - 1;
  const close = closing(code, open);
  const fields: FieldSchema[] = [];
  const ddlType: Record<string, string> = {};
  for (const def of splitTop(code.slice(open + 1, close))) {
    const m = /^([A-Za-z_]\w*)\s+([\s\S]+?)(\s+NOT\s+NULL)?\s*$/i.exec(def.replace(/\s+/g, ' '));
    if (!m) throw new Error(`column "${def}" not understood`);
    fields.push(field(m[1] as string, m[2] as string, m[3] !== undefined));
    ddlType[m[1] as string] = (m[2] as string).replace(/\s*([<>,])\s*/g, (_s, c: string) => (c === ',' ? ', ' : c));
  }
  const tail = code.slice(close + 1).replace(/\s+/g, ' ');
  const part = /PARTITION BY (.+?)(?= CLUSTER BY| OPTIONS|;|$)/i.exec(tail)?.[1]?.trim();
  const cluster = /CLUSTER BY (.+?)(?= OPTIONS|;|$)/i.exec(tail)?.[1];
  const expiration = /partition_expiration_days\s*=\s*(\d+)/i.exec(tail)?.[1];
  const resource: TableResource = {
    tableReference: { tableId: head[1] as string },
    schema: { fields },
    ...partitioning(part, fields, expiration ? Number(expiration) : null),
    ...(cluster ? { clustering: { fields: cluster.split(',').map((c) => c.trim()) } } : {}),
  };
  return { name: head[1] as string, resource, ddlType };
}
