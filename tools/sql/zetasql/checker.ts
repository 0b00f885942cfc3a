/**
 * Checks every statement of the project's SQL files with ZetaSQL's analyzer, BigQuery-like:
 * maximum language features, external product mode, UTC default time zone, declared query
 * parameters. Files are walked as scripts; CREATE statements register their object in the catalog
 * so later files resolve it. Procedure bodies (and multi-statement query scripts) are analyzed
 * statement by statement with arguments and DECLAREd variables registered as constants.
 */
import { DATASET, declaredParams, deployOrder, type SqlFile } from '../files';
import { toZetaType } from '../types';
import { findKey, nodeKinds, nodeRange, type Node, type Range } from './ast';
import { ProjectCatalog, procedureStubName, type CatalogMode } from './catalog';
import type { ZetaService } from './service';

export interface Finding { file: string; line: number; column: number; message: string }

interface Variable { name: string; type: unknown }

/** Script statements the walker cannot see into; they are reported, never skipped silently. */
const UNSUPPORTED_SCRIPT = /^ast(If|While|Loop|Repeat|ForIn|Case|Return|BreakContinue|ExecuteImmediate)/;

/**
 * BigQuery's system variables the project reads (cloud.google.com/bigquery/docs/reference/
 * standard-sql/procedural-language): @@error.* inside an exception handler, @@row_count after DML.
 */
const SYSTEM_VARIABLES = [
  { namePath: ['error', 'message'], type: { typeKind: 8 } },
  { namePath: ['error', 'statement_text'], type: { typeKind: 8 } },
  { namePath: ['row_count'], type: { typeKind: 2 } },
];

export class SqlChecker {
  readonly catalog: ProjectCatalog;

  constructor(private readonly svc: ZetaService, mode: CatalogMode = 'analyze') {
    this.catalog = new ProjectCatalog(svc.languageOptions, mode);
  }

  analyzerOptions(params: { name: string; type: unknown }[]): Record<string, unknown> {
    return {
      languageOptions: this.svc.languageOptions,
      defaultTimezone: 'UTC',
      errorMessageMode: 'ERROR_MESSAGE_ONE_LINE',
      parameterMode: 'PARAMETER_NAMED',
      queryParameters: params,
      // The evaluator wants a value for each: only the analysis knows them.
      systemVariables: this.catalog.mode === 'evaluate' ? [] : SYSTEM_VARIABLES,
      enabledRewrites: this.catalog.mode === 'evaluate' ? ['REWRITE_INLINE_SQL_FUNCTIONS', 'REWRITE_INLINE_SQL_TVFS'] : [],
    };
  }

  async analyze(sql: string, params: { name: string; type: unknown }[] = [], vars: Variable[] = []): Promise<Node> {
    const res = await this.svc.rpc<Node>('analyze', {
      options: this.analyzerOptions(params),
      simpleCatalog: this.catalog.withConstants(vars),
      sqlStatement: this.catalog.sql(sql),
    });
    return res;
  }

  /** Checks all files: deployable objects in deploy order (registering each), then queries. */
  async checkAll(files: SqlFile[]): Promise<Finding[]> {
    const ordered = [...deployOrder(files.filter((f) => f.kind !== 'queries')), ...files.filter((f) => f.kind === 'queries')];
    const findings: Finding[] = [];
    for (const file of ordered) findings.push(...(await this.checkFile(file)));
    return findings;
  }

  async checkFile(file: SqlFile): Promise<Finding[]> {
    const findings: Finding[] = [];
    const params = declaredParams(file.text).map((p) => ({ name: p.name, type: toZetaType(p.type) }));
    const buf = Buffer.from(file.text, 'utf8');
    const report = (byteOffset: number, message: string): void => {
      const { line, column } = position(buf, byteOffset);
      findings.push({ file: file.relPath, line, column, message });
    };
    let statements: Node[];
    try {
      statements = await this.parseScript(file.text);
    } catch (e) {
      report(errorOffset(buf, 0, e), errorText(e));
      return findings;
    }
    if (statements.length === 0) report(0, 'no SQL statement in file');
    await this.walk(buf, 0, statements, params, [], report, file);
    return findings;
  }

  private async parseScript(sql: string): Promise<Node[]> {
    const res = await this.svc.rpc<Node>('parse', { sqlStatement: sql, options: this.svc.languageOptions, allowScript: true });
    const list = findKey(res, 'statementList');
    return Array.isArray(list) ? (list as Node[]) : [];
  }

