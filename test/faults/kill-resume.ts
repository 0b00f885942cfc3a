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
//     the answer"), each PropertiesService write (the checkpoint), each LockService and ScriptApp
//     call (the script lock, follow-up triggers);
//   - in the tabs: for the first schedule tab, before its insertSheet, in the middle of its
//     layout (before setFontWeight and setConditionalFormatRules) and before and after its
//     setValues; the same for the second, a copy of the first (insertSheet with a template);
//     for the Overview and Runs tabs (written after the last job), before insertSheet
//     and before and after setValues / clearContents; the other schedule tabs are copies made
//     by the same code as the second and are left to the stride;
//   - then every `stride`-th remaining call, so no stretch of calls goes unsampled.
// `FAULT_CUTS=all` takes every cut point instead (several minutes).
//
// Resuming. The next execution comes 5 minutes later on the same day: the follow-up
// (resumeDailyAutomation) when the killed execution left a checkpoint; nothing when it had
// already finished the run (its row is in the Runs tab); else the daily trigger again
// (runDailyAutomation); then any follow-up it schedules.
import type { Demo } from '../../local/harness/demo';
import { ExecutionKilled } from '../../local/runtime/index';
import { brokenInvariants } from './invariants';
import { checkpoints, drainFollowUps, execute, freshDemo, restoreWarehouse, runDailyToEnd, tabRecords, type RunOutcome, type Warehouse } from './harness';
import { diffStates, finalState, type FinalState } from './state';

const DURABLE = /^(BigQuery\.|PropertiesService\.Properties\.(setProperty|setProperties|deleteProperty|deleteAllProperties)|LockService\.Lock\.|ScriptApp\.)/;

export interface Reference {
  expected: FinalState;
  trace: string[];
}

export async function reference(w: Warehouse): Promise<Reference> {
  restoreWarehouse(w);
  const trace: string[] = [];
  const demo = await freshDemo(w.bigQuery, { onServiceCall: (n) => void trace.push(n) });
  const outcome = runDailyToEnd(demo);
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

/** Kill the daily run before call `cut`, resume, and compare with the reference. */
export async function killAndResume(w: Warehouse, ref: Reference, cut: number): Promise<CutOutcome> {
  restoreWarehouse(w);
  let killAt = cut;
  const demo: Demo = await freshDemo(w.bigQuery, {
    onServiceCall: (name, n) => {
      if (n === killAt) throw new ExecutionKilled(name, n);
    },
  });
  const outcome: RunOutcome = { errors: [], executions: [] };
  execute(demo, outcome, 'runDailyAutomation');
  killAt = -1;
  const problems: string[] = [];
  const killed = outcome.errors.filter((e) => e instanceof ExecutionKilled).length;
  if (killed !== 1) problems.push(`the execution was not killed at call ${cut} (${outcome.errors.map(String).join('; ') || 'it finished'})`);
  demo.clock.advance(5 * 60_000);
  // What comes next: the follow-up when a checkpoint is stored; nothing when the killed execution
  // had already finished the run (its row is in Runs); else the daily trigger again.
  const finished = tabRecords(demo.runtime, 'Runs').length > 0;
  const resumedWith = checkpoints(demo).length > 0 ? 'resumeDailyAutomation' : finished ? '(nothing: the run had finished)' : 'runDailyAutomation';
  if (!resumedWith.startsWith('(')) execute(demo, outcome, resumedWith);
  drainFollowUps(demo, outcome);
  const later = outcome.errors.filter((e) => !(e instanceof ExecutionKilled));
  if (later.length > 0) problems.push(`the resumed execution threw: ${later.map(String).join('; ').slice(0, 300)}`);
  problems.push(...diffStates(ref.expected, finalState(demo), 2));
  problems.push(...brokenInvariants(w.bigQuery, { exclude: /overlapping windows/ }));
  return { cut, before: ref.trace[cut - 1] ?? '(end)', resumedWith, problems };
}

/** Runs the given cuts; returns the failing ones. */
export async function runCuts(w: Warehouse, ref: Reference, cuts: readonly number[]): Promise<CutOutcome[]> {
  const failed: CutOutcome[] = [];
  for (const cut of cuts) {
    const o = await killAndResume(w, ref, cut);
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
