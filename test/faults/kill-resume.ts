// The kill-and-resume machinery: the uninterrupted reference run, its trace of service calls, the choice of
// cut points, and one "kill, then resume" scenario per cut point.
//
// Cut points. Cutting before service call k (the runtime's onServiceCall throws ExecutionKilled,
// so call k and every later call of that execution never happen) is a kill between calls k-1 and
// k. A run of the small demo makes about 300 calls, most of them Sheets layout calls that differ
// only in the cell a format lands on, and each scenario costs a run (seconds), so the suite takes,
// deterministically:
//   - around every call that changes durable state: before and after each BigQuery call (a job
//     runs at insert: a kill after insert and before getQueryResults is "the job ran, nobody saw
//     the answer"), each PropertiesService write (the checkpoint, the claims), each LockService and
//     ScriptApp call (the document's and the script's lock, triggers);
//   - in the tabs: for the first schedule tab, before its insertSheet, in the middle of its
//     layout (before setFontWeight and setConditionalFormatRules) and before and after its
//     setValues; the same for the second, a copy of the first (insertSheet with a template);
//     for the Overview and Runs tabs (written after the last job), before insertSheet
//     and before and after setValues / clearContents; the other schedule tabs are copies made
//     by the same code as the second and are left to the stride;
//   - then every `stride`-th remaining call, so no stretch of calls goes unsampled.
// `FAULT_CUTS=all` takes every cut point instead (several minutes).
//
// Resuming. The run is started the way production starts it: the automation is installed (one
// hourly trigger) and its first tick after 03:00 Los Angeles starts the daily run. The killed
// execution gets no chance to do anything (Apps Script's hard kill); then the clock goes on hour
// by hour and the triggers that exist fire — nothing is called by hand — until the day's run has
// finished (no checkpoint, the day's run recorded). The suite runs once per deployment mode:
// part 1 bound to the spreadsheet, part 2 as an Editor add-on (no active spreadsheet in the tick).
import type { Demo } from '../../local/harness/demo';
import { ExecutionKilled, type DeploymentMode, type RuntimeOptions } from '../../local/runtime/index';
import { LAST_FULL_RUN_KEY } from '../../src/core/run/daily/checkpoint';
import { brokenInvariants } from './invariants';
import { checkpoints, freshDemo, restoreWarehouse, type RunOutcome, type Warehouse } from './harness';
import { diffStates, finalState, type FinalState } from './state';

const DURABLE = /^(BigQuery\.|PropertiesService\.Properties\.(setProperty|setProperties|deleteProperty|deleteAllProperties)|LockService\.Lock\.|ScriptApp\.)/;

export interface Reference {
  expected: FinalState;
  /** Service calls of the tick that ran the whole daily run. */
  trace: string[];
}

const HOUR = 3_600_000;
/** Ticks a killed run may take to finish (it needs one or two). */
const MAX_TICKS = 6;

/** A fresh spreadsheet with the automation installed, the clock an hour before its first tick. */
async function installed(w: Warehouse, mode: DeploymentMode, runtime: Partial<RuntimeOptions> = {}): Promise<Demo> {
  const demo = await freshDemo(w.bigQuery, { mode, ...runtime });
  demo.runtime.call('installAutomation');
  return demo;
}

/** True once the day's run has finished: recorded, and no checkpoint left. */
function dayDone(demo: Demo): boolean {
  return demo.runtime.services.properties.store(`document:${demo.book.id}`)[LAST_FULL_RUN_KEY] !== undefined && checkpoints(demo).length === 0;
}

/** Hour by hour, fires the triggers that exist until the day's run has finished. */
function tickUntilDone(demo: Demo, outcome: RunOutcome): void {
  for (let i = 0; i < MAX_TICKS && !dayDone(demo); i++) {
    demo.clock.advance(HOUR);
    for (const f of demo.runtime.fireDueTriggers()) {
      outcome.executions.push(f.handler);
      if (f.error) outcome.errors.push(f.error);
    }
  }
}

export async function reference(w: Warehouse, mode: DeploymentMode): Promise<Reference> {
  restoreWarehouse(w);
  const trace: string[] = [];
  let tracing = false;
  const demo = await installed(w, mode, { onServiceCall: (n) => void (tracing && trace.push(n)) });
  tracing = true;
  const outcome: RunOutcome = { errors: [], executions: [] };
  tickUntilDone(demo, outcome);
  if (outcome.errors.length > 0) throw new Error(`reference run failed: ${String(outcome.errors[0])}`);
  if (outcome.executions.length !== 1) throw new Error(`reference run took ${outcome.executions.length} executions; the trace covers one`);
  return { expected: finalState(demo), trace };
}