  /** Walks the statements of a script whose text starts at byte `base` of `buf`. */
  private async walk(
    buf: Buffer, base: number, statements: Node[], params: Variable[], outerVars: Variable[],
    report: (offset: number, message: string) => void, file: SqlFile,
  ): Promise<void> {
    const vars = [...outerVars];
    for (const stmt of statements) {
      const range = nodeRange(stmt);
      if (!range) continue;
      const text = buf.subarray(base + range.start, base + range.end).toString('utf8');
      const kinds = nodeKinds(stmt);
      const inner = kinds[1] ?? kinds[0] ?? '';
      try {
        if (inner === 'astVariableDeclarationNode') {
          vars.push(...(await this.declare(stmt, buf, base, params, vars)));
        } else if (inner === 'astSingleAssignmentNode' || inner === 'astAssignmentFromStructNode') {
          const expr = findKey(stmt, inner === 'astSingleAssignmentNode' ? 'expression' : 'structExpression');
          const r = nodeRange(expr);
          if (!r) throw new Error('SET without an expression');
          await this.expressionCheck(buf.subarray(base + r.start, base + r.end).toString('utf8'), params, vars, base + r.start);
        } else if (inner === 'astCallStatementNode') {
          await this.call(text, params, vars, base + range.start);
        } else if (inner === 'astBeginEndBlockNode') {
          await this.block(stmt, buf, base, params, vars, report, file);
        } else if (inner === 'astRaiseStatementNode') {
          const message = findKey(stmt, 'message');
          const r = nodeRange(message);
          if (r) await this.expressionCheck(buf.subarray(base + r.start, base + r.end).toString('utf8'), params, vars, base + r.start);
        } else if (UNSUPPORTED_SCRIPT.test(inner)) {
          throw new Error(`script statement ${inner.replace(/^ast|Node$/g, '')} is not supported by the checker: keep procedure bodies flat (DECLARE, SET, DML, queries, CALL, transactions)`);
        } else {
          const res = await this.analyze(text, params, vars);
          await this.afterCreate(res, text, buf, base + range.start, file, report);
        }
      } catch (e) {
        report(errorOffset(buf, (e as { base?: number }).base ?? base + range.start, e), errorText(e));
      }
    }
  }

  /**
   * BEGIN ... EXCEPTION WHEN ERROR THEN ... END: the block's statements see its own DECLAREs, the
   * handler's only the outer ones ("Variables declared in a BEGIN block ... may not be used in the
   * block's exception handler").
   */
  private async block(stmt: Node, buf: Buffer, base: number, params: Variable[], vars: Variable[],
    report: (offset: number, message: string) => void, file: SqlFile): Promise<void> {
    const node = findKey(stmt, 'astBeginEndBlockNode') as Node;
    const body = (findKey(node.statementListNode, 'statementList') as Node[] | undefined) ?? [];
    await this.walk(buf, base, body, params, vars, report, file);
    const handlers = (findKey(node.handlerList, 'exceptionHandlerList') as Node[] | undefined) ?? [];
    for (const h of handlers) {
      await this.walk(buf, base, (findKey(h.statementList, 'statementList') as Node[] | undefined) ?? [], params, vars, report, file);
    }
  }

