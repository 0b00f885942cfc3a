// The daily run: next week's schedule for every active page with a small, constant number of
// BigQuery jobs, checkpointed so it can pause before Apps Script's 6-minute limit and resume.
//
// Jobs for N pages in batches of B (one execution):
//   1 CALL run_daily_automation + 1 page_analysis (all pages, array param) + 1 holidays
//   + 3 per batch (caption_candidates, write_schedules, schedule_export) × ⌈N/B⌉
//   + 1 log_exports  → 4 + 3⌈N/B⌉ (500 pages, B = 50: 34 jobs); a resumed execution adds
//   2 (page_analysis for the remaining pages + holidays). Retries of a job are not new jobs.
import type { Clock, Logger, Sleeper } from '../ports';
import type { PageOverrides } from '../overrides';
import type { FollowUpScheduler, KeyValueStore, Row, RunLock, Warehouse, Workbook } from './ports';
import type { PlanHoliday, PlanPageFn, ScheduleIdFn } from './plan-contract';
import { runBatch, errorText } from './batch';
import { checkpointKey, loadCheckpoint, type Checkpoint } from './checkpoint';
import { addDays, laDate, nextWeekStart } from './dates';
import { AnalysisRowSchema, CALL_RUN_DAILY_AUTOMATION, checkRows, holidaysParams, pageAnalysisParams, runDailyAutomationParams, toHolidays, type RunQueries } from './jobs';
import { CircuitBreaker, CircuitOpenError, ResilientWarehouse } from './retry';
import type { RunSummary } from './summary';
import { finishRun, lockedSummary, pausedSummary, persist } from './finish';

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
  /** The Overrides tab, checked against the run's pages; problems go to the Runs tab. */
  loadOverrides?: (knownPages: readonly string[]) => OverridesLoad;
}

export interface OverridesLoad {
  overrides: Readonly<Record<string, PageOverrides>>;
  /** One line per bad cell, naming tab, row, column and page (those pages use defaults). */
  problems: string[];
}

export interface RunOptions {
  runKind?: 'DAILY' | 'MENU';
  /** Pages to generate; empty or absent = every active page. */
  pages?: readonly string[];
  batchSize?: number;
  lookbackDays?: number;
  /** Days a page must wait before reusing a caption; sent to SQL and, when set, to the engine. */
  cooldownDays?: number;
  candidatesPerPage?: number;
  lockWaitMs?: number;
  resumeDelayMs?: number;
  /** A run still unfinished after this many executions reports its remaining pages NOT_ATTEMPTED. */
  maxExecutions?: number;
  /** Only continue a stored run of this kind (the follow-up trigger); never start a new one. */
  resumeOnly?: boolean;
}

const RESUME_WINDOW_MS = 24 * 3600_000;

export const RUN_DEFAULTS = { batchSize: 50, lookbackDays: 90, cooldownDays: 14, candidatesPerPage: 150, lockWaitMs: 1000, resumeDelayMs: 60_000, maxExecutions: 12 };

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
  };
}

