/**
 * The ZetaSQL reference evaluator with the project's catalog in 'evaluate' mode: tables get the
 * fixture rows, UDFs and table functions are inlined, views are inlined as subqueries.
 */
import { loadSqlFiles } from '../../../tools/sql/files';
import { fromZetaType, fromZetaValue, toZetaType, toZetaValue, type SqlType, type SqlValue } from '../../../tools/sql/types';
import { SqlChecker } from '../../../tools/sql/zetasql/checker';
import { startZetaSql, type ZetaService } from '../../../tools/sql/zetasql/service';
import type { Node } from '../../../tools/sql/zetasql/ast';
import type { Params, Row } from './duck';

export interface Result { columns: { name: string; type: SqlType }[]; rows: Row[] }

export class Reference {
  private constructor(private readonly svc: ZetaService, readonly checker: SqlChecker) {}

  static async start(): Promise<Reference> {
    const svc = await startZetaSql();
    const checker = new SqlChecker(svc, 'evaluate');
    // Procedures and the seed are not evaluated; their statements are checked by analysis.test.ts.
    const findings = await checker.checkAll(loadSqlFiles(undefined, ['tables', 'functions', 'table_functions', 'views']));
    if (findings.length) throw new Error(`evaluate-mode catalog: ${JSON.stringify(findings)}`);
    return new Reference(svc, checker);
  }

  stop(): void { this.svc.stop(); }

  /** One call of the ZetaSQL local service (the script evaluator builds its own requests). */
  rpc<T>(method: string, request: object): Promise<T> { return this.svc.rpc<T>(method, request); }

  /** Columns of a project table (bare name), from its DDL. */
  columns(table: string): { name: string; type: SqlType }[] {
    const t = this.checker.catalog.proto.table.find((x) => x.name === `eros_scheduling_brain.${table}`);
    if (!t) throw new Error(`no table ${table}`);
    return (t.column as Node[]).map((c) => ({ name: String(c.name), type: fromZetaType(c.type as never) }));
  }

  async query(sql: string, params: Params, tables: Record<string, Row[]>): Promise<Result> {
    const tableContent: Record<string, object> = {};
    for (const t of this.checker.catalog.proto.table) {
      const name = String(t.name);
      if (!name.startsWith('eros_scheduling_brain.')) continue;
      const cols = this.columns(name.slice('eros_scheduling_brain.'.length));
      const rows = tables[name.slice('eros_scheduling_brain.'.length)] ?? [];
      tableContent[name] = { tableData: { row: rows.map((r) => ({ cell: cols.map((c) => toZetaValue(c.type, r[c.name] ?? null)) })) } };
    }
    const jobs = this.checker.catalog.proto.table.find((t) => String(t.name).endsWith('INFORMATION_SCHEMA.JOBS_BY_PROJECT'));
    if (jobs) {
      const cols = (jobs.column as Node[]).map((c) => ({ name: String(c.name), type: fromZetaType(c.type as never) }));
      tableContent[String(jobs.name)] = { tableData: { row: (tables.jobs_by_project ?? []).map((r) => ({ cell: cols.map((c) => toZetaValue(c.type, r[c.name] ?? null)) })) } };
    }
    const decl = Object.entries(params).map(([name, p]) => ({ name, type: toZetaType(p.type) }));
    const res = await this.svc.rpc<Node>('evaluateQuery', {
      sql: this.checker.catalog.sql(sql.trim().replace(/;\s*$/, '')),
      options: this.checker.analyzerOptions(decl),
      simpleCatalog: this.checker.catalog.proto,
      tableContent,
      params: Object.entries(params).map(([name, p]) => ({ name, value: toZetaValue(p.type, p.value) })),
    });
    const columns = ((res.prepared as Node).columns as Node[]).map((c) => ({ name: String(c.name), type: fromZetaType(c.type as never) }));
    const data = ((res.content as Node | null)?.tableData as { row: { cell: Record<string, unknown>[] }[] } | undefined)?.row ?? [];
    return { columns, rows: data.map((r) => Object.fromEntries(columns.map((c, i) => [c.name, fromZetaValue(c.type, r.cell[i])]))) };
  }
}

/** Equal up to 1e-9 relative on floats; rows compared in order or as multisets. */
export function sameRows(a: Row[], b: Row[], ordered: boolean): { equal: boolean; detail?: string } {
  if (a.length !== b.length) return { equal: false, detail: `row count ${a.length} vs ${b.length}` };
  const key = (r: Row): string => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(9)) : v));
  const xs = ordered ? a : [...a].sort((p, q) => key(p).localeCompare(key(q)));
  const ys = ordered ? b : [...b].sort((p, q) => key(p).localeCompare(key(q)));
  for (let i = 0; i < xs.length; i++) {
    if (!close(xs[i], ys[i])) return { equal: false, detail: `row ${i}: ${JSON.stringify(xs[i])} vs ${JSON.stringify(ys[i])}` };
  }
  return { equal: true };
}

function close(x: unknown, y: unknown): boolean {
  if (typeof x === 'number' && typeof y === 'number') {
    return x === y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
  }
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => close(v, y[i]));
  if (x && y && typeof x === 'object' && typeof y === 'object') {
    const kx = Object.keys(x);
    return kx.length === Object.keys(y).length && kx.every((k) => close((x as Row)[k], (y as Row)[k]));
  }
  return x === y;
}

export type { SqlValue };
