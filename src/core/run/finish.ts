// Ending an execution: the log job (export log rows + the run row in one job), the Overview and
// Runs tabs, and the summary returned to the caller. Also the summaries of a paused or locked-out run.
import type { RunDeps } from './daily-run';
import { clearCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint';
import { errorText } from './batch';
import { EXPORT_LOG_FIELDS, RUN_FIELDS } from './jobs';
import { param } from './params';
import type { ResilientWarehouse } from './retry';
import { countResults, exportStatus, runStatus, type RunStatus, type RunSummary } from './summary';
import { overviewTable, runsTable } from './tabs';

export interface FinishContext {
  deps: RunDeps;
  run: Checkpoint;
  warehouse: ResilientWarehouse;
  key: string;
}

/** Results in the run's page order (they are settled in the order jobs answer). */
function orderResults(run: Checkpoint): void {
  const rank = new Map((run.pages ?? []).map((p, i) => [p, i]));
  run.results.sort((a, b) => (rank.get(a.page) ?? Infinity) - (rank.get(b.page) ?? Infinity));
}

function summaryOf(ctx: FinishContext, status: RunStatus, finished: boolean, message: string, finishedAt?: Date): RunSummary {
  const { run, warehouse } = ctx;
  orderResults(run);
  const jobsNow = warehouse.jobs.length;
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
    jobs: run.jobs + jobsNow,
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

export function finishRun(ctx: FinishContext, runFailed: boolean): RunSummary {
  const { deps, run } = ctx;
  orderResults(run);
  const finishedAt = deps.clock.now();
  const status = runStatus(run.results, runFailed);
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
  const details = JSON.stringify({
    notes: run.notes,
    executions: run.executions,
    week_start: run.weekStart,
    pages: run.results.map((r) => [r.page, r.status, r.reason]),
  });
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
  };
  try {
    const params = [param.structArray('rows', EXPORT_LOG_FIELDS, rows), param.struct('run', RUN_FIELDS, runRow)];
    ctx.warehouse.query(deps.queries.logExports, params, { label: 'log_exports' });
  } catch (e) {
    run.notes.push(`run log not written: ${errorText(e)}`);
  }
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
  clearCheckpoint(deps.state, ctx.key);
  deps.logger.info(`run ${run.runId} ${status}`, { message: summary.message });
  return summary;
}

export function pausedSummary(ctx: FinishContext): RunSummary {
  const base = summaryOf(ctx, 'RUNNING', false, '');
  return { ...base, message: `Paused before the time limit with ${ctx.run.results.length} of ${ctx.run.pages?.length ?? 0} pages done; a follow-up execution resumes run ${ctx.run.runId}.` };
}

export function lockedSummary(kind: string, at: Date): RunSummary {
  return {
    runId: '',
    runDate: '',
    runKind: kind,
    weekStart: '',
    startedAt: at,
    status: 'RUNNING',
    pagesGenerated: 0,
    pagesSkipped: 0,
    pagesFailed: 0,
    pagesNotAttempted: 0,
    perPage: [],
    jobs: 0,
    jobLog: [],
    bytesProcessed: 0,
    executions: 0,
    finished: false,
    message: 'Another run is in progress (the script lock is held); nothing was done.',
  };
}

/** Saves the checkpoint with this execution's job totals folded in. */
export function persist(ctx: FinishContext): void {
  const { run, warehouse } = ctx;
  run.breakerFailures = warehouse.breaker.failures;
  saveCheckpoint(ctx.deps.state, ctx.key, {
    ...run,
    jobs: run.jobs + warehouse.jobs.length,
    bytesProcessed: run.bytesProcessed + warehouse.jobs.reduce((s, j) => s + j.bytesProcessed, 0),
  });
}
