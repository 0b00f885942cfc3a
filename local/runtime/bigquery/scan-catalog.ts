// What the bytes estimate needs to know of sql/: each table's columns and partitioning (from its
// CREATE TABLE), the table functions and views to inline (their bodies), and the procedures'
// bodies (a CALL reads what its statements and the procedures it calls read). Read once per root.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTable } from '../../../tools/sql/ddl';
import type { Routine } from '../../../tools/sql/inline';
import type { PartitionSpec, TableInfo } from './pruning';

export interface ScanCatalog {
  tables: Map<string, TableInfo>;
  routines: Map<string, Routine>;
  views: Map<string, string>;
  procedures: Map<string, string>;
}

const files = (dir: string): Array<[string, string]> =>
  fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort().map((f) => [f.slice(0, -4), fs.readFileSync(path.join(dir, f), 'utf8')]) : [];

function partitionOf(resource: ReturnType<typeof parseTable>['resource']): PartitionSpec | null {
  if (resource.rangePartitioning) return { column: resource.rangePartitioning.field, kind: 'range' };
  const field = resource.timePartitioning?.field;
  if (!field) return null;
  const type = resource.schema?.fields.find((f) => f.name === field)?.type;
  return { column: field, kind: type === 'TIMESTAMP' ? 'timestamp' : 'date' };
}

/** The body between the outer parentheses after AS, or after AS to the final semicolon (a view). */
function bodyAfterAs(text: string, paren: boolean): string {
  const at = /\)\s*AS\s*\(|\bAS\b/i.exec(text.slice(text.search(/CREATE\s+OR\s+REPLACE/i)));
  const from = text.search(/CREATE\s+OR\s+REPLACE/i) + (at?.index ?? 0) + (at?.[0].length ?? 0);
  const rest = text.slice(from).trim().replace(/;\s*$/, '');
  return paren ? rest.replace(/\)$/, '') : rest;
}

const cache = new Map<string, ScanCatalog>();

export function scanCatalog(sqlDir: string): ScanCatalog {
  const hit = cache.get(sqlDir);
  if (hit) return hit;
  const catalog: ScanCatalog = { tables: new Map(), routines: new Map(), views: new Map(), procedures: new Map() };
  for (const [name, text] of files(path.join(sqlDir, 'tables'))) {
    const spec = parseTable(text);
    catalog.tables.set(name, { columns: (spec.resource.schema?.fields ?? []).map((f) => f.name), partition: partitionOf(spec.resource) });
  }
  for (const [name, text] of files(path.join(sqlDir, 'table_functions'))) {
    const head = new RegExp(`TABLE\\s+FUNCTION\\s+\\S*?${name}\\s*\\(([^)]*)\\)`, 'i').exec(text);
    const args = (head?.[1] ?? '').split(',').map((a) => a.trim().split(/\s+/)[0] as string).filter((a) => a !== '');
    catalog.routines.set(name, { args, body: bodyAfterAs(text, true) });
  }
  for (const [name, text] of files(path.join(sqlDir, 'views'))) catalog.views.set(name, bodyAfterAs(text, false));
  for (const [name, text] of files(path.join(sqlDir, 'procedures'))) {
    const m = /\)\s*BEGIN\b([\s\S]*)\bEND;\s*$/.exec(text);
    if (m) catalog.procedures.set(name, m[1] as string);
  }
  cache.set(sqlDir, catalog);
  return catalog;
}

/** A job's GoogleSQL with views replaced by their queries and each CALL followed by the called body. */
export function jobText(sql: string, catalog: ScanCatalog, depth = 0): string {
  let out = sql;
  for (const [name, body] of catalog.views) out = out.replace(new RegExp(`\\beros_scheduling_brain\\.${name}\\b`, 'g'), () => `(${body})`);
  if (depth > 6) return out;
  const calls = [...out.matchAll(/\bCALL\s+`?(?:[\w-]+\.)?eros_scheduling_brain\.(\w+)`?\s*\(/gi)].map((m) => m[1] as string);
  return [out, ...calls.flatMap((p) => (catalog.procedures.has(p) ? [jobText(catalog.procedures.get(p) as string, catalog, depth + 1)] : []))].join(';\n');
}
