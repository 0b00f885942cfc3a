// Planning: ONE caption_candidates job for every page of the execution, read page by page
// (getQueryResults pages of `pageRows` rows). The rows arrive ordered by page_name, so one page's
// candidates are contiguous: pages are gathered into batches of `batchSize` and each batch is
// planned in-script, then its candidates are dropped. At most one batch of candidates (plus the
// result page being read) is held at once; the plans are kept (small) for the one write.
// A page's failure never stops the others.
import type { Clock, Logger } from '../ports';
import type { PageOverrides } from '../overrides';
import type { Row } from './ports';
import type { PagePlanLike, PlanHoliday, PlanPageFn, ScheduleIdFn } from './plan-contract';
import { captionCandidatesParams, type RunQueries } from './jobs';
import { pageRandom } from './random';
import { CircuitOpenError, type ResilientWarehouse } from './retry';
import type { PageResult, PageStatus } from './summary';

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
  passCooldownToEngine: boolean;
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

export const MAX_REASON = 300;
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, MAX_REASON);

/** The facts of a plan every PageResult of its page carries. */
export function planFacts(plan: PagePlanLike): Partial<PageResult> {
  return {
    scheduleId: plan.schedule.scheduleId,
    light: plan.gate.light,
    sizeTier: plan.analysis.account_classification?.size_tier,
    riskLevel: plan.analysis.saturation?.risk_level,
    captionTarget: plan.captionTarget,
    messageCount: plan.schedule.slots.length,
  };
}

export function pageResult(page: string, status: PageStatus, reason: string, at: Date, extra: Partial<PageResult> = {}): PageResult {
  return { page, status, reason: reason.slice(0, MAX_REASON), scheduleId: null, ...extra, at: at.toISOString() };
}

/** A failed job settles its pages FAILED, or NOT_ATTEMPTED when the breaker refused it. */
export function jobFailedResult(page: string, what: string, e: unknown, at: Date, extra: Partial<PageResult> = {}): PageResult {
  const refused = e instanceof CircuitOpenError;
  return pageResult(page, refused ? 'NOT_ATTEMPTED' : 'FAILED', refused ? errorText(e) : `${what}: ${errorText(e)}`, at, extra);
}

const DAY_MS = 86_400_000;
/** A lock holds its caption from send to send + 7 days (write_schedules.sql: lock_window_end). */
const LOCK_MS = 7 * DAY_MS;

/** A caption a page planned earlier in this run holds (LockSchema's shape). */
// A type alias (not an interface) so it stays assignable to Row.
type RunLock = { captionId: number; pageName: string; windowStart: Date; windowEnd: Date };

/**
 * Captions the run's planned pages hold, by caption id. The pool only knows locks already
 * written, so pages of one run would otherwise share a candidate list and double-assign.
 */
export class RunLocks {
  private readonly byCaption = new Map<number, RunLock[]>();

  /** The slots' captions, held like the write job's locks: [send - 7 d, send + 7 d) covers every
   * send of another page less than 7 days away. */
  add(plan: PagePlanLike): void {
    for (const s of plan.schedule.slots) {
      if (s.captionId === null) continue;
      const t = s.sendTime.getTime();
      const lock = { captionId: s.captionId, pageName: plan.pageName, windowStart: new Date(t - LOCK_MS), windowEnd: new Date(t + LOCK_MS) };
      const list = this.byCaption.get(s.captionId);
      if (list) list.push(lock);
      else this.byCaption.set(s.captionId, [lock]);
    }
  }

  /** Locks on the captions of these candidate rows (a map look-up each: fast at 500 pages). */
  forCandidates(rows: readonly Row[]): RunLock[] {
    if (this.byCaption.size === 0) return [];
    const out: RunLock[] = [];
    const seen = new Set<number>();
    for (const r of rows) {
      const id = Number(r.caption_id);
      if (seen.has(id)) continue;
      seen.add(id);
      const list = this.byCaption.get(id);
      if (list) out.push(...list);
    }
    return out;
  }
}

/** The page's data problems: the analysis's data_issues and rows the engine dropped. */
function dataNote(analysisRow: Row, plan: PagePlanLike | null): string {
  // Most telling first, since a long note is cut: the page's settings, then its history.
  const issues = dataIssues(analysisRow).filter((x) => !isSharedIssue(x)).sort((a, b) => noteRank(a) - noteRank(b));
  return [...(plan?.notes ?? []), ...issues].join('; ');
}

const NOTE_ORDER = ['page_restrictions', 'creators', 'caption_bandit_stats', 'mass_messages'];

function noteRank(issue: string): number {
  const i = NOTE_ORDER.findIndex((table) => issue.startsWith(table));
  return i < 0 ? NOTE_ORDER.length : i;
}

const dataIssues = (analysisRow: Row): string[] => (Array.isArray(analysisRow.data_issues) ? analysisRow.data_issues.map(String) : []);

/** Problems every page shares (the caption bank, rows without a page): said once for the run, not on each page. */
const isSharedIssue = (issue: string): boolean => issue.startsWith('caption_bank') || issue.includes('(any page)');

