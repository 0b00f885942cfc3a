// How an execution ends: the run finishes (the log job, the Overview and Runs tabs, the checkpoint
// dropped), pauses for a follow-up execution (the checkpoint saved, the follow-up scheduled), or
// gives up on the pages left (the breaker is open or the executions ran out).
import { EXPORT_LOG_FIELDS, RUN_FIELDS } from '../jobs';
import { param } from '../params';
import { errorText, pageResult } from '../results';
import { CircuitOpenError, ExecutionBudgetError } from '../retry';
import { countResults, exportStatus, runStatus, type RunStatus, type RunSummary } from '../summary';
import { overviewTable, runsTable } from '../tabs';
import { checkpointKey, clearCheckpoint, LAST_FULL_RUN_KEY, RUN_KINDS, type Checkpoint } from './checkpoint';
import { note, now, persist, type RunContext } from './context';
import type { PendingTab } from './write';

/** Results in the run's page order (they are settled in the order jobs answer). */
function orderResults(run: Checkpoint): void {
  const rank = new Map((run.pages ?? []).map((p, i) => [p, i]));
  run.results.sort((a, b) => (rank.get(a.page) ?? Infinity) - (rank.get(b.page) ?? Infinity));
}

function summaryOf(ctx: RunContext, status: RunStatus, finished: boolean, message: string, finishedAt?: Date): RunSummary {
  const { run, warehouse } = ctx;
  orderResults(run);
  return {
    runId: run.runId,
    runDate: run.runDate,
    runKind: run.runKind,
    weekStart: run.weekStart,
    startedAt: new Date(run.startedAt),
    finishedAt,
    status,
    ...countResults(run.results),
    perPage: run.results.map((r) => ({ ...r })),
    jobs: run.jobs + warehouse.jobs.length,
    jobLog: [...warehouse.jobs],
    bytesProcessed: run.bytesProcessed + warehouse.jobs.reduce((s, j) => s + j.bytesProcessed, 0),
    executions: run.executions,
    finished,
    message,
  };
}

export function describe(s: Pick<RunSummary, 'perPage' | 'pagesGenerated' | 'pagesSkipped' | 'pagesFailed' | 'pagesNotAttempted' | 'jobs'>): string {
  const parts = [`${s.pagesSkipped} skipped`, `${s.pagesFailed} failed`];
  if (s.pagesNotAttempted > 0) parts.push(`${s.pagesNotAttempted} not attempted`);
  return `Generated ${s.pagesGenerated} of ${s.perPage.length} pages (${parts.join(', ')}); ${s.jobs} BigQuery jobs.`;
}

/** The log job: one schedule_export_log row per page and the run's automation_run_log row. */
function logRun(ctx: RunContext, status: RunStatus, finishedAt: Date): void {
  const { run } = ctx;
  const counts = countResults(run.results);
  const rows = run.results.map((r) => ({
    export_id: `${run.runId}:${r.page}`,
    run_id: run.runId,
    schedule_id: r.scheduleId,
    page_name: r.page,
    export_timestamp: new Date(r.at),
    status: exportStatus(r.status),
    reason: r.reason,
    message_count: r.messageCount ?? null,
    duration_ms: r.durationMs ?? null,
  }));
  const details = JSON.stringify({ notes: run.notes, executions: run.executions, week_start: run.weekStart, pages: run.results.map((r) => [r.page, r.status, r.reason]) });
  const runRow = {
    run_id: run.runId,
    run_date: run.runDate,
    run_kind: run.runKind,
    started_at: new Date(run.startedAt),
    finished_at: finishedAt,
    status,
    pages_total: run.results.length,
    pages_generated: counts.pagesGenerated,
    pages_skipped: counts.pagesSkipped,
    pages_failed: counts.pagesFailed + counts.pagesNotAttempted,
    details,
    parent_run_id: null,
    error_message: status === 'FAILED' ? run.notes.join(' ') || null : null,
  };
  try {
    const params = [param.structArray('rows', EXPORT_LOG_FIELDS, rows), param.struct('run', RUN_FIELDS, runRow)];
    ctx.warehouse.query(ctx.deps.queries.logExports, params, { label: 'log_exports' });
  } catch (e) {
    run.notes.push(`run log not written: ${errorText(e)}`);
  }
}

