// Which partitions and columns a GoogleSQL job reads, by BigQuery's rules
// (cloud.google.com/bigquery/docs/querying-partitioned-tables): "To limit the partitions that
// are scanned in a query, use a constant expression in your filter" - literals, query parameters,
// CURRENT_DATE()/CURRENT_TIMESTAMP() and functions of them (DATE, DATE_ADD/SUB, TIMESTAMP_ADD/SUB,
// EXTRACT YEAR); "a filter that depends on dynamic values" (another column, a subquery, a script
// variable or procedure argument) does not prune, nor does one under OR. A table partitioned by
// DATE(ts) prunes on DATE(ts) and on ts itself; one partitioned by a DATE column on the column;
// an integer RANGE_BUCKET on the column. "The pruned partitions are not included when calculating
// the bytes scanned", and only the referenced columns are read; a DML statement also reads every
// column of the table it changes. Table functions and views are inlined first (their filters
// apply with the caller's arguments).
import { codeOnly } from '../../../src/core/run/qualify';
import { DAY, dayOf, evaluate, NotConstant, type ConstantContext, type Value } from './constant';
import { inlineRoutines, type Routine } from '../../../tools/sql/inline';

export interface PartitionSpec {
  column: string;
  /** date: a DATE column; timestamp: DATE(a TIMESTAMP column); range: an INT64 RANGE_BUCKET. */
  kind: 'date' | 'timestamp' | 'range';
}
export interface TableInfo { columns: string[]; partition: PartitionSpec | null }
/** Partition keys: a date as days since 1970-01-01, a range bucket as its integer; null = open. */
export interface Bounds { lo: number | null; hi: number | null }
export interface TableScan { table: string; bounds: Bounds | null; columns: string[] }

export interface ScanContext extends ConstantContext {
  tables: ReadonlyMap<string, TableInfo>;
  routines: ReadonlyMap<string, Routine>;
}

const KEYWORDS = new Set(['WHERE', 'JOIN', 'LEFT', 'RIGHT', 'INNER', 'CROSS', 'FULL', 'ON', 'SET', 'USING', 'GROUP', 'ORDER', 'WHEN', 'QUALIFY', 'LIMIT', 'UNION', 'AS', 'WINDOW', 'HAVING', 'EXCEPT', 'INTERSECT']);
const CLAUSE_END = /\b(GROUP\s+BY|ORDER\s+BY|QUALIFY|HAVING|LIMIT|WINDOW|UNION|EXCEPT|INTERSECT|WHEN|SET|WHERE|JOIN|USING)\b/iy;

/** [start, end) of the innermost parenthesized block around position p (the whole text at top level). */
function blockAround(code: string, p: number): [number, number] {
  let depth = 0;
  let start = 0;
  for (let i = p - 1; i >= 0; i--) {
    if (code[i] === ')') depth++;
    else if (code[i] === '(') { if (depth === 0) { start = i + 1; break; } depth--; }
    else if (code[i] === ';' && depth === 0) { start = i + 1; break; }
  }
  depth = 0;
  for (let i = p; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')') { if (depth === 0) return [start, i]; depth--; }
    else if (code[i] === ';' && depth === 0) return [start, i];
  }
  return [start, code.length];
}

