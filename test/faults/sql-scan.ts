// A static proof that no SQL text in the bundle is built from values: every SQL argument of a
// warehouse call is traced back, through the TypeScript type checker, to constant text.
//
// The rule. An expression is constant SQL when it is
//   - a string literal or a template literal without substitutions;
//   - a default import of a `.sql` file (esbuild's text loader: the file's text, verbatim);
//   - a `const` whose initializer is constant SQL (followed through imports and re-exports);
//   - a property whose every assignment in src/ is constant SQL: an object-literal property with
//     a constant initializer, or an interface/type member (e.g. RunQueries.pageAnalysis) that every
//     object literal in src/ typed with that interface fills with constant SQL;
//   - `qualify(<constant SQL>, dataset)`: the one identifier substitution (the dataset id, checked
//     against DATASET_PATTERN inside qualify before it is used);
//   - `<constant SQL>.split('<literal>').join(`...${x.location...}...`)`: the region qualifier of
//     INFORMATION_SCHEMA, an identifier built only from the location setting (strictly validated
//     by SettingsSchema, see settings.test.ts);
//   - a parameter of a warehouse method itself (query / queryPages / openCursor / load): a
//     decorator passing its own argument on; those methods' callers are checked in turn;
//   - a conditional whose branches are constant SQL, or a parenthesized/asserted one.
// Anything else — a template with substitutions, `+`, concat(), replace(), a function result,
// an element access, a mutable variable, a parameter of any other function — is a violation.
// Values reach BigQuery only as named query parameters (QueryParam objects).
import * as path from 'node:path';
import * as ts from 'typescript';

/** Methods whose first argument is SQL text (load: a table name, held to the same rule). */
export const SQL_METHODS = new Set(['query', 'queryPages', 'openCursor', 'load']);

export interface Violation {
  where: string;
  text: string;
  why: string;
}

export function createProgram(files: string[]): ts.Program {
  return ts.createProgram(files, {
    target: ts.ScriptTarget.ES2019,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    types: ['google-apps-script'],
  });
}