export function runDaily(deps: RunDeps, options: RunOptions = {}): RunSummary {
  const o = { ...RUN_DEFAULTS, ...options };
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

    const breaker = new CircuitBreaker(run.breakerFailures);
    const warehouse = new ResilientWarehouse(deps.warehouse, deps.sleeper, breaker, deps.logger);
    const finishCtx = { deps, run, warehouse, key };
    const save = () => persist(finishCtx);

    if (!run.procedureDone) {
      try {
        warehouse.query(CALL_RUN_DAILY_AUTOMATION, runDailyAutomationParams(run.runDate), { label: 'run_daily_automation' });
      } catch (e) {
        run.notes.push(`run_daily_automation failed: ${errorText(e)}`);
      }
      run.procedureDone = true;
    }

    const done = new Set(run.results.map((r) => r.page));
    const remainingKnown = run.pages?.filter((p) => !done.has(p));
    let analysisRows: Row[];
    try {
      const ask = remainingKnown ?? requested;
      const { rows } = remainingKnown && remainingKnown.length === 0
        ? { rows: [] }
        : warehouse.query(deps.queries.pageAnalysis, pageAnalysisParams(ask, run.runDate, o.lookbackDays), { label: 'page_analysis' });
      analysisRows = checkRows('page_analysis', rows, AnalysisRowSchema);
    } catch (e) {
      run.notes.push(`page_analysis failed: ${errorText(e)}`);
      if (run.pages === null) return finishRun(finishCtx, true);
      analysisRows = [];
    }
    // Only the pages asked for, whatever the query returned.
    const wanted = new Set(remainingKnown ?? requested);
    const kept = wanted.size > 0 ? analysisRows.filter((r) => wanted.has(r.page_name as string)) : analysisRows;
    const analysisByPage = new Map(kept.map((r) => [r.page_name as string, r as Row]));
    if (run.pages === null) {
      // Requested pages the analysis does not know are reported, not silently dropped.
      const found = [...analysisByPage.keys()].sort();
      run.pages = [...found, ...requested.filter((p) => !analysisByPage.has(p))];
      save();
    }

    const weekEnd = addDays(run.weekStart, 7);
    let holidays: PlanHoliday[] = [];
    if (deps.queries.holidays) {
      try {
        const { rows } = warehouse.query(deps.queries.holidays, holidaysParams(run.weekStart, weekEnd), { label: 'holidays' });
        holidays = toHolidays(rows);
      } catch (e) {
        run.notes.push(`holidays unavailable, planned without holiday adjustment: ${errorText(e)}`);
      }
    }
    let overrides: Readonly<Record<string, PageOverrides>> = {};
    try {
      const load = deps.loadOverrides?.(run.pages);
      overrides = load?.overrides ?? {};
      const problems = load?.problems ?? [];
      const note = problems.length > 0 ? `Overrides: ${problems.length} problem(s), those pages use defaults: ${problems.slice(0, 5).join(' | ')}${problems.length > 5 ? ' | …' : ''}` : '';
      // A resumed execution reads the tab again; its note is kept once.
      if (note && !run.notes.includes(note)) run.notes.push(note);
    } catch (e) {
      run.notes.push(`Overrides tab unreadable, every page uses defaults: ${errorText(e)}`);
    }
    const ctx = {
      warehouse, workbook: deps.workbook, clock: deps.clock, logger: deps.logger, planPage: deps.planPage,
      scheduleIdFor: deps.scheduleIdFor, queries: deps.queries, runId: run.runId, seed: run.seed,
      weekStart: run.weekStart, weekEnd, analysisByPage, holidays, overrides, cooldownDays: o.cooldownDays,
      candidatesPerPage: o.candidatesPerPage, passCooldownToEngine: options.cooldownDays !== undefined,
    };

    let slowestBatch = 0;
    for (;;) {
      const settled = new Set(run.results.map((r) => r.page));
      const remaining = run.pages.filter((p) => !settled.has(p));
      if (remaining.length === 0) break;
      const stamp = deps.clock.now();
      if (breaker.open || run.executions > o.maxExecutions) {
        const reason = breaker.open ? new CircuitOpenError(breaker.failures).message : `not attempted: run unfinished after ${o.maxExecutions} executions`;
        for (const page of remaining) run.results.push({ page, status: 'NOT_ATTEMPTED', reason, scheduleId: null, at: stamp.toISOString() });
        break;
      }
      const elapsed = stamp.getTime() - execStart.getTime();
      if (slowestBatch > 0 && elapsed + slowestBatch > deps.budgetMs) {
        save();
        deps.followUp.scheduleResume(o.resumeDelayMs);
        deps.logger.info(`run ${run.runId} paused before the time limit`, { done: settled.size, remaining: remaining.length });
        return pausedSummary(finishCtx);
      }
      const batch = remaining.slice(0, o.batchSize);
      run.results.push(...runBatch(ctx, batch));
      slowestBatch = Math.max(slowestBatch, deps.clock.now().getTime() - stamp.getTime(), 1);
      save();
    }
    return finishRun(finishCtx, false);
  } finally {
    deps.lock.release();
  }
}
