/**
 * The ZetaSQL catalog built from the project's own DDL. Two naming modes:
 *  - 'analyze': every object nested (eros_scheduling_brain -> name) and flat
 *    (`eros_scheduling_brain.name`), so both spellings resolve, as in BigQuery;
 *  - 'evaluate': flat names only and SQL rewritten to the backticked spelling, because the
 *    reference evaluator only fills tables registered at the catalog root.
 * UDFs and table functions are registered as templated SQL objects with their bodies, so calls
 * resolve (and, with inlining rewrites on, evaluate).
 */
import { DATASET, codeOnly } from '../files';
import { inlineRoutines, type Routine } from '../inline';
import type { Node } from './ast';

export type CatalogMode = 'analyze' | 'evaluate';

export interface CatalogProto {
  name: string;
  builtinFunctionOptions: { languageOptions: Record<string, unknown> };
  table: Node[];
  catalog: Node[];
  customFunction: Node[];
  customTvf: Node[];
  constant?: Node[];
}

/** BigQuery's INFORMATION_SCHEMA.JOBS_BY_PROJECT, reduced to the columns the project reads. */
export const JOBS_BY_PROJECT_COLUMNS: { name: string; typeKind: number }[] = [
  { name: 'creation_time', typeKind: 19 },
  { name: 'total_bytes_billed', typeKind: 2 },
  { name: 'job_type', typeKind: 8 },
  { name: 'statement_type', typeKind: 8 },
  { name: 'state', typeKind: 8 },
  { name: 'user_email', typeKind: 8 },
];
const REGION_QUALIFIER = 'region-us';

/** Rewrites dataset-qualified names to one backticked identifier (evaluate mode). */
export function backtickQualified(sql: string): string {
  const code = codeOnly(sql);
  const pattern = new RegExp(`(?<![\`.\\w])${DATASET}\\.([A-Za-z_][A-Za-z0-9_]*)|\`${REGION_QUALIFIER}\`\\.INFORMATION_SCHEMA\\.JOBS_BY_PROJECT`, 'g');
  let out = '';
  let last = 0;
  for (const m of code.matchAll(pattern)) {
    const at = m.index ?? 0;
    out += sql.slice(last, at) + (m[1] ? `\`${DATASET}.${m[1]}\`` : `\`${REGION_QUALIFIER}.INFORMATION_SCHEMA.JOBS_BY_PROJECT\``);
    last = at + m[0].length;
  }
  return out + sql.slice(last);
}

export function procedureStubName(name: string): string {
  return `procedure:${DATASET}.${name}`;
}

/** A TypeProto reduced to what identifies the type. */
export function cleanType(type: unknown): Node {
  const t = type as Node;
  const out: Node = { typeKind: t.typeKind };
  const arr = t.arrayType as Node | null | undefined;
  if (arr) out.arrayType = { elementType: cleanType(arr.elementType) };
  const st = t.structType as { field: Node[] } | null | undefined;
  if (st) out.structType = { field: st.field.map((f) => ({ fieldName: f.fieldName, fieldType: cleanType(f.fieldType) })) };
  return out;
}

/**
 * A function signature reduced to kinds, types and names: the resolved signature's explicit
 * defaults (e.g. min/max value 0) would otherwise be read back as constraints.
 */
export function cleanSignature(signature: unknown): Node {
  const sig = signature as { argument?: Node[]; returnType: Node };
  const arg = (a: Node): Node => {
    const options = (a.options ?? {}) as Node;
    const out: Node = { kind: a.kind, options: { cardinality: 0, argumentName: options.argumentName ?? '' }, numOccurrences: 1 };
    if (a.type) out.type = cleanType(a.type);
    const schema = options.relationInputSchema as { column: Node[]; isValueTable?: boolean } | null | undefined;
    if (schema) {
      (out.options as Node).relationInputSchema = {
        column: schema.column.map((c) => ({ name: c.name, type: cleanType(c.type) })),
        isValueTable: Boolean(schema.isValueTable),
      };
    }
    return out;
  };
  return { argument: (sig.argument ?? []).map(arg), returnType: arg(sig.returnType), contextId: 0 };
}

export class ProjectCatalog {
  readonly proto: CatalogProto;
  private readonly dataset: CatalogProto;

  constructor(languageOptions: Record<string, unknown>, readonly mode: CatalogMode) {
    const empty = (name: string): CatalogProto => ({
      name, builtinFunctionOptions: { languageOptions }, table: [], catalog: [], customFunction: [], customTvf: [],
    });
    this.proto = empty('root');
    this.dataset = empty(DATASET);
    const jobs = {
      name: 'JOBS_BY_PROJECT',
      column: JOBS_BY_PROJECT_COLUMNS.map((c) => ({ name: c.name, type: { typeKind: c.typeKind } })),
    };
    if (mode === 'analyze') {
      this.proto.catalog.push(this.dataset as unknown as Node);
      const infoSchema = { ...empty('INFORMATION_SCHEMA'), table: [jobs] };
      this.proto.catalog.push({ ...empty(REGION_QUALIFIER), catalog: [infoSchema] } as unknown as Node);
    }
    this.proto.table.push({ ...jobs, name: `${REGION_QUALIFIER}.INFORMATION_SCHEMA.JOBS_BY_PROJECT` });
  }