export function scanProgram(program: ts.Program, inDir: string): { violations: Violation[]; checkedSites: string[] } {
  const checker = program.getTypeChecker();
  const sources = program.getSourceFiles().filter((f) => !f.isDeclarationFile && path.resolve(f.fileName).startsWith(path.resolve(inDir)));
  const violations: Violation[] = [];
  const checkedSites: string[] = [];
  const where = (n: ts.Node) => {
    const sf = n.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(n.getStart());
    return `${path.relative(process.cwd(), sf.fileName)}:${line + 1}`;
  };

  // Every object literal in scope, for "who fills this interface member?".
  const literals: ts.ObjectLiteralExpression[] = [];
  for (const sf of sources) {
    const visit = (n: ts.Node): void => {
      if (ts.isObjectLiteralExpression(n)) literals.push(n);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }

  const memo = new Map<ts.Node, string | null>();
  const inProgress = new Set<ts.Node>();

  /** null when constant; else why not. */
  function why(expr: ts.Expression): string | null {
    if (memo.has(expr)) return memo.get(expr) ?? null;
    if (inProgress.has(expr)) return null; // a cycle adds no new text
    inProgress.add(expr);
    const r = classify(expr);
    inProgress.delete(expr);
    memo.set(expr, r);
    return r;
  }

  function fromSymbol(sym: ts.Symbol | undefined, at: ts.Node): string | null {
    if (!sym) return `cannot resolve ${at.getText()}`;
    if (sym.flags & ts.SymbolFlags.Alias) {
      const decl = sym.declarations?.[0];
      // A default import of a .sql file: the text loader's constant.
      if (decl && ts.isImportClause(decl) && ts.isStringLiteral(decl.parent.moduleSpecifier) && decl.parent.moduleSpecifier.text.endsWith('.sql')) return null;
      return fromSymbol(checker.getAliasedSymbol(sym), at);
    }
    const decls = sym.declarations ?? [];
    if (decls.length === 0) return `${at.getText()} has no declaration`;
    for (const d of decls) {
      const r = fromDeclaration(d, at);
      if (r) return r;
    }
    return null;
  }

  function fromDeclaration(d: ts.Declaration, at: ts.Node): string | null {
    if (ts.isVariableDeclaration(d)) {
      const list = d.parent;
      if (!ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const)) return `${d.name.getText()} is not a const`;
      if (!d.initializer) return `${d.name.getText()} has no initializer`;
      return why(d.initializer);
    }
    if (ts.isParameter(d)) {
      const fn = d.parent;
      const name = (ts.isMethodDeclaration(fn) || ts.isFunctionDeclaration(fn) || ts.isMethodSignature(fn)) && fn.name ? fn.name.getText() : '';
      const first = fn.parameters[0] === d;
      if (SQL_METHODS.has(name) && first) return null;
      return `${d.name.getText()} is a parameter of ${name || 'a function'} (only a warehouse method may pass its own SQL argument on)`;
    }
    if (ts.isPropertyAssignment(d)) return why(d.initializer);
    if (ts.isShorthandPropertyAssignment(d)) return fromSymbol(checker.getShorthandAssignmentValueSymbol(d), d);
    if (ts.isPropertyDeclaration(d)) {
      if (!d.initializer) return `${d.name.getText()} is a class field without initializer`;
      const mods = ts.getCombinedModifierFlags(d);
      if (!(mods & ts.ModifierFlags.Readonly)) return `${d.name.getText()} is a mutable class field`;
      return why(d.initializer);
    }
    if (ts.isPropertySignature(d)) return fromMember(d, at);
    return `${at.getText()} comes from a ${ts.SyntaxKind[d.kind]}`;
  }

  /** An interface member: every object literal in src that fills it must fill it with constant SQL. */
  function fromMember(member: ts.PropertySignature, at: ts.Node): string | null {
    const name = member.name.getText();
    for (const lit of literals) {
      const contextual = checker.getContextualType(lit);
      const target = contextual?.getProperty(name);
      if (!target || !(target.declarations ?? []).includes(member)) continue;
      for (const p of lit.properties) {
        if (!p.name || p.name.getText() !== name) continue;
        const r = ts.isPropertyAssignment(p) ? why(p.initializer) : ts.isShorthandPropertyAssignment(p) ? fromSymbol(checker.getShorthandAssignmentValueSymbol(p), p) : `${name} is set by a ${ts.SyntaxKind[p.kind]}`;
        if (r) return `${at.getText()} (member ${name}) is set at ${where(p)} from non-constant text: ${r}`;
      }
    }
    return null;
  }

  const isRegionJoin = (arg: ts.Expression): boolean =>
    ts.isTemplateExpression(arg) &&
    arg.templateSpans.every((s) => /^[\w.]*\blocation(\.toLowerCase\(\))?$/.test(s.expression.getText()));

  function classify(e: ts.Expression): string | null {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return null;
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) return why(e.expression);
    if (ts.isConditionalExpression(e)) return why(e.whenTrue) ?? why(e.whenFalse);
    if (ts.isIdentifier(e)) return fromSymbol(checker.getSymbolAtLocation(e), e);
    if (ts.isPropertyAccessExpression(e)) return fromSymbol(checker.getSymbolAtLocation(e.name), e);
    if (ts.isCallExpression(e)) {
      const callee = e.expression;
      if (ts.isIdentifier(callee) && callee.text === 'qualify' && e.arguments[0]) return why(e.arguments[0]);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'join' && ts.isCallExpression(callee.expression)) {
        const split = callee.expression;
        const [sep] = split.arguments;
        const [joiner] = e.arguments;
        if (ts.isPropertyAccessExpression(split.expression) && split.expression.name.text === 'split' && sep && (ts.isStringLiteral(sep) || ts.isNoSubstitutionTemplateLiteral(sep)) && joiner && isRegionJoin(joiner)) {
          return why(split.expression.expression);
        }
      }
      return `${e.getText().slice(0, 80)} is the result of a call`;
    }
    if (ts.isTemplateExpression(e)) return `template literal with substitutions: ${e.getText().slice(0, 80)}`;
    if (ts.isBinaryExpression(e)) return `built with ${e.operatorToken.getText()}: ${e.getText().slice(0, 80)}`;
    return `${ts.SyntaxKind[e.kind]}: ${e.getText().slice(0, 80)}`;
  }

  const check = (expr: ts.Expression, site: ts.Node) => {
    checkedSites.push(where(site));
    const r = why(expr);
    if (r) violations.push({ where: where(site), text: expr.getText().slice(0, 100), why: r });
  };

  for (const sf of sources) {
    const visit = (n: ts.Node): void => {
      // warehouse.query(sql, ...), queryPages, openCursor, load(table, ...)
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && SQL_METHODS.has(n.expression.name.text)) {
        const arg = n.arguments[0];
        const argType = arg ? checker.getTypeAtLocation(arg) : undefined;
        if (arg && argType && argType.flags & ts.TypeFlags.StringLike) check(arg, n);
      }
      // The REST job body: { query: <text> } inside a job configuration.
      if (ts.isPropertyAssignment(n) && n.name.getText() === 'query' && checker.getTypeAtLocation(n.initializer).flags & ts.TypeFlags.StringLike) {
        check(n.initializer, n);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { violations, checkedSites };
}
