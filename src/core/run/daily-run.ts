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
import type { Clock, Logger, Sleeper } from '../ports';
import type { PageOverrides } from '../overrides';
import type { FollowUpScheduler, KeyValueStore, Row, RunLock, Warehouse, Workbook } from './ports';
import type { PlanHoliday, PlanPageFn, ScheduleIdFn } from './plan-contract';
import { errorText, pageResult, planAll, sharedDataNote, type PlanContext } from './batch';
import { checkpointKey, loadCheckpoint, type Checkpoint } from './checkpoint';
import { exportTabs, writePlans, type PendingTab, type WriteContext } from './write';
import { runTuning } from './tuning';
import { addDays, laDate, nextWeekStart } from './dates';
import { AnalysisRowSchema, CALL_RUN_DAILY_AUTOMATION, checkRows, holidaysParams, pageAnalysisParams, runDailyAutomationParams, toHolidays, type RunQueries } from './jobs';
import { CircuitBreaker, CircuitOpenError, ResilientWarehouse } from './retry';
import { runSeed } from './random';
import type { RunSummary } from './summary';
import { finishRun, lockedSummary, pausedSummary, persist } from './finish';
import { RESUME_WINDOW_MS, RUN_DEFAULTS, type RunOptions } from './options';

export interface RunDeps {
  warehouse: Warehouse;
  workbook: Workbook;
  state: KeyValueStore;
  lock: RunLock;
  clock: Clock;
  sleeper: Sleeper;
  logger: Logger;
  seed: number;
  planPage: PlanPageFn;
  scheduleIdFor: ScheduleIdFn;
  followUp: FollowUpScheduler;
  queries: RunQueries;
  /** Time this execution may use (ms); e.g. 5 min of Apps Script's 6. */
  budgetMs: number;
  /**
   * The Overrides tab, checked against the run's pages; problems go to the Runs tab. `lookAlikes`:
   * when the tab is missing, look for one renamed by hand (a call per tab: once per run).
   */
  loadOverrides?: (knownPages: readonly string[], lookAlikes: boolean) => OverridesLoad;
}

export interface OverridesLoad {
  overrides: Readonly<Record<string, PageOverrides>>;
  /** One line per bad cell, naming tab, row, column and page (those pages use defaults). */
  problems: string[];
}

export { RUN_DEFAULTS, type RunOptions } from './options';

/** Jobs still to come after planning: load, write, export, log. */
const JOBS_AFTER_PLANNING = 4;

