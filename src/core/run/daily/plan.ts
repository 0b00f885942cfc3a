// Planning: ONE caption_candidates job for every page of the execution, read page by page
// (getQueryResults pages of `pageRows` rows). The rows arrive ordered by page_name, so one page's
// candidates are contiguous: pages are gathered into batches of `batchSize` and each batch is
// planned in-script, then its candidates are dropped. At most one batch of candidates (plus the
// result page being read) is held at once; the plans are kept (small) for the one write.
// A page's failure never stops the others.
import type { Clock, Logger } from '../../ports';
import type { PageOverrides } from '../../overrides/schema';
import type { Row } from '../ports';
import type { PagePlanLike, PlanHoliday, PlanPageFn, ScheduleIdFn } from '../plan-contract';
import { captionCandidatesParams, type RunQueries } from '../jobs';
import type { ResilientWarehouse } from '../retry';
import { errorText, jobFailedResult, pageResult, planFacts, withNote } from '../results';
import type { PageResult, PageStatus } from '../summary';
import { dataNote } from './notes';
import { RunLocks } from './run-locks';
import { pageRandom } from './seeds';

export interface PlanContext {
  warehouse: ResilientWarehouse;
  clock: Clock;
  logger: Logger;
  planPage: PlanPageFn;
  scheduleIdFor: ScheduleIdFn;
  queries: RunQueries;
  runId: string;
  seed: number;
  weekStart: string;
  weekEnd: string;
  analysisByPage: ReadonlyMap<string, Row>;
  holidays: PlanHoliday[];
  overrides: Readonly<Record<string, PageOverrides>>;
  cooldownDays: number;
  candidatesPerPage: number;
  batchSize: number;
  /** Rows per result page of the candidates read. */
  pageRows: number;
  /** The run has several pages (resumed or not): each prefers its home captions. */
  preferHome: boolean;
}

/** A plan that passed validation and the gate: it goes to the write. */
export interface PlannedPage {
  plan: PagePlanLike;
  /** Data problems met on the way (bad source rows left out), for the page's reason. */
  note?: string;
  /** Clock time (ms) planning of the page started: its durationMs runs to its tab. */
  startedMs: number;
}

export interface PlanOutcome {
  planned: PlannedPage[];
  /** Pages settled without a write: FAILED, INVALID, SKIPPED (RED) or NOT_ATTEMPTED. */
  settled: PageResult[];
  /** Pages not reached because the budget stopped the read: the next execution plans them. */
  deferred: string[];
  /** Longest fetch-and-plan cycle of one batch (ms). */
  slowestBatchMs: number;
}

/** Asked before every batch after the first: true stops planning (the budget is near). */
export type StopCheck = (state: { planned: number; nextBatch: number; slowestBatchMs: number }) => boolean;

/** Plans one page from its candidates; a plan to write, or the page's settled result. */
function planOne(ctx: PlanContext, page: string, candidates: Row[], runLocks: RunLocks, contention: ReadonlyMap<number, number>): PlannedPage | PageResult {
  const startedMs = ctx.clock.now().getTime();
  const scheduleId = ctx.scheduleIdFor(page, ctx.weekStart, ctx.runId);
  const settle = (status: PageStatus, reason: string, extra: Partial<PageResult>) => pageResult(page, status, reason, ctx.clock.now(), extra);
  const analysisRow = ctx.analysisByPage.get(page);
  if (!analysisRow) return settle('FAILED', 'no analysis row: the page is unknown or inactive', { scheduleId });
  if (candidates.length === 0) {
    // Named here: the engine would only report the PPVs it could not fill.
    const why = 'no caption candidates (caption_bank has no usable captions for this page: none active, or all restricted, locked or in cool-down)';
    return settle('INVALID', withNote(why, dataNote(analysisRow, null)), { scheduleId });
  }
  try {
    const plan = ctx.planPage(
      {
        analysisRow,
        candidates,
        // Written locks are excluded in SQL; this run's earlier pages are not written yet.
        locks: runLocks.forCandidates(candidates),
        overrides: ctx.overrides[page],
        holidays: ctx.holidays,
        weekStart: ctx.weekStart,
        scheduleId,
        contention,
        ...(ctx.preferHome ? { preferHome: true } : {}),
        cooldownDays: ctx.cooldownDays,
      },
      { random: pageRandom(ctx.seed, page), clock: ctx.clock },
    );
    const facts = planFacts(plan);
    const note = dataNote(analysisRow, plan);
    if (plan.schedule.scheduleId !== scheduleId) return settle('FAILED', `engine returned schedule id ${plan.schedule.scheduleId}, expected ${scheduleId}`, facts);
    if (!plan.validation.valid) {
      const problems = plan.validation.problems.slice(0, 3).map((p) => `${p.rule}: ${p.message}`).join('; ');
      return settle('INVALID', withNote(`schedule failed validation (${plan.validation.problems.length} problems): ${problems}`, note), facts);
    }
    if (!plan.gate.export) return settle('SKIPPED', withNote(`${plan.gate.light}: ${plan.gate.reason}`, note), facts);
    runLocks.add(plan);
    return note ? { plan, startedMs, note } : { plan, startedMs };
  } catch (e) {
    return settle('FAILED', withNote(`planning failed: ${errorText(e)}`, dataNote(analysisRow, null)), { scheduleId });
  }
}

