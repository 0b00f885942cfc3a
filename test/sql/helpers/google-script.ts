/**
 * Runs a GoogleSQL script or procedure in ZetaSQL's reference evaluator, statement by statement,
 * over tables held here, so the project's writes are proven in GoogleSQL and not only by their
 * DuckDB twins. The evaluator answers one statement at a time and stores nothing, so this keeps
 * the script's state: DECLAREd variables and procedure arguments (catalog constants with values),
 * TEMP tables, the tables' rows (INSERT, UPDATE and DELETE through EvaluateModify; a hidden
 * primary key __row says which rows an UPDATE or DELETE touched), transactions (ROLLBACK puts the
 * rows back), CALL (the procedure's body from sql/procedures), BEGIN ... EXCEPTION WHEN ERROR
 * (@@error.message is the caught text), RAISE, @@row_count. MERGE, which the evaluator lacks
 * ("does not support statement kind: MergeStmt"), is split into the UPDATE ... FROM of its
 * matched rows and the INSERT ... SELECT of the unmatched, both against the rows before it.
 * CURRENT_TIMESTAMP() and CURRENT_DATE() read a fixed clock, the one the twins get as bq_now.
 */
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../../../tools/sql/files';
import { fromZetaType, fromZetaValue, toZetaType, toZetaValue, type SqlType, type SqlValue } from '../../../tools/sql/types';
import { findKey, nodeKinds, nodeRange, type Node } from '../../../tools/sql/zetasql/ast';
import type { Row } from './duck';
import type { Reference } from './reference';

interface Variable { type: SqlType; value: SqlValue }
interface Table { columns: { name: string; type: SqlType }[]; rows: Row[] }

/** Variables of a block; a SET reaches the block that DECLAREd the name. */
class Scope {
  private readonly vars = new Map<string, Variable>();
  constructor(private readonly parent: Scope | null = null, entries: Iterable<[string, Variable]> = []) {
    for (const [k, v] of entries) this.vars.set(k, v);
  }
  get(name: string): Variable | undefined {
    return this.vars.get(name) ?? this.parent?.get(name);
  }
  declare(name: string, v: Variable): this {
    this.vars.set(name, v);
    return this;
  }
  set(name: string, v: Variable): void {
    if (this.vars.has(name) || !this.parent?.get(name)) this.vars.set(name, v);
    else this.parent.set(name, v);
  }
  /** Every visible name, the nearest declaration winning. */
  entries(): Array<[string, Variable]> {
    const out = new Map(this.parent?.entries() ?? []);
    for (const [k, v] of this.vars) out.set(k, v);
    return [...out];
  }
}

export interface ScriptState {
  /** Base tables by bare name, and TEMP tables. */
  tables: Map<string, Table>;
  /** The last result set. */
  result: Row[];
  rowCount: number;
}

const DATASET = 'eros_scheduling_brain';
const KNOWN = new Set(['astVariableDeclarationNode', 'astSingleAssignmentNode', 'astAssignmentFromStructNode', 'astBeginStatementNode',
  'astCommitStatementNode', 'astRollbackStatementNode', 'astBeginEndBlockNode', 'astRaiseStatementNode', 'astCallStatementNode',
  'astCreateTableStatementNode', 'astInsertStatementNode', 'astUpdateStatementNode', 'astDeleteStatementNode', 'astMergeStatementNode',
  'astAssertStatementNode']);

export class GoogleScript {
  private snapshot: Map<string, Row[]> | null = null;

  constructor(private readonly ref: Reference, readonly state: ScriptState, private readonly now: string) {}

  static open(ref: Reference, tables: Record<string, Row[]>, now: string): GoogleScript {
    const state: ScriptState = { tables: new Map(), result: [], rowCount: 0 };
    for (const t of ref.checker.catalog.proto.table) {
      const name = String(t.name);
      if (!name.startsWith(`${DATASET}.`)) continue;
      const bare = name.slice(DATASET.length + 1);
      state.tables.set(bare, { columns: ref.columns(bare), rows: (tables[bare] ?? []).map((r) => ({ ...r })) });
    }
    return new GoogleScript(ref, state, now);
  }

