// GoogleSQL text handling for the twin registry: comment stripping, whitespace collapsing and
// dataset canonicalization (all outside string literals), and splitting argument lists.

export { DEFAULT_DATASET as CANONICAL_DATASET } from '../../../src/core/run/qualify';
import { DEFAULT_DATASET as CANONICAL_DATASET } from '../../../src/core/run/qualify';

/** Walks `sql`, calling `onCode` for text outside quotes and keeping quoted text verbatim. */
function mapOutsideStrings(sql: string, onCode: (code: string) => string): string {
  let out = '';
  let code = '';
  let i = 0;
  const flush = (): void => {
    out += onCode(code);
    code = '';
  };
  while (i < sql.length) {
    const ch = sql[i] as string;
    const two = sql.slice(i, i + 2);
    if (two === '--' || ch === '#') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      code += ' ';
      continue;
    }
    if (two === '/*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
      code += ' ';
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      const triple = sql.slice(i, i + 3) === ch.repeat(3) && ch !== '`';
      const close = triple ? ch.repeat(3) : ch;
      let j = i + close.length;
      while (j < sql.length && sql.slice(j, j + close.length) !== close) j += sql[j] === '\\' ? 2 : 1;
      const lit = sql.slice(i, Math.min(sql.length, j + close.length));
      if (ch === '`') {
        code += lit; // identifiers are code: the dataset qualifier may be inside backquotes
      } else {
        flush();
        out += lit;
      }
      i = j + close.length;
      continue;
    }
    code += ch;
    i += 1;
  }
  flush();
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Canonical form of a statement: comments gone, whitespace collapsed, no trailing semicolon, and
 * every `<dataset>.` (optionally `project.`-prefixed, optionally backquoted) rewritten to the
 * canonical `eros_scheduling_brain.` so a bundle configured for another dataset still matches.
 */
export function normalizeSql(sql: string, datasets: readonly string[] = []): string {
  const names = [...new Set([CANONICAL_DATASET, ...datasets.filter((d) => /^[A-Za-z_]\w*$/.test(d))])];
  const alt = names.map(escapeRe).join('|');
  const backquoted = new RegExp('`(?:[A-Za-z0-9_.:-]+\\.)?(?:' + alt + ')\\.([A-Za-z_]\\w*)`', 'g');
  const split = new RegExp('`(?:[A-Za-z0-9_.:-]+\\.)?(?:' + alt + ')`\\s*\\.', 'g');
  const bare = new RegExp('(^|[^A-Za-z0-9_.`])(?:' + alt + ')\\.', 'g');
  const text = mapOutsideStrings(sql, (code) =>
    code
      .replace(backquoted, `${CANONICAL_DATASET}.$1`)
      .replace(split, `${CANONICAL_DATASET}.`)
      .replace(bare, `$1${CANONICAL_DATASET}.`)
      .replace(/\s+/g, ' '),
  );
  return text.trim().replace(/(\s*;)+$/, '').trim();
}

/** Rewrites GoogleSQL `@name` parameters to DuckDB `$name` (outside strings). */
export function atToDollar(sql: string): string {
  return mapOutsideStrings(sql, (code) => code.replace(/@(?!@)([A-Za-z_]\w*)/g, '$$$1'));
}

/**
 * Splits on top-level commas (outside parentheses, angle brackets and quotes), or with
 * separator ';' a script into statements (outside quotes and -- comments, whatever the nesting).
 */
export function splitTopLevel(text: string, separator: ',' | ';' = ','): string[] {
  const parts: string[] = [];
  const nested = separator === ',';
  let depth = 0;
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      cur += ch;
      if (ch === '\\' && nested) {
        cur += text[i + 1] ?? '';
        i += 1;
      } else if (ch === quote) quote = null;
      continue;
    }
    if (!nested && ch === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      cur += text.slice(i, stop);
      i = stop - 1;
      continue;
    }
    if (ch === "'" || ch === '"' || (ch === '`' && nested)) quote = ch;
    else if (nested && (ch === '(' || ch === '<' || ch === '[')) depth += 1;
    else if (nested && (ch === ')' || ch === '>' || ch === ']')) depth -= 1;
    else if (ch === separator && depth === 0) {
      parts.push(nested ? cur.trim() : cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  if (cur.trim() !== '') parts.push(nested ? cur.trim() : cur);
  return parts;
}

/** Unquotes a GoogleSQL string literal ('x', "x", with backslash escapes). */
export function unquote(lit: string): string {
  const body = lit.slice(1, -1);
  return body.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}