/** How many pages of the batch want each caption (a batch is the same on resume: whole batches). */
function contentionOf(batch: ReadonlyMap<string, Row[]>): Map<number, number> {
  const contention = new Map<number, number>();
  for (const rows of batch.values()) {
    for (const id of new Set(rows.map((row) => Number(row.caption_id)))) contention.set(id, (contention.get(id) ?? 0) + 1);
  }
  return contention;
}

/** Gathers the candidate rows of consecutive pages into batches and plans each full batch. */
class BatchPlanner {
  readonly out: PlanOutcome = { planned: [], settled: [], deferred: [], slowestBatchMs: 0 };
  stopped = false;
  private readonly wanted: Set<string>;
  private readonly done = new Set<string>();
  private readonly runLocks = new RunLocks();
  private batch = new Map<string, Row[]>();
  private current: string | null = null;
  private currentRows: Row[] = [];
  private cycleStart: number;
  private batches = 0;

  constructor(
    private readonly ctx: PlanContext,
    private readonly pages: readonly string[],
    private readonly shouldStop: StopCheck,
  ) {
    this.wanted = new Set(pages);
    this.cycleStart = ctx.clock.now().getTime();
  }

  /** One result page of candidate rows; false once the budget stopped planning. */
  addRows(rows: readonly Row[], firstIndex: number): boolean {
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i] as Row;
      // Only the grouping key is checked here (cheaply: ~150 000 rows at 500 pages); the engine
      // validates every candidate field of the rows it plans.
      const page = row.page_name;
      if (typeof page !== 'string' || page === '') {
        throw new Error(`caption_candidates row ${firstIndex + i}: page_name: expected a non-empty string, got ${JSON.stringify(page)}`);
      }
      if (page !== this.current && !this.startPage(page)) return false;
      this.currentRows.push(row);
    }
    return true;
  }

  /** After the last row: pages without a single candidate row are planned too (the engine reports the shortfall). */
  finish(): void {
    if (this.stopped) return;
    this.closeCurrent();
    for (const page of this.pages) {
      if (this.done.has(page)) continue;
      this.done.add(page);
      this.batch.set(page, []);
      if (!this.room()) return;
    }
    if (this.batch.size > 0 && !this.budgetStop(this.batch.size)) this.flush();
  }

  /** Pages reached so far, planned or settled. */
  reached(): Set<string> {
    return new Set([...this.out.planned.map((p) => p.plan.pageName), ...this.out.settled.map((r) => r.page)]);
  }

  private startPage(page: string): boolean {
    this.closeCurrent();
    if (this.done.has(page)) throw new Error(`caption_candidates: rows of page "${page}" are not contiguous (the query must order by page_name)`);
    this.done.add(page);
    if (!this.room()) return false;
    this.current = page;
    return true;
  }

  /** A full batch is planned before another page joins it; false when the budget says stop. */
  private room(): boolean {
    if (this.batch.size < this.ctx.batchSize) return true;
    if (this.budgetStop(this.batch.size)) {
      this.stopped = true;
      return false;
    }
    this.flush();
    return true;
  }

  private closeCurrent(): void {
    if (this.current !== null && this.wanted.has(this.current)) this.batch.set(this.current, this.currentRows);
    this.current = null;
    this.currentRows = [];
  }

  private budgetStop(nextBatch: number): boolean {
    return this.batches > 0 && this.shouldStop({ planned: this.out.planned.length, nextBatch, slowestBatchMs: this.out.slowestBatchMs });
  }

  private flush(): void {
    const contention = contentionOf(this.batch);
    for (const [page, rows] of this.batch) {
      const r = planOne(this.ctx, page, rows, this.runLocks, contention);
      if ('plan' in r) this.out.planned.push(r);
      else this.out.settled.push(r);
    }
    this.batch = new Map();
    const now = this.ctx.clock.now().getTime();
    this.out.slowestBatchMs = Math.max(this.out.slowestBatchMs, now - this.cycleStart, 1);
    this.cycleStart = now;
    this.batches += 1;
  }
}

/**
 * Plans `pages` (each with an analysis row) from one candidates job read page by page. Pages are
 * planned in the order their rows arrive; pages without a single candidate row are planned last.
 */
export function planAll(ctx: PlanContext, pages: readonly string[], shouldStop: StopCheck): PlanOutcome {
  const planner = new BatchPlanner(ctx, pages, shouldStop);
  try {
    const params = captionCandidatesParams(pages, ctx.weekStart, ctx.weekEnd, ctx.cooldownDays, ctx.candidatesPerPage);
    let rowIndex = 0;
    ctx.warehouse.queryPages(ctx.queries.captionCandidates, params, { label: 'caption_candidates', pageRows: ctx.pageRows }, (rows) => {
      const more = planner.addRows(rows, rowIndex);
      rowIndex += rows.length;
      return more;
    });
    planner.finish();
  } catch (e) {
    // The read failed (or its rows were malformed): pages not planned yet fail with the job.
    const reached = planner.reached();
    const at = ctx.clock.now();
    for (const page of pages) if (!reached.has(page)) planner.out.settled.push(jobFailedResult(page, 'caption candidates job failed', e, at));
    return planner.out;
  }
  const reached = planner.reached();
  planner.out.deferred = pages.filter((p) => !reached.has(p));
  if (planner.out.deferred.length > 0) ctx.logger.info(`planning stopped before the time limit: ${planner.out.deferred.length} page(s) left for the next execution`);
  return planner.out;
}