/** The run's note on shared data problems, or null when there are none. */
export function sharedDataNote(analysisRows: Iterable<Row>): string | null {
  const shared = new Set<string>();
  for (const row of analysisRows) for (const x of dataIssues(row)) if (isSharedIssue(x)) shared.add(x);
  return shared.size > 0 ? `Data (every page): ${[...shared].sort().join('; ')}; those rows are left out.` : null;
}

/** A reason with the data note after it; the reason keeps at least 100 characters. */
export function withNote(reason: string, note: string | undefined): string {
  if (!note) return reason;
  const head = reason.slice(0, Math.max(100, MAX_REASON - 9 - note.length));
  const room = MAX_REASON - 9 - head.length;
  const n = note.length > room ? `${note.slice(0, room - 1)}…` : note;
  return `${head} | data: ${n}`;
}

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
        ...(ctx.passCooldownToEngine ? { cooldownDays: ctx.cooldownDays } : {}),
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

/**
 * Plans `pages` (each with an analysis row) from one candidates job read page by page. Pages are
 * planned in the order their rows arrive; pages without a single candidate row are planned last.
 */
export function planAll(ctx: PlanContext, pages: readonly string[], shouldStop: StopCheck): PlanOutcome {
  const out: PlanOutcome = { planned: [], settled: [], deferred: [], slowestBatchMs: 0 };
  const wanted = new Set(pages);
  const done = new Set<string>();
  let batch = new Map<string, Row[]>();
  let current: string | null = null;
  let currentRows: Row[] = [];
  let cycleStart = ctx.clock.now().getTime();
  let batches = 0;
  let stopped = false;
  const runLocks = new RunLocks();

  const flush = (): void => {
    // How many pages of the batch want each caption (a batch is the same on resume: whole batches).
    const contention = new Map<number, number>();
    for (const rows of batch.values()) {
      for (const id of new Set(rows.map((row) => Number(row.caption_id)))) contention.set(id, (contention.get(id) ?? 0) + 1);
    }
    for (const [page, rows] of batch) {
      const r = planOne(ctx, page, rows, runLocks, contention);
      if ('plan' in r) out.planned.push(r);
      else out.settled.push(r);
    }
    batch = new Map();
    const now = ctx.clock.now().getTime();
    out.slowestBatchMs = Math.max(out.slowestBatchMs, now - cycleStart, 1);
    cycleStart = now;
    batches += 1;
  };
  /** True when the budget says stop before the next batch. */
  const budgetStop = (nextBatch: number): boolean =>
    batches > 0 && shouldStop({ planned: out.planned.length, nextBatch, slowestBatchMs: out.slowestBatchMs });
  const closeCurrent = (): void => {
    if (current !== null && wanted.has(current)) batch.set(current, currentRows);
    current = null;
    currentRows = [];
  };

  try {
    const params = captionCandidatesParams(pages, ctx.weekStart, ctx.weekEnd, ctx.cooldownDays, ctx.candidatesPerPage);
    let rowIndex = 0;
    ctx.warehouse.queryPages(ctx.queries.captionCandidates, params, { label: 'caption_candidates', pageRows: ctx.pageRows }, (rows) => {
      for (let i = 0; i < rows.length; i += 1) {
        const row = rows[i] as Row;
        // Only the grouping key is checked here (cheaply: ~150 000 rows at 500 pages); the engine
        // validates every candidate field of the rows it plans.
        const page = row.page_name;
        if (typeof page !== 'string' || page === '') {
          throw new Error(`caption_candidates row ${rowIndex + i}: page_name: expected a non-empty string, got ${JSON.stringify(page)}`);
        }
        if (page !== current) {
          closeCurrent();
          if (done.has(page)) throw new Error(`caption_candidates: rows of page "${page}" are not contiguous (the query must order by page_name)`);
          done.add(page);
          if (batch.size >= ctx.batchSize) {
            if (budgetStop(batch.size)) {
              stopped = true;
              return false;
            }
            flush();
          }
          current = page;
        }
        currentRows.push(row);
      }
      rowIndex += rows.length;
      return true;
    });
    if (!stopped) {
      closeCurrent();
      // Pages without a single candidate row are planned too (the engine reports the shortfall).
      for (const page of pages) {
        if (done.has(page)) continue;
        done.add(page);
        batch.set(page, []);
        if (batch.size >= ctx.batchSize) {
          if (budgetStop(batch.size)) {
            stopped = true;
            break;
          }
          flush();
        }
      }
      if (!stopped && batch.size > 0 && !budgetStop(batch.size)) flush();
    }
  } catch (e) {
    // The read failed (or its rows were malformed): pages not planned yet fail with the job.
    const reached = new Set([...out.planned.map((p) => p.plan.pageName), ...out.settled.map((r) => r.page)]);
    const at = ctx.clock.now();
    for (const page of pages) if (!reached.has(page)) out.settled.push(jobFailedResult(page, 'caption candidates job failed', e, at));
    return out;
  }
  const reached = new Set([...out.planned.map((p) => p.plan.pageName), ...out.settled.map((r) => r.page)]);
  out.deferred = pages.filter((p) => !reached.has(p));
  if (out.deferred.length > 0) ctx.logger.info(`planning stopped before the time limit: ${out.deferred.length} page(s) left for the next execution`);
  return out;
}
