// Constant expressions, as BigQuery's partition pruning sees them: literals, query parameters,
// CURRENT_DATE()/CURRENT_TIMESTAMP() and a few functions of them. Anything else (a column, a
// subquery, a script variable or procedure argument) is not constant: the evaluator throws
// NotConstant, and the filter it stood in prunes nothing.
import { DateTime } from 'luxon';

/** The parameters and the clock a job's constants are evaluated with. */
export interface ConstantContext {
  params: ReadonlyMap<string, Value>;
  now: Date;
}

export const DAY = 86_400_000;
export type Value = { t: 'date'; d: number } | { t: 'ts'; ms: number } | { t: 'int'; n: number } | { t: 'str'; s: string } | { t: 'bool'; b: boolean } | { t: 'null' };

export class NotConstant extends Error {}

/** Day number of a date or of a moment in a zone. */
export const dayOf = (ms: number, zone = 'UTC'): number => {
  const d = DateTime.fromMillis(ms, { zone });
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / DAY);
};

/** Evaluates a constant expression; throws NotConstant for anything that depends on data or variables. */
export function evaluate(expr: string, ctx: ConstantContext): Value {
  const tokens = expr.match(/'(?:\\.|[^'\\])*'|@\w+(?:\.\w+)*|\d+(?:\.\d+)?|[A-Za-z_]\w*|<=|>=|<>|!=|[(),+<>=-]|\S/g) ?? [];
  let i = 0;
  const peek = (): string => (tokens[i] ?? '').toUpperCase();
  const take = (want?: string): string => {
    const t = tokens[i++];
    if (t === undefined || (want && t.toUpperCase() !== want)) throw new NotConstant(`expected ${want ?? 'more'} in ${expr}`);
    return t;
  };
  const str = (t: string): string => t.slice(1, -1);
  const args = (): Value[] => {
    take('(');
    const out: Value[] = [];
    while (peek() !== ')') { out.push(either()); if (peek() === ',') take(','); }
    take(')');
    return out;
  };
  const interval = (): { n: number; unit: string } => { take('INTERVAL'); const v = sum(); const unit = take().toUpperCase(); return { n: v.t === 'int' ? v.n : NaN, unit }; };
  const ms = (v: Value): number => (v.t === 'ts' ? v.ms : v.t === 'date' ? v.d * DAY : NaN);
  const call = (name: string): Value => {
    if (name === 'EXTRACT') { take('('); take('YEAR'); take('FROM'); const v = sum(); take(')'); return { t: 'int', n: DateTime.fromMillis(ms(v), { zone: 'UTC' }).year }; }
    if (name === 'DATE_SUB' || name === 'DATE_ADD' || name === 'TIMESTAMP_SUB' || name === 'TIMESTAMP_ADD') {
      take('('); const base = sum(); take(','); const { n, unit } = interval(); take(')');
      const sign = name.endsWith('SUB') ? -1 : 1;
      const step = { DAY, WEEK: 7 * DAY, HOUR: 3_600_000, MINUTE: 60_000 }[unit] ?? NaN;
      if (base.t === 'date' && step % DAY === 0) return { t: 'date', d: base.d + sign * n * (step / DAY) };
      return { t: 'ts', ms: ms(base) + sign * n * step };
    }
    const a = args();
    switch (name) {
      case 'CURRENT_DATE': return { t: 'date', d: dayOf(ctx.now.getTime(), a[0]?.t === 'str' ? a[0].s : 'UTC') };
      case 'CURRENT_TIMESTAMP': return { t: 'ts', ms: ctx.now.getTime() };
      case 'DATE': return a[0]?.t === 'date' ? a[0] : { t: 'date', d: dayOf(ms(a[0] as Value), a[1]?.t === 'str' ? a[1].s : 'UTC') };
      case 'TIMESTAMP': { const d = a[0] as Value; return d.t === 'date' ? { t: 'ts', ms: DateTime.fromMillis(d.d * DAY, { zone: 'UTC' }).setZone(a[1]?.t === 'str' ? a[1].s : 'UTC', { keepLocalTime: true }).toMillis() } : d; }
      case 'IFNULL': return a[0]?.t === 'null' ? (a[1] as Value) : (a[0] as Value);
      case 'IF': return a[0]?.t === 'bool' && a[0].b ? (a[1] as Value) : (a[2] as Value);
      case 'GREATEST': case 'LEAST': {
        const ns = a.map((v) => (v.t === 'int' ? v.n : NaN));
        return { t: 'int', n: name === 'GREATEST' ? Math.max(...ns) : Math.min(...ns) };
      }
      default: throw new NotConstant(`${name}() is not a constant function`);
    }
  };
  function atom(): Value {
    const t = take();
    const u = t.toUpperCase();
    if (t === '(') { const v = either(); take(')'); return v; }
    if (/^\d+$/.test(t)) return { t: 'int', n: Number(t) };
    if (t.startsWith("'")) return { t: 'str', s: str(t) };
    if (u === 'NULL') return { t: 'null' };
    if (u === 'DATE' && (tokens[i] ?? '').startsWith("'")) return { t: 'date', d: Math.round(Date.parse(`${str(take())}T00:00:00Z`) / DAY) };
    if (u === 'TIMESTAMP' && (tokens[i] ?? '').startsWith("'")) return { t: 'ts', ms: Date.parse(str(take())) };
    if (t.startsWith('@')) {
      const v = ctx.params.get(t.slice(1).toLowerCase());
      if (!v) throw new NotConstant(`no parameter ${t}`);
      return v;
    }
    if (/^[A-Za-z_]/.test(t) && tokens[i] === '(') return call(u);
    throw new NotConstant(`${t} is not constant`);
  }
  function sum(): Value {
    let v = atom();
    while (peek() === '+' || peek() === '-') {
      const op = take();
      const w = atom();
      if (v.t !== 'int' || w.t !== 'int') throw new NotConstant('arithmetic on non-integers');
      v = { t: 'int', n: op === '+' ? v.n + w.n : v.n - w.n };
    }
    return v;
  }
  const key = (v: Value): number => (v.t === 'date' ? v.d : v.t === 'ts' ? v.ms : v.t === 'int' ? v.n : NaN);
  function compare(): Value {
    const v = sum();
    if (peek() === 'IS') {
      take('IS');
      const not = peek() === 'NOT' ? (take(), true) : false;
      take('NULL');
      return { t: 'bool', b: (v.t === 'null') !== not };
    }
    const op = peek();
    if (!['=', '<', '>', '<=', '>=', '<>', '!='].includes(op)) return v;
    take();
    const w = sum();
    if (v.t === 'null' || w.t === 'null') return { t: 'null' };
    const [x, y] = [key(v), key(w)];
    const b = { '=': x === y, '<': x < y, '>': x > y, '<=': x <= y, '>=': x >= y, '<>': x !== y, '!=': x !== y }[op] as boolean;
    return { t: 'bool', b };
  }
  const truth = (v: Value): boolean | null => (v.t === 'bool' ? v.b : v.t === 'null' ? null : NaN as never);
  function both(): Value {
    let v = peek() === 'NOT' ? (take(), ((x: Value): Value => (x.t === 'bool' ? { t: 'bool', b: !x.b } : x))(compare())) : compare();
    while (peek() === 'AND') { take(); const w = compare(); v = truth(v) === false || truth(w) === false ? { t: 'bool', b: false } : truth(v) === null || truth(w) === null ? { t: 'null' } : { t: 'bool', b: true }; }
    return v;
  }
  function either(): Value {
    let v = both();
    while (peek() === 'OR') { take(); const w = both(); v = truth(v) === true || truth(w) === true ? { t: 'bool', b: true } : truth(v) === null || truth(w) === null ? { t: 'null' } : { t: 'bool', b: false }; }
    return v;
  }
  const v = either();
  if (i !== tokens.length) throw new NotConstant(`unread: ${tokens.slice(i).join(' ')}`);
  return v;
}

/** A bound parameter as a constant value (STRUCT fields flattened as name.field). */
export function paramValues(params: ReadonlyArray<{ name: string; type: { kind: string }; value: unknown }>): Map<string, Value> {
  const out = new Map<string, Value>();
  const put = (name: string, kind: string, value: unknown, fields?: Array<{ name: string; type: { kind: string } }>): void => {
    const key = name.toLowerCase();
    if (value === null || value === undefined) { out.set(key, { t: 'null' }); return; }
    if (kind === 'DATE') out.set(key, { t: 'date', d: Math.round(Date.parse(`${String(value)}T00:00:00Z`) / DAY) });
    else if (kind === 'TIMESTAMP') out.set(key, { t: 'ts', ms: Math.floor(Number(value) / 1000) });
    else if (kind === 'INT64') out.set(key, { t: 'int', n: Number(value) });
    else if (kind === 'STRING') out.set(key, { t: 'str', s: String(value) });
    else if (kind === 'STRUCT' && fields) for (const f of fields) put(`${name}.${f.name}`, f.type.kind, (value as Record<string, unknown>)[f.name], (f.type as { fields?: never }).fields);
  };
  for (const p of params) put(p.name, p.type.kind, p.value, (p.type as { fields?: never }).fields);
  return out;
}
