/**
 * Inlines the project's UDFs and table functions into a statement, textually, as BigQuery's own
 * inlining would: a call `eros_scheduling_brain.<routine>(args)` becomes `(<body>)` with each
 * argument name of the body replaced by `(<argument text>)`. Used by the reference evaluator's
 * catalog (the service's rewriter refuses bodies whose WITH clauses read arguments, which ours do)
 * and by the stand-in's bytes estimate, which must see the filters inside table functions.
 */
import { DATASET, codeOnly } from './files';

export interface Routine { args: string[]; body: string }

/** Replaces argument names in a routine body (code only, not qualified names) by (value). */
export function substituteArgs(body: string, names: string[], values: string[]): string {
  const code = codeOnly(body);
  const index = new Map(names.map((n, i) => [n.toLowerCase(), i]));
  let out = '';
  let last = 0;
  for (const m of code.matchAll(/(?<![\w.@`])[A-Za-z_][A-Za-z0-9_]*(?![\w`])/g)) {
    const i = index.get(m[0].toLowerCase());
    if (i === undefined) continue;
    out += `${body.slice(last, m.index)}(${values[i]})`;
    last = (m.index ?? 0) + m[0].length;
  }
  return out + body.slice(last);
}

export function inlineRoutines(text: string, routines: ReadonlyMap<string, Routine>): string {
  let out = text;
  for (let guard = 0; guard < 500; guard++) {
    const code = codeOnly(out);
    const call = [...code.matchAll(new RegExp(`(?<![\\w.\`])${DATASET}\\.([A-Za-z_][A-Za-z0-9_]*)\\s*\\(`, 'g'))]
      .find((m) => routines.has(m[1] as string));
    if (!call) return out;
    const routine = routines.get(call[1] as string) as Routine;
    const open = (call.index ?? 0) + call[0].length - 1;
    let depth = 0;
    let close = -1;
    const cuts: number[] = [];
    for (let i = open; i < code.length; i++) {
      const ch = code[i];
      if (ch === '(' || ch === '[') depth++;
      else if (ch === ')' || ch === ']') {
        depth--;
        if (depth === 0) { close = i; break; }
      } else if (ch === ',' && depth === 1) cuts.push(i);
    }
    if (close < 0) throw new Error(`unbalanced call of ${call[1]}`);
    const bounds = [open, ...cuts, close];
    const args = bounds.slice(0, -1).map((b, i) => out.slice(b + 1, bounds[i + 1]).trim()).filter((a, i, all) => a !== '' || all.length > 1);
    if (args.length !== routine.args.length) throw new Error(`${call[1]} takes ${routine.args.length} arguments, got ${args.length}`);
    out = `${out.slice(0, call.index)}(${substituteArgs(routine.body, routine.args, args)})${out.slice(close + 1)}`;
  }
  throw new Error('routine inlining did not terminate');
}
