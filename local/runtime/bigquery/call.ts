// `CALL eros_scheduling_brain.<procedure>(args)` → the procedure twin plus named parameters.
// Arguments may be @params or literals (string, number, TRUE/FALSE/NULL, DATE '…', TIMESTAMP '…',
// CURRENT_DATE(['tz']), CURRENT_TIMESTAMP()). Each binds as `$<declared argument name>`.
import { timestampToMicros } from './params';
import type { ProcedureTwin } from './registry';
import { CANONICAL_DATASET, splitTopLevel, unquote } from './sql-text';
import type { BoundParam, ParamType, ParamValue } from './types';

const CALL = new RegExp(`^CALL\\s+${CANONICAL_DATASET}\\.([A-Za-z_]\\w*)\\s*\\(([\\s\\S]*)\\)$`, 'i');

export interface ParsedCall {
  procedure: string;
  args: string[];
}

/** Recognizes a normalized CALL statement. */
export function parseCall(normalized: string): ParsedCall | undefined {
  const m = CALL.exec(normalized);
  if (!m) return undefined;
  return { procedure: m[1] as string, args: splitTopLevel(m[2] ?? '') };
}

export class CallError extends Error {}

function laDate(now: Date, tz: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function literal(arg: string, declared: ParamType | undefined, now: Date, where: string): { type: ParamType; value: ParamValue } {
  const a = arg.trim();
  let m: RegExpExecArray | null;
  if (/^NULL$/i.test(a)) return { type: declared ?? { kind: 'STRING' }, value: null };
  if (/^(TRUE|FALSE)$/i.test(a)) return { type: { kind: 'BOOL' }, value: a.toLowerCase() };
  if (/^[+-]?\d+$/.test(a)) return { type: declared?.kind === 'FLOAT64' ? declared : { kind: 'INT64' }, value: a };
  if (/^[+-]?(\d+\.\d*|\.\d+|\d+)(e[+-]?\d+)?$/i.test(a)) return { type: { kind: 'FLOAT64' }, value: a };
  if ((m = /^DATE\s*('.*'|".*")$/i.exec(a))) return { type: { kind: 'DATE' }, value: unquote(m[1] as string) };
  if ((m = /^TIMESTAMP\s*('.*'|".*")$/i.exec(a))) {
    return { type: { kind: 'TIMESTAMP' }, value: timestampToMicros(unquote(m[1] as string), where) };
  }
  if ((m = /^CURRENT_DATE\s*\(\s*('.*'|".*")?\s*\)$/i.exec(a))) {
    return { type: { kind: 'DATE' }, value: laDate(now, m[1] ? unquote(m[1]) : 'UTC') };
  }
  if (/^CURRENT_TIMESTAMP\s*\(\s*\)$/i.test(a)) {
    return { type: { kind: 'TIMESTAMP' }, value: (BigInt(now.getTime()) * BigInt(1000)).toString() };
  }
  if (/^('.*'|".*")$/s.test(a)) {
    const text = unquote(a);
    // GoogleSQL coerces a string literal to a DATE/TIMESTAMP argument.
    if (declared?.kind === 'DATE') return { type: declared, value: text };
    if (declared?.kind === 'TIMESTAMP') return { type: declared, value: timestampToMicros(text, where) };
    return { type: { kind: 'STRING' }, value: text };
  }
  throw new CallError(`${where}: unsupported CALL argument ${JSON.stringify(a.slice(0, 60))} (use an @parameter or a literal)`);
}

/** Binds CALL arguments to the procedure's declared names; named @params pass through too. */
export function bindCall(call: ParsedCall, proc: ProcedureTwin, params: BoundParam[], now: Date): BoundParam[] {
  const declared = proc.args;
  if (declared && call.args.length !== declared.length) {
    throw new CallError(`procedure ${proc.name} takes ${declared.length} argument(s), the CALL passes ${call.args.length}`);
  }
  const byName = new Map(params.map((p) => [p.name.toLowerCase(), p]));
  const out = new Map<string, BoundParam>(params.map((p) => [p.name.toLowerCase(), p]));
  call.args.forEach((arg, i) => {
    const decl = declared?.[i];
    if (decl?.mode === 'OUT') return;
    const name = decl?.name ?? `arg${i + 1}`;
    const where = `CALL ${proc.name} argument ${i + 1} (${name})`;
    const ref = /^@([A-Za-z_]\w*)$/.exec(arg.trim());
    if (ref) {
      const p = byName.get((ref[1] as string).toLowerCase());
      if (!p) throw new CallError(`${where}: Query parameter '${ref[1]}' not found`);
      out.set(name.toLowerCase(), { name, type: decl?.type ?? p.type, value: p.value });
      return;
    }
    const lit = literal(arg, decl?.type, now, where);
    out.set(name.toLowerCase(), { name, type: decl?.type ?? lit.type, value: lit.value });
  });
  return [...out.values()];
}
