// The daily run: next week's schedule for every active page with a constant number of BigQuery
// jobs, checkpointed so it can pause before Apps Script's 6-minute limit and resume.
//
// Jobs per execution, whatever the page count (at most 8):
//   1 CALL run_daily_automation (first execution only) + 1 page_analysis (all pages, ARRAY param)
//   + 1 holidays + 1 caption_candidates (all pages, ranked in SQL, ordered by page_name, read page by
//   page with getQueryResults pageToken/maxResults and planned in batches of `batchSize` pages, so
//   only one batch of candidates is ever held) + 1 load job (stage_schedules) + 1 write_schedules
//   + 1 schedule_export (paged, one tab per page as its rows complete) + 1 log_exports (last
//   execution only) = 8.
// Why a load job: 500 pages × 60–100 messages as ARRAY<STRUCT> query parameters come to roughly
// 20–35 MB of JSON, over BigQuery's 10 MB request limit (which counts query parameters). The plans
// go as newline-delimited JSON (≈ 10 MB for 500 pages, under Apps Script's 50 MB blob limit) in
// one load job into schedule_staging; write_schedules.sql merges that load in one transaction,
// idempotent on schedule_id (a re-run replaces, never duplicates).
// A resumed execution skips the CALL (and the log until it is the last); if the budget ran out
// before every tab was filled it reads those back in its one export job. Retries of a job or of a
// result page are not new jobs.
//
// Stages, over one run context: analyse → plan → write → export → finish (or pause).
import { addDays } from '../../la-time';
import { errorText, pageResult } from '../results';
import { lockedSummary, type RunSummary } from '../summary';
import { analyse, callProcedure, type Analysis } from './analyse';
import { elapsed, note, now, openRun, persist, type RunContext } from './context';
import type { RunDeps } from './deps';
import { exportTabs } from './export';
import { finishRun, giveUp, outage, pause } from './finish';
import { planInputs, type PlanInputs } from './inputs';
import { RUN_DEFAULTS, type ResolvedOptions, type RunOptions } from './options';
import { planAll, type PlanContext } from './plan';
import { runSeed } from './seeds';
import { runTuning } from './tuning';
import { writePlans, type PendingTab, type WriteContext } from './write';

export type { RunDeps, OverridesLoad } from './deps';
export { RUN_DEFAULTS, type RunOptions } from './options';

/** Jobs still to come after planning: load, write, export, log. */
const JOBS_AFTER_PLANNING = 4;

export function runDaily(deps: RunDeps, options: RunOptions = {}): RunSummary {
  const o: ResolvedOptions = { ...RUN_DEFAULTS, ...runTuning(deps.state, deps.logger, deps.defaults), ...options };
  const execStart = deps.executionStart ?? deps.clock.now();
  if (!deps.lock.tryAcquire(o.lockWaitMs)) {
    deps.logger.info('another run holds this spreadsheet\'s lock; this execution does nothing');
    return lockedSummary(o.runKind ?? 'DAILY', deps.clock.now());
  }
  try {
    const opened = openRun(deps, o, execStart);
    if ('summary' in opened) return opened.summary;
    armFollowUp(opened.ctx);
    return runStages(opened.ctx);
  } finally {
    deps.lock.release();
  }
}

/** Before the first durable step: whatever stops this execution, a later one continues the run. */
function armFollowUp(ctx: RunContext): void {
  try {
    ctx.deps.followUp.arm();
  } catch (e) {
    note(ctx, `no follow-up execution could be scheduled (${errorText(e)}): if this run stops, start it again from the menu`);
  }
}

function runStages(ctx: RunContext): RunSummary {
  callProcedure(ctx);
  const analysis = analyse(ctx);
  if (!('pages' in analysis)) return analysis;
  const weekEnd = addDays(ctx.run.weekStart, 7);
  const inputs = planInputs(ctx, analysis.pages, analysis.remaining, analysis.firstToPlan, weekEnd);
  const pending = ctx.run.pendingTabs ?? [];
  ctx.run.pendingTabs = [];
  if (ctx.breaker.open || ctx.run.executions > ctx.o.maxExecutions) return giveUp(ctx, analysis.remaining, pending);

  // Pages without an analysis row never reach the candidates job.
  for (const page of analysis.remaining.filter((p) => !analysis.analysisByPage.has(p))) {
    ctx.run.results.push(pageResult(page, 'FAILED', 'no analysis row: the page is unknown or inactive', now(ctx), { scheduleId: ctx.deps.scheduleIdFor(page, ctx.run.weekStart, ctx.run.runId) }));
  }
  const toPlan = analysis.remaining.filter((p) => analysis.analysisByPage.has(p));
  const written = planAndWrite(ctx, analysis, inputs, weekEnd, toPlan, pending);
  if ('summary' in written) return written.summary;
  return exportAndEnd(ctx, analysis, written.pending, written.deferred);
}