  /** View queries, inlined as subqueries in evaluate mode (the evaluator has no views). */
  private readonly views = new Map<string, string>();

  addViewDefinition(name: string, query: string): void {
    this.views.set(name, query);
  }

  /** UDF and table-function bodies, inlined textually in evaluate mode (see inlineRoutines). */
  private readonly routines = new Map<string, Routine>();

  /** Calls of project UDFs / table functions replaced by their bodies (inline.ts). */
  inlineRoutines(text: string): string {
    return inlineRoutines(text, this.routines);
  }

  /** SQL text as this catalog's mode needs it. */
  sql(text: string): string {
    if (this.mode !== 'evaluate') return text;
    let out = this.inlineRoutines(text);
    for (const [name, query] of this.views) {
      out = out.replace(new RegExp(`\\b${DATASET}\\.${name}\\b`, 'g'), () => `(${query})`);
    }
    return backtickQualified(out);
  }

  private add(list: 'table' | 'customFunction' | 'customTvf', name: string, entry: Node, nameKey: 'name' | 'namePath'): void {
    const flat = `${DATASET}.${name}`;
    const replace = (arr: Node[], key: string, value: unknown): void => {
      const i = arr.findIndex((e) => JSON.stringify(e[key]) === JSON.stringify(value));
      const item = { ...entry, [key]: value };
      if (i >= 0) arr[i] = item; else arr.push(item);
    };
    replace(this.proto[list], nameKey, nameKey === 'name' ? flat : [flat]);
    if (this.mode === 'analyze') replace(this.dataset[list], nameKey, nameKey === 'name' ? name : [name]);
  }

  addTable(name: string, columns: { name: string; type: unknown }[]): void {
    this.add('table', name, { column: columns.map((c) => ({ name: c.name, type: c.type })) }, 'name');
  }

  addTempTable(name: string, columns: { name: string; type: unknown }[]): void {
    const entry = { name, column: columns.map((c) => ({ name: c.name, type: c.type })) };
    const i = this.proto.table.findIndex((t) => t.name === name);
    if (i >= 0) this.proto.table[i] = entry; else this.proto.table.push(entry);
  }

  addFunction(name: string, signature: unknown, argumentNames: string[], body: string): void {
    if (this.mode === 'evaluate') this.routines.set(name, { args: argumentNames, body });
    this.add('customFunction', name, {
      group: 'Templated_SQL_Function',
      mode: 'SCALAR',
      signature: [cleanSignature(signature)],
      parseResumeLocation: { input: this.sql(body), bytePosition: 0, allowResume: false },
      templatedSqlFunctionArgumentName: argumentNames,
    }, 'namePath');
  }

  addTableFunction(name: string, signature: unknown, argumentNames: string[], body: string): void {
    if (this.mode === 'evaluate') this.routines.set(name, { args: argumentNames, body });
    this.add('customTvf', name, {
      type: 'TEMPLATED_SQL_TVF',
      signature: cleanSignature(signature),
      argumentName: argumentNames,
      parseResumeLocation: { input: this.sql(body), bytePosition: 0, allowResume: false },
    }, 'namePath');
  }

  /**
   * The service crashes on any catalog holding a procedure (1.13), so a procedure is registered
   * as a stub function `procedure:<dataset>.<name>` with the same arguments; the checker analyzes
   * `CALL p(args)` as a call of the stub, which applies the same argument coercion rules.
   */
  addProcedure(name: string, args: { name: string; type: unknown }[]): void {
    const entry = {
      namePath: [procedureStubName(name)],
      group: 'procedure_stub',
      mode: 'SCALAR',
      signature: [{
        argument: args.map((a) => ({ kind: 0, type: cleanType(a.type), options: { cardinality: 0, argumentName: a.name }, numOccurrences: 1 })),
        returnType: { kind: 0, type: { typeKind: 5 }, options: { cardinality: 0 }, numOccurrences: 1 },
        contextId: 0,
      }],
    };
    const list = this.proto.customFunction;
    const i = list.findIndex((f) => JSON.stringify(f.namePath) === JSON.stringify(entry.namePath));
    if (i >= 0) list[i] = entry; else list.push(entry);
  }

  /** A copy with script variables / procedure arguments registered as constants. */
  withConstants(constants: { name: string; type: unknown }[]): CatalogProto {
    if (constants.length === 0) return this.proto;
    return { ...this.proto, constant: constants.map((c) => ({ namePath: [c.name], type: c.type, value: {} })) };
  }
}