function newCheckpoint(deps: RunDeps, kind: string, requested: string[], now: Date): Checkpoint {
  const runDate = laDate(now);
  return {
    version: 1,
    runId: `${kind.toLowerCase()}_${runDate.replace(/-/g, '')}_${now.getTime().toString(36)}`,
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

export function runDaily(deps: RunDeps, options: RunOptions = {}): RunSummary {
  const tuning = runTuning(deps.state, deps.logger);
  const o = { ...RUN_DEFAULTS, ...tuning, ...options };
  const kind = options.runKind ?? 'DAILY';
  let requested = [...(options.pages ?? [])];
  const execStart = deps.clock.now();
  if (!deps.lock.tryAcquire(o.lockWaitMs)) {
    deps.logger.info('another run holds the script lock; this execution does nothing');
    return lockedSummary(kind, execStart);
  }
  try {
    const key = checkpointKey(kind);
    const loaded = loadCheckpoint(deps.state, key);
    if (loaded.problem) deps.logger.warn(`${loaded.problem}; starting a new run`);
    let cp = loaded.checkpoint;
    if (options.resumeOnly) {
      // A follow-up execution: continue the stored run as it was asked for, if it is recent.
      if (!cp || execStart.getTime() - Date.parse(cp.startedAt) > RESUME_WINDOW_MS) {
        return { ...lockedSummary(kind, execStart), finished: true, message: 'Nothing to resume.' };
      }
      requested = cp.requested;
    }
    if (cp && !options.resumeOnly && (cp.runDate !== laDate(execStart) || cp.requested.join('\n') !== requested.join('\n'))) {
      deps.logger.warn(`abandoning unfinished run ${cp.runId} of ${cp.runDate}: a new run starts`, { done: cp.results.length });
      cp = null;
    }
    if (cp) deps.logger.info(`resuming run ${cp.runId}`, { done: cp.results.length, execution: cp.executions + 1 });
    const run: Checkpoint = cp ?? newCheckpoint(deps, kind, requested, execStart);
    run.executions += 1;
    run.pendingTabs = run.pendingTabs ?? [];

    const breaker = new CircuitBreaker(run.breakerFailures);
    const warehouse = new ResilientWarehouse(deps.warehouse, deps.sleeper, breaker, deps.logger);
    const finishCtx = { deps, run, warehouse, key };
    const save = () => persist(finishCtx);
    const elapsed = () => deps.clock.now().getTime() - execStart.getTime();
    const now = () => deps.clock.now();
    // A resumed execution may hit the same failure again: its note is kept once.
    const note = (text: string) => void (run.notes.includes(text) || run.notes.push(text));
    // The longest single job so far: the estimate for each job still to come.
    let jobMs = 0;
    const timed = <T>(fn: () => T): T => {
      const t0 = deps.clock.now().getTime();
      try {
        return fn();
      } finally {
        jobMs = Math.max(jobMs, deps.clock.now().getTime() - t0);
      }
    };
    const pause = (why: string, left: number): RunSummary => {
      save();
      deps.followUp.scheduleResume(o.resumeDelayMs);
      deps.logger.info(`run ${run.runId} paused ${why}`, { done: run.results.length, remaining: left });
      return pausedSummary(finishCtx);
    };
    /** Ends the run with every page not done reported: the breaker is open or executions ran out. */
    const giveUp = (remaining: readonly string[], pending: readonly PendingTab[]): RunSummary => {
      const reason = breaker.open ? new CircuitOpenError(breaker.failures).message : `not attempted: run unfinished after ${o.maxExecutions} executions`;
      for (const page of remaining) run.results.push(pageResult(page, 'NOT_ATTEMPTED', reason, now()));
      for (const p of pending) run.results.push(pageResult(p.page, 'FAILED', `schedule written, but its tab was never filled: ${reason}`, now(), { scheduleId: p.scheduleId, messageCount: p.messageCount }));
      run.pendingTabs = [];
      run.pages ??= [...remaining];
      return finishRun(finishCtx, run.results.length === 0);
    };
    /** BigQuery is down (a job still failing after its retries): wait for a follow-up, or give up once the breaker is open. */
    const outage = (remaining: readonly string[], pending: PendingTab[], job?: string): RunSummary => {
      if (job && warehouse.lastFailure) note(`${job} failed: ${errorText(warehouse.lastFailure)}`);
      if (breaker.open) return giveUp(remaining, pending);
      run.pendingTabs = pending;
      return pause('while BigQuery fails', remaining.length + pending.length);
    };

    if (!run.procedureDone && !breaker.open) {
      try {
        timed(() => warehouse.query(CALL_RUN_DAILY_AUTOMATION, runDailyAutomationParams(run.runDate), { label: 'run_daily_automation' }));
      } catch (e) {
        note(`run_daily_automation failed: ${errorText(e)}`);
      }
      run.procedureDone = true;
    }

    const settledPages = () => new Set([...run.results.map((r) => r.page), ...(run.pendingTabs ?? []).map((p) => p.page)]);
    const done = settledPages();
    const remainingKnown = run.pages?.filter((p) => !done.has(p));
    let analysisRows: Row[] = [];
    if (breaker.open) {
      // Nothing more is sent; pages never listed can only be the ones asked for.
      run.pages ??= [...requested];
    } else if (!remainingKnown || remainingKnown.length > 0) {
      const before = breaker.failures;
      try {
        const { rows } = timed(() => warehouse.query(deps.queries.pageAnalysis, pageAnalysisParams(remainingKnown ?? requested, run.runDate, o.lookbackDays), { label: 'page_analysis' }));
        analysisRows = checkRows('page_analysis', rows, AnalysisRowSchema);
      } catch (e) {
        note(`page_analysis failed: ${errorText(e)}`);
        if (warehouse.outageSince(before)) return outage(remainingKnown ?? requested, run.pendingTabs);
        if (run.pages === null) return finishRun(finishCtx, true);
      }
    }
    // Only the pages asked for, whatever the query returned.
    const wanted = new Set(remainingKnown ?? requested);
    const kept = wanted.size > 0 ? analysisRows.filter((r) => wanted.has(r.page_name as string)) : analysisRows;
    const analysisByPage = new Map(kept.map((r) => [r.page_name as string, r as Row]));
    const shared = sharedDataNote(kept);
    if (shared) note(shared);
    if (run.pages === null) {
      // Requested pages the analysis does not know are reported, not silently dropped.
      const found = [...analysisByPage.keys()].sort();
      run.pages = [...found, ...requested.filter((p) => !analysisByPage.has(p))];
      save();
    }
    const pages = run.pages;
    const remaining = pages.filter((p) => !done.has(p));

    const weekEnd = addDays(run.weekStart, 7);
    let holidays: PlanHoliday[] = [];
    if (deps.queries.holidays && remaining.length > 0 && !breaker.open) {
      try {
        const { rows } = timed(() => warehouse.query(deps.queries.holidays as string, holidaysParams(run.weekStart, weekEnd), { label: 'holidays' }));
        holidays = toHolidays(rows);
      } catch (e) {
        note(`holidays unavailable, planned without holiday adjustment: ${errorText(e)}`);
      }
    }
    let overrides: Readonly<Record<string, PageOverrides>> = {};
    try {
      // Read only when pages are planned: an execution that only fills tabs spends no Sheets call on it.
      // Nothing done yet: the first execution to plan searches for a renamed tab; its note is kept.
      const load = remaining.length > 0 ? deps.loadOverrides?.(pages, done.size === 0) : undefined;
      overrides = load?.overrides ?? {};
      const problems = load?.problems ?? [];
      if (problems.length > 0) note(`Overrides: ${problems.length} problem(s), those pages use defaults: ${problems.slice(0, 5).join(' | ')}${problems.length > 5 ? ' | …' : ''}`);
    } catch (e) {
      note(`Overrides tab unreadable, every page uses defaults: ${errorText(e)}`);
    }

    let pending: PendingTab[] = run.pendingTabs;
    run.pendingTabs = [];
    if (breaker.open || run.executions > o.maxExecutions) return giveUp(remaining, pending);

    const tabMs = run.tabMs ?? o.tabMs;
    const reserveMs = (tabs: number) => JOBS_AFTER_PLANNING * jobMs + tabs * tabMs;
    const planCtx: PlanContext = {
      warehouse, clock: deps.clock, logger: deps.logger, planPage: deps.planPage, scheduleIdFor: deps.scheduleIdFor, queries: deps.queries,
      runId: run.runId, seed: runSeed(run.seed, run.runKind, run.runDate, run.weekStart), weekStart: run.weekStart, weekEnd, analysisByPage, holidays,
      overrides, cooldownDays: o.cooldownDays, candidatesPerPage: o.candidatesPerPage, passCooldownToEngine: options.cooldownDays !== undefined,
      batchSize: o.batchSize, pageRows: o.pageRows, preferHome: pages.length > 1,
    };
    const writeCtx: WriteContext = {
      warehouse, workbook: deps.workbook, clock: deps.clock, logger: deps.logger, queries: deps.queries, runId: run.runId, analysisByPage, pageRows: o.pageRows,
    };

    // Pages without an analysis row never reach the candidates job.
    const unknown = remaining.filter((p) => !analysisByPage.has(p));
    for (const page of unknown) {
      run.results.push(pageResult(page, 'FAILED', 'no analysis row: the page is unknown or inactive', now(), { scheduleId: deps.scheduleIdFor(page, run.weekStart, run.runId) }));
    }
    const toPlan = remaining.filter((p) => analysisByPage.has(p));
    let deferred: string[] = [];
    if (toPlan.length > 0 && pending.length > 0 && elapsed() + jobMs + reserveMs(pending.length) > deps.budgetMs) {
      // Tabs left over from the last execution come first; planning waits for the next one.
      deferred = toPlan;
    } else if (toPlan.length > 0) {
      const before = breaker.failures;
      const outcome = planAll(planCtx, toPlan, ({ planned, nextBatch, slowestBatchMs }) =>
        elapsed() + slowestBatchMs + reserveMs(pending.length + planned + nextBatch) > deps.budgetMs,
      );
      // BigQuery down mid-read: every page is planned again later (same draws), nothing settles now.
      if (warehouse.outageSince(before)) return outage(toPlan, pending, 'caption_candidates');
      run.results.push(...outcome.settled);
      deferred = outcome.deferred;
      if (outcome.planned.length > 0) {
        const t0 = now().getTime();
        const beforeWrite = breaker.failures;
        const written = writePlans(writeCtx, outcome.planned, `${run.runId}_e${run.executions}`);
        jobMs = Math.max(jobMs, Math.round((now().getTime() - t0) / 2));
        if (warehouse.outageSince(beforeWrite)) {
          // Nothing of theirs was written (one transaction): planned again by a later execution.
          return outage([...written.failed.map((r) => r.page), ...deferred], pending, 'schedule write');
        }
        run.results.push(...written.failed);
        pending = [...pending, ...written.pending];
      }
    }
    if (pending.length > 0) {
      run.pendingTabs = pending;
      save();
      // Keep a little room for the checkpoint and the log job after the last tab.
      const exported = exportTabs(writeCtx, pending, () => elapsed() + jobMs > deps.budgetMs);
      if (exported.tabMs !== null) run.tabMs = exported.tabMs;
      run.results.push(...exported.settled);
      run.pendingTabs = exported.leftover;
      if (exported.outage) return outage(deferred, exported.leftover, 'schedule_export');
    }
    if (deferred.length > 0 || run.pendingTabs.length > 0) return pause('before the time limit', deferred.length + run.pendingTabs.length);
    return finishRun(finishCtx, false);
  } finally {
    deps.lock.release();
  }
}