const writeContext = (ctx: RunContext, analysis: Analysis): WriteContext => ({
  warehouse: ctx.warehouse, workbook: ctx.deps.workbook, clock: ctx.deps.clock, logger: ctx.deps.logger, queries: ctx.deps.queries,
  runId: ctx.run.runId, analysisByPage: analysis.analysisByPage, pageRows: ctx.o.pageRows,
});

/** Time kept for the jobs after planning and for `tabs` tab writes. */
function reserveMs(ctx: RunContext, tabs: number): number {
  return JOBS_AFTER_PLANNING * ctx.jobMs + tabs * (ctx.run.tabMs ?? ctx.o.tabMs);
}

/** Plans what the budget allows and writes it in one load and one write job. */
function planAndWrite(
  ctx: RunContext, analysis: Analysis, inputs: PlanInputs, weekEnd: string, toPlan: string[], pending: PendingTab[],
): { pending: PendingTab[]; deferred: string[] } | { summary: RunSummary } {
  if (toPlan.length === 0) return { pending, deferred: [] };
  // Tabs left over from the last execution come first; planning waits for the next one.
  if (pending.length > 0 && elapsed(ctx) + ctx.jobMs + reserveMs(ctx, pending.length) > ctx.deps.budgetMs) return { pending, deferred: toPlan };
  const { run, deps, o } = ctx;
  const planCtx: PlanContext = {
    warehouse: ctx.warehouse, clock: deps.clock, logger: deps.logger, planPage: deps.planPage, scheduleIdFor: deps.scheduleIdFor, queries: deps.queries,
    runId: run.runId, seed: runSeed(run.seed, run.runKind, run.runDate, run.weekStart), weekStart: run.weekStart, weekEnd,
    analysisByPage: analysis.analysisByPage, ...inputs, cooldownDays: o.cooldownDays, candidatesPerPage: o.candidatesPerPage,
    batchSize: o.batchSize, pageRows: o.pageRows, preferHome: analysis.pages.length > 1,
  };
  const before = ctx.breaker.failures;
  const outcome = planAll(planCtx, toPlan, ({ planned, nextBatch, slowestBatchMs }) =>
    elapsed(ctx) + slowestBatchMs + reserveMs(ctx, pending.length + planned + nextBatch) > deps.budgetMs,
  );
  // BigQuery down mid-read: every page is planned again later (same draws), nothing settles now.
  if (ctx.warehouse.outageSince(before)) return { summary: outage(ctx, toPlan, pending, 'caption_candidates') };
  run.results.push(...outcome.settled);
  if (outcome.planned.length === 0) return { pending, deferred: outcome.deferred };
  const t0 = now(ctx).getTime();
  const beforeWrite = ctx.breaker.failures;
  const written = writePlans(writeContext(ctx, analysis), outcome.planned, `${run.runId}_e${run.executions}`);
  ctx.jobMs = Math.max(ctx.jobMs, Math.round((now(ctx).getTime() - t0) / 2));
  if (ctx.warehouse.outageSince(beforeWrite)) {
    // Nothing of theirs was written (one transaction): planned again by a later execution.
    return { summary: outage(ctx, [...written.failed.map((r) => r.page), ...outcome.deferred], pending, 'schedule write') };
  }
  run.results.push(...written.failed);
  return { pending: [...pending, ...written.pending], deferred: outcome.deferred };
}

/** Fills the written pages' tabs, then finishes the run or pauses it for what is left. */
function exportAndEnd(ctx: RunContext, analysis: Analysis, pending: PendingTab[], deferred: string[]): RunSummary {
  const { run } = ctx;
  if (pending.length > 0) {
    run.pendingTabs = pending;
    persist(ctx);
    // Keep a little room for the checkpoint and the log job after the last tab.
    const exported = exportTabs(writeContext(ctx, analysis), pending, () => elapsed(ctx) + ctx.jobMs > ctx.deps.budgetMs);
    if (exported.tabMs !== null) run.tabMs = exported.tabMs;
    run.results.push(...exported.settled);
    run.pendingTabs = exported.leftover;
    if (exported.outage) return outage(ctx, deferred, exported.leftover, 'schedule_export');
  }
  const left = deferred.length + (run.pendingTabs?.length ?? 0);
  if (left > 0) return pause(ctx, 'before the time limit', left);
  return finishRun(ctx, false);
}