/** [start, end) of the WHERE (or a MERGE's ON) clause of the block, from `from` on, at the block's own depth. */
function clauseOf(code: string, from: number, end: number, keyword: 'WHERE' | 'ON'): [number, number] | null {
  let depth = 0;
  let start = -1;
  for (let i = from; i < end; i++) {
    const ch = code[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (depth !== 0 || !/\w/.test(ch ?? '') || /\w/.test(code[i - 1] ?? '')) continue;
    if (start < 0 && new RegExp(`^${keyword}\\b`, 'i').test(code.slice(i, i + 6))) { start = i + keyword.length; continue; }
    CLAUSE_END.lastIndex = i;
    if (start >= 0 && CLAUSE_END.test(code)) return [start, i];
  }
  return start < 0 ? null : [start, end];
}

/** [start, end) of each top-level conjunct (the AND of a BETWEEN kept); null when the clause has a top-level OR. */
function conjuncts(code: string, from: number, to: number): Array<[number, number]> | null {
  const out: Array<[number, number]> = [];
  let depth = 0;
  let start = from;
  let between = false;
  const word = /\b(AND|OR|BETWEEN)\b/iy;
  for (let i = from; i < to; i++) {
    const ch = code[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (depth !== 0 || /\w/.test(code[i - 1] ?? '')) continue;
    word.lastIndex = i;
    const m = word.exec(code);
    if (!m) continue;
    const u = (m[1] as string).toUpperCase();
    if (u === 'OR') return null;
    if (u === 'BETWEEN') between = true;
    else if (between) between = false;
    else {
      out.push([start, i]);
      start = i + 3;
    }
  }
  out.push([start, to]);
  return out;
}

/** Index of the first top-level (outside parentheses and quotes) keyword from `from` on, or -1. */
function topLevel(text: string, word: string, from = 0): number {
  const code = codeOnly(text);
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')') depth--;
    else if (i > from && depth === 0 && !/\w/.test(code[i - 1] ?? '') && code.slice(i, i + word.length).toUpperCase() === word && !/\w/.test(code[i + word.length] ?? '')) return i;
  }
  return -1;
}

function keyOf(v: Value, spec: PartitionSpec, side: 'date' | 'raw'): number {
  if (spec.kind === 'range') { if (v.t !== 'int') throw new NotConstant('range bound not an integer'); return v.n; }
  if (side === 'raw' && spec.kind === 'timestamp' && v.t === 'ts') return dayOf(v.ms);
  if (v.t === 'date') return v.d;
  throw new NotConstant('date bound not a date');
}

/** What one conjunct says about the partition column, if anything. */
function boundsOf(conjunct: string, alias: string | null, spec: PartitionSpec, ctx: ScanContext): Bounds | null {
  const col = `(?:${alias ? `${alias}\\.` : ''})${spec.column}`;
  const colRe = new RegExp(`^\\s*(DATE\\s*\\(\\s*${col}\\s*\\)|${col})\\s*$`, 'i');
  const side = (s: string): 'date' | 'raw' | null => {
    const m = colRe.exec(s);
    return !m ? null : /^\s*DATE/i.test(m[1] as string) ? 'date' : 'raw';
  };
  try {
    const between = topLevel(conjunct, 'BETWEEN');
    if (between >= 0) {
      const and = topLevel(conjunct, 'AND', between);
      const s = side(conjunct.slice(0, between));
      if (!s || and < 0) return null;
      return { lo: keyOf(evaluate(conjunct.slice(between + 7, and), ctx), spec, s), hi: keyOf(evaluate(conjunct.slice(and + 3), ctx), spec, s) };
    }
    const c = /^([\s\S]+?)\s*(>=|<=|<>|!=|=|<|>)\s*([\s\S]+)$/.exec(conjunct);
    if (!c || c[2] === '<>' || c[2] === '!=') return null;
    const [l, op, r] = [c[1] as string, c[2] as string, c[3] as string];
    const flipped = side(l) ? false : side(r) ? true : null;
    if (flipped === null) return null;
    const s = side(flipped ? r : l) as 'date' | 'raw';
    const k = keyOf(evaluate(flipped ? l : r, ctx), spec, s);
    const eff = flipped ? ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=', '=': '=' } as Record<string, string>)[op] : op;
    const strict = spec.kind !== 'timestamp' || s === 'date' ? 1 : 0;
    return eff === '=' ? { lo: k, hi: k } : eff === '>=' ? { lo: k, hi: null } : eff === '>' ? { lo: k + strict, hi: null } : eff === '<=' ? { lo: null, hi: k } : { lo: null, hi: k - strict };
  } catch (e) {
    if (e instanceof NotConstant) return null;
    throw e;
  }
}

