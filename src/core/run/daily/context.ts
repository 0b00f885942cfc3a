// One execution of a run: its checkpoint (loaded, abandoned or new), its warehouse with retries
// and the breaker, and the small helpers every stage shares. Stages take this context; none
// keeps state of its own between executions except through the checkpoint.
import { laDate, nextWeekStart } from '../../la-time';
import { CircuitBreaker, ResilientWarehouse } from '../retry';
import { runIdFor } from '../run-id';

import { checkpointKey, clearCheckpoint, loadCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint';
import type { RunDeps } from './deps';
import { RESUME_WINDOW_MS, type ResolvedOptions } from './options';
import { lockedSummary, type RunSummary } from '../summary';

export interface RunContext {
  readonly deps: RunDeps;
  readonly o: ResolvedOptions;
  readonly run: Checkpoint;
  /** Where the checkpoint is kept. */
  readonly key: string;
  readonly breaker: CircuitBreaker;
  readonly warehouse: ResilientWarehouse;
  readonly execStart: Date;
  /** The longest single job so far: the estimate for each job still to come. */
  jobMs: number;
}

function newCheckpoint(deps: RunDeps, kind: string, requested: string[], now: Date): Checkpoint {
  const runDate = laDate(now);
  return {
    version: 1,
    runId: runIdFor(kind, now),
    ...(deps.documentId ? { documentId: deps.documentId } : {}),
    runKind: kind,
    runDate,
    weekStart: nextWeekStart(now),
    startedAt: now.toISOString(),
    seed: deps.seed,
    requested,
    procedureDone: false,
    pages: null,
    results: [],
    breakerFailures: 0,
    jobs: 0,
    bytesProcessed: 0,
    executions: 0,
    notes: [],
    pendingTabs: [],
  };
}

/**
 * The run this execution works on: the stored one when it continues (same day, same pages asked
 * for, or a follow-up execution within a day), else a new one. A follow-up with nothing to
 * continue returns its summary instead.
 */
export function openRun(deps: RunDeps, o: ResolvedOptions, execStart: Date): { ctx: RunContext } | { summary: RunSummary } {
  const kind = o.runKind ?? 'DAILY';
  const key = checkpointKey(kind);
  let requested = [...(o.pages ?? [])];
  const loaded = loadCheckpoint(deps.state, key);
  if (loaded.problem) deps.logger.warn(`${loaded.problem}; starting a new run`);
  let cp = loaded.checkpoint;
  if (cp?.documentId && deps.documentId && cp.documentId !== deps.documentId) {
    // A copied spreadsheet may carry its original's properties: that run is not this one's.
    deps.logger.warn(`ignoring run ${cp.runId} of another spreadsheet`);
    cp = null;
  }
  if (o.resumeOnly) {
    // A follow-up execution: continue the stored run as it was asked for, if it is recent.
    if (!cp || execStart.getTime() - Date.parse(cp.startedAt) > RESUME_WINDOW_MS) {
      // A damaged or stale checkpoint would be found again by every later follow-up: drop it.
      if (deps.state.get(key) !== null) {
        deps.logger.warn(`dropping the stored ${kind} run: too old or unreadable`);
        clearCheckpoint(deps.state, key);
      }
      return { summary: { ...lockedSummary(kind, execStart), finished: true, message: 'Nothing to resume.' } };
    }
    requested = cp.requested;
  }
  if (cp && !o.resumeOnly && (cp.runDate !== laDate(execStart) || cp.requested.join('\n') !== requested.join('\n'))) {
    deps.logger.warn(`abandoning unfinished run ${cp.runId} of ${cp.runDate}: a new run starts`, { done: cp.results.length });
    cp = null;
  }
  if (cp) deps.logger.info(`resuming run ${cp.runId}`, { done: cp.results.length, execution: cp.executions + 1 });
  const run: Checkpoint = cp ?? newCheckpoint(deps, kind, requested, execStart);
  run.executions += 1;
  run.pendingTabs = run.pendingTabs ?? [];
  const breaker = new CircuitBreaker(run.breakerFailures);
  const timeLeft = () => deps.budgetMs - (deps.clock.now().getTime() - execStart.getTime());
  const warehouse = new ResilientWarehouse(deps.warehouse, deps.sleeper, breaker, deps.logger, undefined, timeLeft);
  return { ctx: { deps, o, run, key, breaker, warehouse, execStart, jobMs: 0 } };
}

export const now = (ctx: RunContext): Date => ctx.deps.clock.now();

export const elapsed = (ctx: RunContext): number => ctx.deps.clock.now().getTime() - ctx.execStart.getTime();

/** A run note (shown in Runs and the run log); a resumed execution meeting the same failure keeps it once. */
export function note(ctx: RunContext, text: string): void {
  if (!ctx.run.notes.includes(text)) ctx.run.notes.push(text);
}

/** Runs one job and keeps the longest job time as the estimate for those to come. */
export function timed<T>(ctx: RunContext, fn: () => T): T {
  const t0 = ctx.deps.clock.now().getTime();
  try {
    return fn();
  } finally {
    ctx.jobMs = Math.max(ctx.jobMs, ctx.deps.clock.now().getTime() - t0);
  }
}

/** Pages with a result, or written and waiting for their tab. */
export function settledPages(ctx: RunContext): Set<string> {
  return new Set([...ctx.run.results.map((r) => r.page), ...(ctx.run.pendingTabs ?? []).map((p) => p.page)]);
}

/** Saves the checkpoint with this execution's job totals folded in. */
export function persist(ctx: RunContext): void {
  const { run, warehouse } = ctx;
  run.breakerFailures = warehouse.breaker.failures;
  saveCheckpoint(ctx.deps.state, ctx.key, {
    ...run,
    jobs: run.jobs + warehouse.jobs.length,
    bytesProcessed: run.bytesProcessed + warehouse.jobs.reduce((s, j) => s + j.bytesProcessed, 0),
  });
}