/** Cut points (1-based call numbers) chosen by the rule above. */
export function chooseCuts(trace: readonly string[], stride: number): number[] {
  if (process.env.FAULT_CUTS === 'all') return trace.map((_n, i) => i + 1);
  const n = trace.length;
  const chosen = new Set<number>([1, n]);
  const add = (k: number) => {
    if (k >= 1 && k <= n) chosen.add(k);
  };
  const lastInsert = trace.lastIndexOf('BigQuery.Jobs.insert') + 1;
  let tab = 0;
  trace.forEach((name, i) => {
    const k = i + 1;
    if (DURABLE.test(name)) {
      add(k);
      // After: the state the call left. Skipped after a poll followed by another poll (same state)
      // and after taking the lock (nothing happened yet that a later cut does not cover).
      const same = name === 'BigQuery.Jobs.getQueryResults' && trace[k] === 'BigQuery.Jobs.getQueryResults';
      if (!same && name !== 'LockService.Lock.tryLock' && name !== 'LockService.Lock.waitLock') add(k + 1);
    }
    if (name === 'SpreadsheetApp.Spreadsheet.insertSheet') tab += 1;
    // The first tab created (a schedule tab, laid out) and the second (a copy of it) in full; the
    // run's own tabs after the last job at their creation and write; the other schedule tabs are
    // copies, the same code as the second.
    const full = tab === 1 || tab === 2;
    const own = k > lastInsert;
    if (name === 'SpreadsheetApp.Spreadsheet.insertSheet' && (full || own)) add(k);
    if (full && (name === 'SpreadsheetApp.Sheet.setConditionalFormatRules' || name === 'SpreadsheetApp.Range.setFontWeight')) add(k);
    if (/Range\.setValues$|Sheet\.clearContents$/.test(name) && (full || own)) {
      add(k);
      add(k + 1);
    }
  });
  let since = 0;
  for (let k = 1; k <= n; k++) {
    if (chosen.has(k)) since = 0;
    else if (++since >= stride) {
      chosen.add(k);
      since = 0;
    }
  }
  return [...chosen].sort((a, b) => a - b);
}

export interface CutOutcome {
  cut: number;
  before: string;
  resumedWith: string;
  problems: string[];
}

/** Kill the first tick's daily run before call `cut`; the triggers that exist carry on; compare with the reference. */
export async function killAndResume(w: Warehouse, ref: Reference, cut: number, mode: DeploymentMode): Promise<CutOutcome> {
  restoreWarehouse(w);
  let killAt = -1;
  const demo = await installed(w, mode, {
    onServiceCall: (name, n) => {
      if (n === killAt) throw new ExecutionKilled(name, n);
    },
  });
  killAt = cut;
  const outcome: RunOutcome = { errors: [], executions: [] };
  demo.clock.advance(HOUR);
  for (const f of demo.runtime.fireDueTriggers()) {
    outcome.executions.push(f.handler);
    if (f.error) outcome.errors.push(f.error);
  }
  killAt = -1;
  const problems: string[] = [];
  const killed = outcome.errors.filter((e) => e instanceof ExecutionKilled).length;
  if (killed !== 1) problems.push(`the execution was not killed at call ${cut} (${outcome.errors.map(String).join('; ') || 'it finished'})`);
  const before = outcome.executions.length;
  tickUntilDone(demo, outcome);
  if (!dayDone(demo)) problems.push(`the day's run had not finished ${MAX_TICKS} hours after the kill`);
  const later = outcome.errors.filter((e) => !(e instanceof ExecutionKilled));
  if (later.length > 0) problems.push(`a later execution threw: ${later.map(String).join('; ').slice(0, 300)}`);
  problems.push(...diffStates(ref.expected, finalState(demo), 2));
  problems.push(...brokenInvariants(w.bigQuery, { exclude: /overlapping windows/ }));
  const resumedWith = outcome.executions.slice(before).join(', ') || '(nothing: the run had finished)';
  return { cut, before: ref.trace[cut - 1] ?? '(end)', resumedWith, problems };
}

/** Runs the given cuts; returns the failing ones. */
export async function runCuts(w: Warehouse, ref: Reference, cuts: readonly number[], mode: DeploymentMode): Promise<CutOutcome[]> {
  const failed: CutOutcome[] = [];
  for (const cut of cuts) {
    const o = await killAndResume(w, ref, cut, mode);
    if (o.problems.length > 0) failed.push(o);
  }
  return failed;
}

export function describeFailures(failed: readonly CutOutcome[], limit = 12): string {
  return failed
    .slice(0, limit)
    .map((f) => `cut ${f.cut} (before ${f.before}; resumed with ${f.resumedWith}):\n    ${f.problems.slice(0, 4).map((p) => p.slice(0, 400)).join('\n    ')}`)
    .join('\n');
}
