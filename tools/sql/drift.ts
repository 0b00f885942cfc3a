/**
 * Drift between a table file and the live table (tables.get), and what the deploy may do about it.
 * `CREATE TABLE IF NOT EXISTS` "has no effect" on an existing table, so a changed schema is only
 * applied here, within what BigQuery allows in place
 * (cloud.google.com/bigquery/docs/managing-table-schemas, .../data-definition-language):
 *   - a missing NULLABLE or REPEATED column: ALTER TABLE ADD COLUMN IF NOT EXISTS (a REQUIRED one
 *     "cannot" be added; nested fields inside an existing RECORD cannot be added by DDL);
 *   - REQUIRED live, NULLABLE in the file: ALTER COLUMN DROP NOT NULL ("the only supported
 *     modification ... to a column's mode is changing it from REQUIRED to NULLABLE");
 *   - a less restrictive type (INT64 to NUMERIC, BIGNUMERIC or FLOAT64; NUMERIC to BIGNUMERIC or
 *     FLOAT64): ALTER COLUMN SET DATA TYPE;
 *   - clustering: tables.patch ("You can change or remove a table's clustering specifications");
 *   - partition expiration: ALTER TABLE SET OPTIONS.
 * Anything else needs a migration and is refused with what differs: another type, NULLABLE to
 * REQUIRED, REPEATED to or from another mode, a new REQUIRED column, other partitioning ("It is
 * not possible to use the OR REPLACE modifier to replace a table with a different kind of
 * partitioning"). A live column the file lacks is reported and kept (never dropped).
 */
import type { FieldSchema, TableResource, TableSpec } from './ddl';

export type Change =
  | { kind: 'sql'; sql: string; what: string }
  | { kind: 'clustering'; fields: string[]; what: string };

export interface TableDrift {
  table: string;
  /** The table does not exist: the file's CREATE makes it. */
  missing: boolean;
  changes: Change[];
  /** Differences only a migration can apply: the deploy stops before changing anything. */
  refusals: string[];
  /** Live columns the file lacks: kept. */
  notes: string[];
}

const CANON: Record<string, string> = { INTEGER: 'INT64', FLOAT: 'FLOAT64', BOOLEAN: 'BOOL', RECORD: 'STRUCT' };
const canonical = (t: string): string => CANON[t.toUpperCase()] ?? t.toUpperCase();
const mode = (f: FieldSchema): string => f.mode ?? 'NULLABLE';
const WIDENS: Record<string, string[]> = { INT64: ['NUMERIC', 'BIGNUMERIC', 'FLOAT64'], NUMERIC: ['BIGNUMERIC', 'FLOAT64'] };

/** A field's type with its nested fields, mode included, for equality. */
function shape(f: FieldSchema): string {
  const inner = f.fields ? `<${f.fields.map((x) => `${x.name} ${shape(x)}`).join(', ')}>` : '';
  return `${canonical(f.type)}${inner} ${mode(f)}`;
}

function partitionText(t: TableResource): string {
  if (t.timePartitioning) return `${t.timePartitioning.type} on ${t.timePartitioning.field ?? '_PARTITIONTIME'}`;
  if (t.rangePartitioning) {
    const r = t.rangePartitioning.range;
    return `RANGE_BUCKET(${t.rangePartitioning.field}, ${r.start}..${r.end} by ${r.interval})`;
  }
  return 'none';
}