  /** CALL dataset.proc(args): analyzed as a call of the procedure's stub function. */
  private async call(text: string, params: Variable[], vars: Variable[], at: number): Promise<void> {
    const m = /^CALL\s+([`\w.-]+)\s*\(([\s\S]*)\)\s*$/i.exec(text);
    if (!m) throw new Error('CALL statement not understood');
    const name = (m[1] as string).replace(/`/g, '');
    const prefix = `${DATASET}.`;
    if (!name.startsWith(prefix)) throw new Error(`CALL must name ${prefix}<procedure>, got ${name}`);
    const argsAt = at + Buffer.byteLength(text.slice(0, text.indexOf('(', (m[1] as string).length) + 1), 'utf8');
    const stub = `\`${procedureStubName(name.slice(prefix.length))}\``;
    try {
      await this.analyze(`SELECT ${stub}(${m[2] as string}) AS v`, params, vars);
    } catch (e) {
      const msg = errorText(e).replace(/Function not found: [^ ]+/, `Procedure not found: ${name}`);
      throw Object.assign(new Error(msg), { base: argsAt - Buffer.byteLength(`SELECT ${stub}(`, 'utf8') });
    }
  }

  private async expressionCheck(expr: string, params: Variable[], vars: Variable[], at: number): Promise<unknown> {
    try {
      const res = await this.analyze(`SELECT ${expr} AS v`, params, vars);
      const col = (findKey(res, 'outputColumnList') as Node[])[0];
      return findKey(col, 'type');
    } catch (e) {
      // Positions refer to the wrapped text: shift back by the "SELECT " prefix.
      throw Object.assign(new Error(errorText(e)), { base: at - 7 });
    }
  }

  private async declare(stmt: Node, buf: Buffer, base: number, params: Variable[], vars: Variable[]): Promise<Variable[]> {
    const ids = (findKey(stmt, 'identifierList') as Node[]).map((i) => String(i.idString));
    const typeNode = findKey(stmt, 'type');
    const defaultNode = findKey(stmt, 'defaultValue');
    let type: unknown;
    if (typeNode) {
      const r = nodeRange(typeNode) as Range;
      type = await this.expressionCheck(`CAST(NULL AS ${buf.subarray(base + r.start, base + r.end).toString('utf8')})`, params, vars, base + r.start - 13);
    }
    if (defaultNode) {
      const r = nodeRange(defaultNode) as Range;
      const exprType = await this.expressionCheck(buf.subarray(base + r.start, base + r.end).toString('utf8'), params, vars, base + r.start);
      type = type ?? exprType;
    }
    if (!type) throw new Error(`DECLARE ${ids.join(', ')} needs a type or a DEFAULT`);
    return ids.map((name) => ({ name, type }));
  }

  /** Registers what a CREATE statement defined; checks a procedure's body. */
  private async afterCreate(res: Node, text: string, buf: Buffer, at: number, file: SqlFile,
    report: (offset: number, message: string) => void): Promise<void> {
    const kinds = nodeKinds(findKey(res, 'resolvedStatement'));
    const kind = kinds[kinds.length - 1] ?? '';
    const stmt = findKey(res, kind) as Node | undefined;
    if (!stmt || !kind.startsWith('resolvedCreate')) return;
    const rawPath = (findKey(stmt, 'namePath') as string[] | undefined) ?? [];
    // Evaluate mode backticks the qualified name into one identifier: split it back.
    const namePath = rawPath.length === 1 && (rawPath[0] ?? '').startsWith(`${DATASET}.`) ? (rawPath[0] as string).split('.') : rawPath;
    const name = namePath[namePath.length - 1] ?? '';
    if (/^CREATE\s+TEMP(ORARY)?\s+TABLE\b/i.test(text) && namePath.length === 1) {
      // A script's temp table: visible to the following statements under its bare name.
      const cols = findKey(stmt, 'columnDefinitionList') as Node[];
      this.catalog.addTempTable(name, cols.map((c) => ({ name: String(c.name), type: c.type })));
      return;
    }
    if (namePath.length !== 2 || namePath[0] !== DATASET) {
      throw new Error(`object must be named ${DATASET}.<name>, got ${namePath.join('.')}`);
    }
    if (file.kind !== 'queries' && file.kind !== 'seed' && name !== file.name) {
      throw new Error(`${file.relPath} must define ${DATASET}.${file.name}, not ${name}`);
    }
    const argNames = (findKey(stmt, 'argumentNameList') as string[] | undefined) ?? [];
    const signature = findKey(stmt, 'signature');
    if (kind === 'resolvedCreateTableStmtNode') {
      const cols = findKey(stmt, 'columnDefinitionList') as Node[];
      this.catalog.addTable(name, cols.map((c) => ({ name: String(c.name), type: c.type })));
    } else if (kind === 'resolvedCreateViewStmtNode' && this.catalog.mode === 'evaluate') {
      this.catalog.addViewDefinition(name, String(findKey(stmt, 'sql') ?? ''));
    } else if (kind === 'resolvedCreateViewStmtNode') {
      const cols = findKey(stmt, 'outputColumnList') as Node[];
      this.catalog.addTable(name, cols.map((c) => ({ name: String(c.name), type: findKey(c.column, 'type') })));
    } else if (kind === 'resolvedCreateFunctionStmtNode') {
      this.catalog.addFunction(name, signature, argNames, String(findKey(stmt, 'code') ?? ''));
    } else if (kind === 'resolvedCreateTableFunctionStmtNode') {
      this.catalog.addTableFunction(name, signature, argNames, String(findKey(stmt, 'code') ?? ''));
    } else if (kind === 'resolvedCreateProcedureStmtNode') {
      const body = String(findKey(stmt, 'procedureBody') ?? '');
      const argTypes = ((findKey(signature, 'argument') as Node[] | undefined) ?? []).map((a) => findKey(a, 'type'));
      const args = argNames.map((n, i) => ({ name: n, type: argTypes[i] }));
      await this.checkProcedureBody(body, text, buf, at, args, file, report);
      this.catalog.addProcedure(name, args);
    }
  }

  private async checkProcedureBody(body: string, stmtText: string, buf: Buffer, stmtAt: number, args: Variable[],
    file: SqlFile, report: (offset: number, message: string) => void): Promise<void> {
    const m = /^BEGIN\b([\s\S]*)\bEND$/i.exec(body.trim());
    if (!m) throw new Error('procedure body must be BEGIN ... END');
    const innerText = m[1] as string;
    const bodyAt = stmtAt + Buffer.byteLength(stmtText.slice(0, Math.max(0, stmtText.indexOf(body))), 'utf8');
    const innerAt = bodyAt + Buffer.byteLength(body.slice(0, body.indexOf(innerText)), 'utf8');
    let statements: Node[];
    try {
      statements = await this.parseScript(innerText);
    } catch (e) {
      report(errorOffset(buf, innerAt, e), errorText(e));
      return;
    }
    await this.walk(buf, innerAt, statements, [], args, report, file);
  }
}

function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.replace(/^\d+ [A-Z_]+: /, '');
}

/** Byte offset of an "[at line:col]" position inside text that starts at byte `base`. */
function errorOffset(buf: Buffer, base: number, e: unknown): number {
  const m = /\[at (\d+):(\d+)\]/.exec(errorText(e));
  if (!m) return base;
  let line = 1;
  let i = Math.max(0, base);
  while (i < buf.length && line < Number(m[1])) {
    if (buf[i] === 10) line++;
    i++;
  }
  return i + Number(m[2]) - 1;
}

function position(buf: Buffer, offset: number): { line: number; column: number } {
  const before = buf.subarray(0, Math.max(0, Math.min(offset, buf.length))).toString('utf8');
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