export function finishRun(ctx: RunContext, runFailed: boolean): RunSummary {
  const { deps, run } = ctx;
  orderResults(run);
  const finishedAt = deps.clock.now();
  const status = runStatus(run.results, runFailed);
  logRun(ctx, status, finishedAt);
  const base = summaryOf(ctx, status, true, '', finishedAt);
  // The notes go into the message before the tabs are written: the Runs row is where they are read.
  const withNotes = () => [describe(base), ...run.notes].join(' ');
  const summary: RunSummary = { ...base, message: withNotes() };
  try {
    if (run.results.length > 0) deps.workbook.writeOverview(overviewTable(summary, run.weekStart));
  } catch (e) {
    run.notes.push(`Overview tab not written: ${errorText(e)}`);
    summary.message = withNotes();
  }
  try {
    // Replaces this run's row when a killed execution had already written it.
    deps.workbook.appendRuns(runsTable(summary));
  } catch (e) {
    run.notes.push(`Runs tab not written: ${errorText(e)}`);
    summary.message = withNotes();
  }
  // A run over every active page is the day's run, whichever started it.
  if (run.requested.length === 0) deps.state.set(LAST_FULL_RUN_KEY, run.runDate);
  clearCheckpoint(deps.state, ctx.key);
  try {
    // Another kind's paused run still needs the follow-up.
    if (RUN_KINDS.every((k) => deps.state.get(checkpointKey(k)) === null)) deps.followUp.disarm();
  } catch (e) {
    deps.logger.warn(`the follow-up trigger of run ${run.runId} could not be removed: ${errorText(e)}`);
  }
  deps.logger.info(`run ${run.runId} ${status}`, { message: summary.message });
  return summary;
}

/** Saves the checkpoint; the follow-up armed when the execution started continues it. */
export function pause(ctx: RunContext, why: string, left: number): RunSummary {
  persist(ctx);
  ctx.deps.logger.info(`run ${ctx.run.runId} paused ${why}`, { done: ctx.run.results.length, remaining: left });
  const base = summaryOf(ctx, 'RUNNING', false, '');
  return { ...base, message: `Paused before the time limit with ${ctx.run.results.length} of ${ctx.run.pages?.length ?? 0} pages done; a follow-up execution resumes run ${ctx.run.runId}.` };
}

/** Ends the run with every page not done reported: the breaker is open or executions ran out. */
export function giveUp(ctx: RunContext, remaining: readonly string[], pending: readonly PendingTab[]): RunSummary {
  const { run, breaker } = ctx;
  const reason = breaker.open ? new CircuitOpenError(breaker.failures).message : `not attempted: run unfinished after ${ctx.o.maxExecutions} executions`;
  for (const page of remaining) run.results.push(pageResult(page, 'NOT_ATTEMPTED', reason, now(ctx)));
  for (const p of pending) {
    run.results.push(pageResult(p.page, 'FAILED', `schedule written, but its tab was never filled: ${reason}`, now(ctx), { scheduleId: p.scheduleId, messageCount: p.messageCount }));
  }
  run.pendingTabs = [];
  run.pages ??= [...remaining];
  return finishRun(ctx, run.results.length === 0);
}

/** BigQuery is down (a job still failing after its retries) or the time is up: wait for a follow-up, or give up once the breaker is open. */
export function outage(ctx: RunContext, remaining: readonly string[], pending: PendingTab[], job?: string): RunSummary {
  const failure = ctx.warehouse.lastFailure;
  // Time running out is not BigQuery failing: nothing to note, the run just goes on later.
  if (job && failure && !(failure instanceof ExecutionBudgetError) && !ctx.warehouse.outOfTime) note(ctx, `${job} failed: ${errorText(failure)}`);
  if (ctx.breaker.open) return giveUp(ctx, remaining, pending);
  ctx.run.pendingTabs = pending;
  return pause(ctx, 'while BigQuery fails', remaining.length + pending.length);
}