function compareColumn(table: string, want: FieldSchema, live: FieldSchema, ddlType: string): { changes: Change[]; refusals: string[] } {
  const changes: Change[] = [];
  const refusals: string[] = [];
  const [wType, lType] = [canonical(want.type), canonical(live.type)];
  const [wMode, lMode] = [mode(want), mode(live)];
  if (wType !== lType) {
    if (wMode === lMode && (WIDENS[lType] ?? []).includes(wType)) {
      changes.push({ kind: 'sql', sql: `ALTER TABLE ${table} ALTER COLUMN ${want.name} SET DATA TYPE ${ddlType}`, what: `${want.name}: ${lType} widened to ${wType}` });
    } else refusals.push(`${want.name}: type ${lType} live, ${wType} in the file (only INT64 -> NUMERIC/BIGNUMERIC/FLOAT64 and NUMERIC -> BIGNUMERIC/FLOAT64 change in place)`);
    return { changes, refusals };
  }
  if (wMode !== lMode) {
    if (lMode === 'REQUIRED' && wMode === 'NULLABLE') {
      changes.push({ kind: 'sql', sql: `ALTER TABLE ${table} ALTER COLUMN ${want.name} DROP NOT NULL`, what: `${want.name}: REQUIRED relaxed to NULLABLE` });
    } else refusals.push(`${want.name}: mode ${lMode} live, ${wMode} in the file (only REQUIRED -> NULLABLE changes in place)`);
  } else if (shape(want) !== shape(live)) {
    refusals.push(`${want.name}: fields ${shape(live)} live, ${shape(want)} in the file (nested fields change by migration)`);
  }
  return { changes, refusals };
}

/** What differs between the file's table and the live one (null: the table does not exist). */
export function tableDrift(spec: TableSpec, live: TableResource | null, qualified: string): TableDrift {
  const drift: TableDrift = { table: spec.name, missing: live === null, changes: [], refusals: [], notes: [] };
  if (!live) return drift;
  const liveFields = new Map((live.schema?.fields ?? []).map((f) => [f.name.toLowerCase(), f]));
  for (const want of spec.resource.schema?.fields ?? []) {
    const have = liveFields.get(want.name.toLowerCase());
    liveFields.delete(want.name.toLowerCase());
    if (!have) {
      if (mode(want) === 'REQUIRED') drift.refusals.push(`${want.name}: a new REQUIRED column cannot be added (make it NULLABLE, or migrate)`);
      else drift.changes.push({ kind: 'sql', sql: `ALTER TABLE ${qualified} ADD COLUMN IF NOT EXISTS ${want.name} ${spec.ddlType[want.name]}`, what: `${want.name}: added (${shape(want)})` });
      continue;
    }
    const c = compareColumn(qualified, want, have, spec.ddlType[want.name] ?? want.type);
    drift.changes.push(...c.changes);
    drift.refusals.push(...c.refusals);
  }
  for (const extra of liveFields.values()) drift.notes.push(`${extra.name}: live only (${shape(extra)}); kept, never dropped`);
  const [wantPart, livePart] = [partitionText(spec.resource), partitionText(live)];
  if (wantPart !== livePart) drift.refusals.push(`partitioning: ${livePart} live, ${wantPart} in the file (a migration: partitioning has no ALTER)`);
  const wantExp = spec.resource.timePartitioning?.expirationMs;
  const liveExp = live.timePartitioning?.expirationMs;
  if (wantPart === livePart && (wantExp ?? null) !== (liveExp ?? null)) {
    const days = wantExp === undefined ? 'NULL' : String(Number(wantExp) / 86_400_000);
    drift.changes.push({ kind: 'sql', sql: `ALTER TABLE ${qualified} SET OPTIONS (partition_expiration_days = ${days})`, what: `partition expiration: ${days} days` });
  }
  const [wantCl, liveCl] = [spec.resource.clustering?.fields ?? [], live.clustering?.fields ?? []];
  if (wantCl.join(',') !== liveCl.join(',')) {
    drift.changes.push({ kind: 'clustering', fields: wantCl, what: `clustering: [${liveCl.join(', ')}] -> [${wantCl.join(', ')}]` });
  }
  return drift;
}

/** The drift as lines a person reads. */
export function driftLines(d: TableDrift): string[] {
  if (d.missing) return [`${d.table}: missing - created from its file`];
  if (d.changes.length + d.refusals.length + d.notes.length === 0) return [`${d.table}: matches its file`];
  return [
    ...d.changes.map((c) => `${d.table}: ${c.what} - ${c.kind === 'sql' ? c.sql : `tables.patch clustering [${c.fields.join(', ')}]`}`),
    ...d.refusals.map((r) => `${d.table}: REFUSED, needs a migration - ${r}`),
    ...d.notes.map((n) => `${d.table}: ${n}`),
  ];
}