const tighter = (a: Bounds, b: Bounds): Bounds => ({
  lo: a.lo === null ? b.lo : b.lo === null ? a.lo : Math.max(a.lo, b.lo),
  hi: a.hi === null ? b.hi : b.hi === null ? a.hi : Math.min(a.hi, b.hi),
});
const wider = (a: Bounds, b: Bounds): Bounds => ({
  lo: a.lo === null || b.lo === null ? null : Math.min(a.lo, b.lo),
  hi: a.hi === null || b.hi === null ? null : Math.max(a.hi, b.hi),
});

/** The tables a statement (or script) reads or changes, with the partitions and columns it reads. */
export function plannedScans(sql: string, ctx: ScanContext): TableScan[] {
  // Comments blanked (strings kept) for the constants; strings blanked too for the structure.
  const text = inlineRoutines(sql, ctx.routines).replace(/--[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, (m) => (m.startsWith('--') ? ' '.repeat(m.length) : m));
  const code = codeOnly(text);
  const scans = new Map<string, TableScan>();
  for (const m of code.matchAll(/\beros_scheduling_brain\.([A-Za-z_]\w*)\b(?:\s+(?:AS\s+)?([A-Za-z_]\w*))?/gi)) {
    const table = (m[1] as string).toLowerCase();
    const info = ctx.tables.get(table);
    if (!info) continue;
    const alias = m[2] && !KEYWORDS.has(m[2].toUpperCase()) ? m[2] : null;
    const at = m.index ?? 0;
    const [start, end] = blockAround(code, at);
    const block = code.slice(start, end);
    const dml = /^\s*(UPDATE|DELETE|MERGE|INSERT)\b/i.exec(block)?.[1]?.toUpperCase();
    const target = dml !== undefined && code.slice(start, at).trim().split(/\s+/).length <= 2;
    // An INSERT reads nothing of the table it appends to.
    if (target && dml === 'INSERT') continue;
    const columns = target || new RegExp(`\\b${alias ?? '\\w+'}\\.\\*|SELECT\\s+\\*`, 'i').test(block)
      ? info.columns
      : info.columns.filter((c) => new RegExp(`\\b${alias ? `${alias}\\.` : ''}${c}\\b`, 'i').test(block));
    let bounds: Bounds | null = null;
    if (info.partition) {
      bounds = { lo: null, hi: null };
      const clause = clauseOf(code, at + m[0].length - (alias || !m[2] ? 0 : m[2].length), end, dml === 'MERGE' && target ? 'ON' : 'WHERE');
      for (const [cs, ce] of (clause ? conjuncts(code, clause[0], clause[1]) : null) ?? []) {
        const b = boundsOf(text.slice(cs, ce).trim(), alias, info.partition, ctx);
        if (b) bounds = tighter(bounds, b);
      }
    }
    const prev = scans.get(table);
    scans.set(table, prev
      ? { table, bounds: prev.bounds && bounds ? wider(prev.bounds, bounds) : null, columns: [...new Set([...prev.columns, ...columns])] }
      : { table, bounds, columns });
  }
  return [...scans.values()].sort((a, b) => a.table.localeCompare(b.table));
}

const isoDay = (d: number): string => new Date(d * DAY).toISOString().slice(0, 10);

/** A DuckDB predicate selecting the partitions of a scan (null: every row). */
export function partitionWhere(scan: TableScan, spec: PartitionSpec | null): string | null {
  if (!spec || !scan.bounds || (scan.bounds.lo === null && scan.bounds.hi === null)) return null;
  const key = spec.kind === 'timestamp' ? `CAST("${spec.column}" AT TIME ZONE 'UTC' AS DATE)` : `"${spec.column}"`;
  const lit = (n: number): string => (spec.kind === 'range' ? String(n) : `DATE '${isoDay(n)}'`);
  return [scan.bounds.lo === null ? null : `${key} >= ${lit(scan.bounds.lo)}`, scan.bounds.hi === null ? null : `${key} <= ${lit(scan.bounds.hi)}`].filter((x) => x !== null).join(' AND ');
}