  rows(table: string): Row[] {
    return this.state.tables.get(table)?.rows ?? [];
  }

  /** Runs a script's text (a runtime query) with its parameters as variables of the outer scope. */
  async script(text: string, params: Record<string, Variable>): Promise<Row[]> {
    const scope = new Scope(null, Object.entries(params).map(([k, v]): [string, Variable] => [`@${k}`, v]));
    await this.statements(await this.parse(this.clock(text)), text, scope);
    return this.state.result;
  }

  /** CALL <procedure>(args): its body, its arguments (values, or expressions of the caller's scope) bound by position, typed as declared. */
  async call(procedure: string, args: Array<Variable | string>, caller: Scope = new Scope()): Promise<Row[]> {
    const file = fs.readFileSync(path.join(repoRoot(), 'sql', 'procedures', `${procedure}.sql`), 'utf8');
    const head = new RegExp(`PROCEDURE\\s+${DATASET}\\.${procedure}\\s*\\(([\\s\\S]*?)\\)\\s*BEGIN\\b([\\s\\S]*)\\bEND;\\s*$`).exec(file);
    if (!head) throw new Error(`procedure ${procedure}: no body`);
    const declared = (head[1] as string).split(',').map((a) => a.trim().split(/\s+/)).filter((a) => a[0] !== '');
    const scope = new Scope();
    for (const [i, [name, type]] of declared.entries()) {
      const arg = args[i] as Variable | string;
      scope.declare(name as string, typeof arg === 'string' ? await this.value(`CAST(${arg} AS ${type as string})`, caller) : arg);
    }
    const body = this.clock(head[2] as string);
    await this.statements(await this.parse(body), body, scope);
    return this.state.result;
  }

