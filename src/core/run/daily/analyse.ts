// The run's first stages: the procedure that prepares the day in BigQuery (once per run), then
// ONE page_analysis job for every page still to do, and the run's page list fixed in the
// checkpoint the first time the analysis answers.
import { AnalysisRowSchema, CALL_RUN_DAILY_AUTOMATION, checkRows, pageAnalysisParams, runDailyAutomationParams } from '../jobs';
import type { Row } from '../ports';
import { errorText } from '../results';
import { runIdFor } from '../run-id';
import type { RunSummary } from '../summary';
import { note, persist, settledPages, timed, type RunContext } from './context';
import { finishRun, outage } from './finish';
import { sharedDataNote } from './notes';

export interface Analysis {
  /** Every page of the run, in processing order. */
  pages: string[];
  /** Pages without a result yet. */
  remaining: string[];
  /** Nothing of the run was done before this execution. */
  firstToPlan: boolean;
  analysisByPage: Map<string, Row>;
}

/**
 * CALL run_daily_automation once per run, and once per day for the dataset when other documents
 * point at it too (a claim: the first run of the day queues it); a failure is noted and the run
 * goes on.
 */
export function callProcedure(ctx: RunContext): void {
  const { run } = ctx;
  if (run.procedureDone || ctx.breaker.open) return;
  const claims = ctx.deps.claims;
  if (claims && !claims.claim('DAILY_QUEUE')) {
    run.procedureDone = true;
    return;
  }
  let ok = false;
  try {
    const stepId = runIdFor('DAILY_QUEUE', ctx.deps.clock.now());
    timed(ctx, () => ctx.warehouse.query(CALL_RUN_DAILY_AUTOMATION, runDailyAutomationParams(run.runDate, stepId, run.runId), { label: 'run_daily_automation' }));
    ok = true;
  } catch (e) {
    note(ctx, `run_daily_automation failed: ${errorText(e)}`);
  } finally {
    claims?.settle('DAILY_QUEUE', ok);
  }
  run.procedureDone = true;
}

/** The analysis rows of the pages still to do, or the run's end when it cannot go on. */
function readAnalysis(ctx: RunContext, toRead: readonly string[]): Row[] | RunSummary {
  const before = ctx.breaker.failures;
  try {
    const params = pageAnalysisParams(toRead, ctx.run.runDate, ctx.o.lookbackDays);
    const { rows } = timed(ctx, () => ctx.warehouse.query(ctx.deps.queries.pageAnalysis, params, { label: 'page_analysis' }));
    return checkRows('page_analysis', rows, AnalysisRowSchema);
  } catch (e) {
    note(ctx, `page_analysis failed: ${errorText(e)}`);
    if (ctx.warehouse.outageSince(before)) return outage(ctx, toRead, ctx.run.pendingTabs ?? []);
    if (ctx.run.pages === null) return finishRun(ctx, true);
    return [];
  }
}

export function analyse(ctx: RunContext): Analysis | RunSummary {
  const { run } = ctx;
  const requested = run.requested;
  const done = settledPages(ctx);
  const remainingKnown = run.pages?.filter((p) => !done.has(p));
  let analysisRows: Row[] = [];
  if (ctx.breaker.open) {
    // Nothing more is sent; pages never listed can only be the ones asked for.
    run.pages ??= [...requested];
  } else if (!remainingKnown || remainingKnown.length > 0) {
    const read = readAnalysis(ctx, remainingKnown ?? requested);
    if (!Array.isArray(read)) return read;
    analysisRows = read;
  }
  // Only the pages asked for, whatever the query returned.
  const wanted = new Set(remainingKnown ?? requested);
  const kept = wanted.size > 0 ? analysisRows.filter((r) => wanted.has(r.page_name as string)) : analysisRows;
  const analysisByPage = new Map(kept.map((r) => [r.page_name as string, r]));
  const shared = sharedDataNote(kept);
  if (shared) note(ctx, shared);
  if (run.pages === null) {
    // Requested pages the analysis does not know are reported, not silently dropped.
    const found = [...analysisByPage.keys()].sort();
    run.pages = [...found, ...requested.filter((p) => !analysisByPage.has(p))];
    persist(ctx);
  }
  return { pages: run.pages, remaining: run.pages.filter((p) => !done.has(p)), firstToPlan: done.size === 0, analysisByPage };
}