  private clock(text: string): string {
    return text
      .replace(/CURRENT_TIMESTAMP\(\)/g, `TIMESTAMP '${this.now}'`)
      .replace(/CURRENT_DATE\(\s*('[^']*')\s*\)/g, `DATE(TIMESTAMP '${this.now}', $1)`)
      .replace(/CURRENT_DATE\(\)/g, `DATE(TIMESTAMP '${this.now}')`);
  }

  private async parse(text: string): Promise<Node[]> {
    const res = await this.ref.rpc<Node>('parse', { sqlStatement: text, options: this.ref.checker.analyzerOptions([]).languageOptions, allowScript: true });
    return (findKey(res, 'statementList') as Node[] | undefined) ?? [];
  }

  private async statements(list: Node[], text: string, scope: Scope): Promise<void> {
    const local = new Scope(scope);
    for (const stmt of list) await this.statement(stmt, text, local);
  }

  private textOf(node: unknown, text: string): string {
    const r = nodeRange(node);
    if (!r) throw new Error('node without a range');
    return Buffer.from(text, 'utf8').subarray(r.start, r.end).toString('utf8');
  }

  /** The statement with @@error.message and @@row_count as literals (the evaluator has no values for them). */
  private expand(sql: string, scope: Scope): string {
    const failure = scope.get('@@error.message');
    return sql
      .replace(/@@error\.message/g, failure ? `'${String(failure.value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : 'CAST(NULL AS STRING)')
      .replace(/@@row_count/g, String(this.state.rowCount));
  }

  private async statement(stmt: Node, text: string, scope: Scope): Promise<void> {
    const kinds = nodeKinds(stmt);
    const kind = kinds.find((k) => KNOWN.has(k)) ?? '';
    const sql = this.expand(this.textOf(stmt, text), scope);
    switch (kind) {
      case 'astVariableDeclarationNode': return this.declare(stmt, text, scope);
      case 'astSingleAssignmentNode': {
        const name = String((findKey(stmt, 'variable') as Node).idString);
        const v = await this.value(this.expand(this.textOf(findKey(stmt, 'expression'), text), scope), scope, scope.get(name)?.type);
        scope.set(name, v);
        return;
      }
      case 'astAssignmentFromStructNode': {
        const names = ((findKey(stmt, 'variables') as Node).identifierList as Node[]).map((n) => String(n.idString));
        const fields = await this.structFields(this.expand(this.textOf(findKey(stmt, 'structExpression'), text), scope), scope);
        names.forEach((n, i) => scope.set(n, fields[i] as Variable));
        return;
      }
      case 'astBeginStatementNode': this.snapshot = new Map([...this.state.tables].map(([k, t]) => [k, t.rows.map((r) => ({ ...r }))])); return;
      case 'astCommitStatementNode': this.snapshot = null; return;
      case 'astRollbackStatementNode': {
        if (!this.snapshot) throw new Error('Query error: Cannot roll back: no transaction is open');
        for (const [k, rows] of this.snapshot) (this.state.tables.get(k) as Table).rows = rows;
        this.snapshot = null;
        return;
      }
      case 'astBeginEndBlockNode': return this.block(stmt, text, scope);
      case 'astRaiseStatementNode': throw new Error(String((await this.value(this.expand(this.textOf(findKey(stmt, 'message'), text), scope), scope)).value));
      case 'astCallStatementNode': {
        const m = /^CALL\s+eros_scheduling_brain\.(\w+)\s*\(([\s\S]*)\)$/i.exec(sql.trim());
        if (!m) throw new Error(`CALL not understood: ${sql}`);
        const argList = (findKey(stmt, 'arguments') as Node[] | undefined) ?? [];
        await this.call(m[1] as string, argList.map((a) => this.expand(this.textOf(a, text), scope)), scope);
        return;
      }
      case 'astCreateTableStatementNode': return this.tempTable(stmt, text, sql, scope);
      case 'astInsertStatementNode': case 'astUpdateStatementNode': case 'astDeleteStatementNode': await this.modify(sql, scope); return;
      case 'astMergeStatementNode': return this.merge(stmt, text, scope);
      case 'astAssertStatementNode': {
        const holds = await this.value(this.expand(this.textOf(findKey(stmt, 'expr'), text), scope), scope);
        if (holds.value !== true) throw new Error(`Assertion failed: ${String((findKey(stmt, 'description') as Node | undefined)?.string ?? '')}`);
        return;
      }
      default: {
        const res = await this.query(sql, scope);
        this.state.result = res.rows;
      }
    }
  }

  private async declare(stmt: Node, text: string, scope: Scope): Promise<void> {
    const ids = (findKey(stmt, 'identifierList') as Node[]).map((i) => String(i.idString));
    const typeNode = findKey(stmt, 'type');
    const def = findKey(stmt, 'defaultValue');
    const typeText = typeNode ? this.textOf(typeNode, text) : null;
    const expr = def ? this.expand(this.textOf(def, text), scope) : 'NULL';
    const v = await this.value(typeText ? `CAST(${expr} AS ${typeText})` : expr, scope);
    for (const id of ids) scope.declare(id, v);
  }

  private async block(stmt: Node, text: string, scope: Scope): Promise<void> {
    const block = findKey(stmt, 'astBeginEndBlockNode') as Node;
    try {
      await this.statements((findKey(block.statementListNode, 'statementList') as Node[] | undefined) ?? [], text, scope);
    } catch (e) {
      const handlers = (findKey(block.handlerList, 'exceptionHandlerList') as Node[] | undefined) ?? [];
      if (handlers.length === 0) throw e;
      const inner = new Scope(scope).declare('@@error.message', { type: { kind: 'STRING' }, value: e instanceof Error ? e.message : String(e) });
      for (const h of handlers) await this.statements((findKey(h.statementList, 'statementList') as Node[] | undefined) ?? [], text, inner);
    }
  }

  /** The catalog with the scope's variables and the TEMP tables; the content of every table. */
  private request(scope: Scope, pk?: string): { simpleCatalog: object; tableContent: Record<string, object> } {
    const proto = this.ref.checker.catalog.proto;
    const constants = scope.entries().filter(([k]) => !k.startsWith('@')).map(([name, v]) => ({ namePath: [name], type: toZetaType(v.type), value: toZetaValue(v.type, v.value) }));
    const tables: Node[] = [];
    const tableContent: Record<string, object> = {};
    for (const [bare, t] of this.state.tables) {
      const name = proto.table.some((x) => x.name === `${DATASET}.${bare}`) ? `${DATASET}.${bare}` : bare;
      const keyed = bare === pk;
      const columns = [...t.columns, ...(keyed ? [{ name: '__row', type: { kind: 'INT64' } as SqlType }] : [])];
      tables.push({ name, column: columns.map((c) => ({ name: c.name, type: toZetaType(c.type) })), ...(keyed ? { primaryKeyColumnIndex: [t.columns.length] } : {}) });
      tableContent[name] = { tableData: { row: t.rows.map((r, i) => ({ cell: columns.map((c) => toZetaValue(c.type, c.name === '__row' ? i : r[c.name] ?? null)) })) } };
    }
    const others = proto.table.filter((x) => !String(x.name).startsWith(`${DATASET}.`));
    return { simpleCatalog: { ...proto, table: [...others, ...tables], constant: constants }, tableContent };
  }

  private params(scope: Scope): { decl: object[]; values: object[] } {
    const ps = scope.entries().filter(([k]) => k.startsWith('@') && !k.startsWith('@@'));
    return {
      decl: ps.map(([k, v]) => ({ name: k.slice(1), type: toZetaType(v.type) })),
      values: ps.map(([k, v]) => ({ name: k.slice(1), value: toZetaValue(v.type, v.value) })),
    };
  }

  async query(sql: string, scope: Scope): Promise<{ columns: { name: string; type: SqlType }[]; rows: Row[] }> {
    const p = this.params(scope);
    const res = await this.ref.rpc<Node>('evaluateQuery', {
      sql: this.ref.checker.catalog.sql(sql), options: this.ref.checker.analyzerOptions(p.decl as never), ...this.request(scope), params: p.values,
    });
    const columns = ((res.prepared as Node).columns as Node[]).map((c) => ({ name: String(c.name), type: fromZetaType(c.type as never) }));
    const data = ((res.content as Node | null)?.tableData as { row: { cell: Record<string, unknown>[] }[] } | undefined)?.row ?? [];
    return { columns, rows: data.map((r) => Object.fromEntries(columns.map((c, i) => [c.name, fromZetaValue(c.type, r.cell[i])]))) };
  }

  /** A STRUCT's fields by position (SELECT AS STRUCT leaves them unnamed). */
  private async structFields(expr: string, scope: Scope): Promise<Variable[]> {
    const p = this.params(scope);
    const res = await this.ref.rpc<Node>('evaluateQuery', {
      sql: this.ref.checker.catalog.sql(`SELECT ${expr} AS v`), options: this.ref.checker.analyzerOptions(p.decl as never), ...this.request(scope), params: p.values,
    });
    const type = ((res.prepared as Node).columns as Node[])[0]?.type as { structType: { field: Array<{ fieldType: never }> } };
    const cell = ((res.content as Node).tableData as { row: Array<{ cell: Array<{ structValue?: { field: Record<string, unknown>[] } }> }> }).row[0]?.cell[0];
    return type.structType.field.map((f, i) => {
      const t = fromZetaType(f.fieldType);
      return { type: t, value: fromZetaValue(t, cell?.structValue?.field[i]) };
    });
  }

  private async value(expr: string, scope: Scope, type?: SqlType): Promise<Variable> {
    const res = await this.query(`SELECT ${expr} AS v`, scope);
    const col = res.columns[0] as { type: SqlType };
    return { type: type ?? col.type, value: res.rows[0]?.v ?? null };
  }

  private async tempTable(stmt: Node, text: string, sql: string, scope: Scope): Promise<void> {
    const name = ((findKey(stmt, 'name') as Node).names as Node[]).map((n) => String(n.idString)).join('.');
    const query = findKey(stmt, 'query');
    if (!/^CREATE\s+TEMP(ORARY)?\s+TABLE/i.test(sql) || !query) throw new Error(`only CREATE TEMP TABLE ... AS SELECT runs here: ${sql.slice(0, 60)}`);
    const res = await this.query(this.expand(this.textOf(query, text), scope), scope);
    this.state.tables.set(name, { columns: res.columns, rows: res.rows });
  }

  /** INSERT, UPDATE or DELETE through EvaluateModify; the touched rows are applied here. */
  private async modify(sql: string, scope: Scope, against?: Map<string, Table>): Promise<{ table: string; apply: () => void }> {
    const target = /^\s*(?:INSERT\s+(?:INTO\s+)?|UPDATE\s+|DELETE\s+(?:FROM\s+)?)eros_scheduling_brain\.(\w+)/i.exec(sql)?.[1];
    if (!target) throw new Error(`DML on a table of ${DATASET} only: ${sql.slice(0, 60)}`);
    const insert = /^\s*INSERT/i.test(sql);
    const p = this.params(scope);
    const saved = this.state.tables;
    if (against) this.state.tables = against;
    const req = this.request(scope, insert ? undefined : target);
    this.state.tables = saved;
    const res = await this.ref.rpc<Node>('evaluateModify', {
      sql: this.ref.checker.catalog.sql(sql), options: this.ref.checker.analyzerOptions(p.decl as never), ...req, params: p.values,
    });
    const table = this.state.tables.get(target) as Table;
    const touched = (res.content as Node[] | undefined) ?? [];
    const row = (cells: Record<string, unknown>[]): Row => Object.fromEntries(table.columns.map((c, i) => [c.name, fromZetaValue(c.type, cells[i])]));
    const apply = (): void => {
      const byIndex = new Map(touched.filter((t) => Number(t.operation) !== 1).map((t) => [Number((t.oldPrimaryKey as Node[])[0]?.int64Value), t]));
      const kept = table.rows.flatMap((r, i) => {
        const t = byIndex.get(i);
        if (!t) return [r];
        return Number(t.operation) === 2 ? [] : [row(t.cell as Record<string, unknown>[])];
      });
      table.rows = [...kept, ...touched.filter((t) => Number(t.operation) === 1).map((t) => row(t.cell as Record<string, unknown>[]))];
      this.state.rowCount = touched.length;
    };
    if (!against) apply();
    return { table: target, apply };
  }

  /** MERGE as its matched UPDATE and its unmatched INSERT, both read against the rows before it. */
  private async merge(stmt: Node, text: string, scope: Scope): Promise<void> {
    const node = findKey(stmt, 'astMergeStatementNode') as Node;
    const part = (n: unknown): string => this.expand(this.textOf(n, text), scope);
    const target = part(node.targetPath);
    const alias = String(((node.alias as Node).identifier as Node).idString);
    const source = part(node.tableExpression);
    const on = part(node.mergeCondition);
    const clauses = ((node.whenClauses as Node).clauseList as Node[]).map((c) => c.action as Node);
    const before = new Map([...this.state.tables].map(([k, t]) => [k, { ...t, rows: [...t.rows] }]));
    const steps: Array<{ apply: () => void }> = [];
    for (const a of clauses) {
      if (a.updateItemList) {
        steps.push(await this.modify(`UPDATE ${target} AS ${alias} SET ${part(a.updateItemList)} FROM ${source} WHERE ${on}`, scope, before));
      } else if (a.insertRow) {
        const values = part(a.insertRow).replace(/^\(([\s\S]*)\)$/, '$1');
        steps.push(await this.modify(`INSERT INTO ${target} (${part(a.insertColumnList).replace(/^\(|\)$/g, '')}) SELECT ${values} FROM ${source} WHERE NOT EXISTS (SELECT 1 FROM ${target} AS ${alias} WHERE ${on})`, scope, before));
      }
    }
    let rows = 0;
    for (const s of steps) {
      s.apply();
      rows += this.state.rowCount;
    }
    this.state.rowCount = rows;
  }
}

export type { Variable, Scope };
