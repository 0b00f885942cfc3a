// One batch of pages: candidates (one job), planning in-script page by page, one write job, one
// export-view read, then one tab per page. A page's failure never stops the others.
import type { Clock, Logger } from '../ports';
import type { PageOverrides } from '../overrides';
import type { Row, Warehouse, Workbook } from './ports';
import type { PagePlanLike, PlanHoliday, PlanPageFn, ScheduleIdFn } from './plan-contract';
import { captionCandidatesParams, checkRows, CandidateRowSchema, scheduleExportParams, writeSchedulesParams, type RunQueries } from './jobs';
import { pageRandom } from './random';
import { CircuitOpenError } from './retry';
import type { PageResult, PageStatus } from './summary';
import { ExportRowSchema, scheduleTable, type ExportRow } from './tabs';

export interface BatchContext {
  warehouse: Warehouse;
  workbook: Workbook;
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
}

const MAX_REASON = 300;
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, MAX_REASON);

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export function runBatch(ctx: BatchContext, pages: readonly string[]): PageResult[] {
  const at = () => ctx.clock.now().toISOString();
  const results = new Map<string, PageResult>();
  const settle = (page: string, status: PageStatus, reason: string, extra: Partial<PageResult> = {}) => {
    results.set(page, { page, status, reason: reason.slice(0, MAX_REASON), scheduleId: null, ...extra, at: at() });
  };
  const jobFailed = (list: readonly string[], what: string, e: unknown, extra: (p: string) => Partial<PageResult> = () => ({})) => {
    const notAttempted = e instanceof CircuitOpenError;
    for (const p of list) settle(p, notAttempted ? 'NOT_ATTEMPTED' : 'FAILED', notAttempted ? errorText(e) : `${what}: ${errorText(e)}`, extra(p));
  };

  let candidates: Map<string, Row[]>;
  try {
    const params = captionCandidatesParams(pages, ctx.weekStart, ctx.weekEnd, ctx.cooldownDays, ctx.candidatesPerPage);
    const { rows } = ctx.warehouse.query(ctx.queries.captionCandidates, params, { label: 'caption_candidates' });
    candidates = groupBy(checkRows('caption_candidates', rows, CandidateRowSchema), (r) => r.page_name);
  } catch (e) {
    jobFailed(pages, 'caption candidates job failed', e);
    return pages.map((p) => results.get(p) as PageResult);
  }

  const toWrite: PagePlanLike[] = [];
  const started = new Map<string, number>();
  for (const page of pages) {
    started.set(page, ctx.clock.now().getTime());
    const scheduleId = ctx.scheduleIdFor(page, ctx.weekStart, ctx.runId);
    const analysisRow = ctx.analysisByPage.get(page);
    if (!analysisRow) {
      settle(page, 'FAILED', 'no analysis row: the page is unknown or inactive', { scheduleId });
      continue;
    }
    try {
      const plan = ctx.planPage(
        {
          analysisRow,
          candidates: candidates.get(page) ?? [],
          locks: [], // caption_candidates already excludes captions other pages hold
          overrides: ctx.overrides[page],
          holidays: ctx.holidays,
          weekStart: ctx.weekStart,
          scheduleId,
          ...(ctx.passCooldownToEngine ? { cooldownDays: ctx.cooldownDays } : {}),
        },
        { random: pageRandom(ctx.seed, ctx.runId, page), clock: ctx.clock },
      );
      const facts: Partial<PageResult> = {
        scheduleId,
        light: plan.gate.light,
        sizeTier: plan.analysis.account_classification?.size_tier,
        riskLevel: plan.analysis.saturation?.risk_level,
        captionTarget: plan.captionTarget,
        messageCount: plan.schedule.slots.length,
      };
      if (plan.schedule.scheduleId !== scheduleId) settle(page, 'FAILED', `engine returned schedule id ${plan.schedule.scheduleId}, expected ${scheduleId}`, facts);
      else if (!plan.validation.valid) {
        const problems = plan.validation.problems.slice(0, 3).map((p) => `${p.rule}: ${p.message}`).join('; ');
        settle(page, 'INVALID', `schedule failed validation (${plan.validation.problems.length} problems): ${problems}`, facts);
      } else if (!plan.gate.export) settle(page, 'SKIPPED', `${plan.gate.light}: ${plan.gate.reason}`, facts);
      else toWrite.push(plan);
    } catch (e) {
      settle(page, 'FAILED', `planning failed: ${errorText(e)}`, { scheduleId });
    }
  }
  if (toWrite.length > 0) writeAndExport(ctx, toWrite, started, settle, jobFailed);
  return pages.map((p) => results.get(p) as PageResult);
}

type Settle = (page: string, status: PageStatus, reason: string, extra?: Partial<PageResult>) => void;
type JobFailed = (list: readonly string[], what: string, e: unknown, extra?: (p: string) => Partial<PageResult>) => void;

function writeAndExport(ctx: BatchContext, plans: PagePlanLike[], started: Map<string, number>, settle: Settle, jobFailed: JobFailed): void {
  const facts = new Map(
    plans.map((p) => [
      p.pageName,
      {
        scheduleId: p.schedule.scheduleId,
        light: p.gate.light,
        sizeTier: p.analysis.account_classification?.size_tier,
        riskLevel: p.analysis.saturation?.risk_level,
        captionTarget: p.captionTarget,
        messageCount: p.schedule.slots.length,
      } as Partial<PageResult>,
    ]),
  );
  const pages = plans.map((p) => p.pageName);
  const factsOf = (p: string) => facts.get(p) ?? {};
  try {
    const params = writeSchedulesParams(ctx.runId, ctx.clock.now(), plans, ctx.analysisByPage);
    ctx.warehouse.query(ctx.queries.writeSchedules, params, { label: 'write_schedules' });
  } catch (e) {
    jobFailed(pages, 'write_schedules job failed', e, factsOf);
    return;
  }
  let exported: Map<string, ExportRow[]>;
  try {
    const ids = plans.map((p) => p.schedule.scheduleId);
    const { rows } = ctx.warehouse.query(ctx.queries.scheduleExport, scheduleExportParams(ids), { label: 'schedule_export' });
    exported = groupBy(checkRows('schedule_export', rows, ExportRowSchema), (r) => r.schedule_id);
  } catch (e) {
    jobFailed(pages, 'schedule written, but reading it back for the tab failed', e, factsOf);
    return;
  }
  for (const plan of plans) {
    const page = plan.pageName;
    const rows = exported.get(plan.schedule.scheduleId) ?? [];
    const durationMs = () => ctx.clock.now().getTime() - (started.get(page) ?? ctx.clock.now().getTime());
    if (rows.length !== plan.schedule.slots.length) {
      settle(page, 'FAILED', `export view returned ${rows.length} rows for ${plan.schedule.slots.length} slots`, { ...factsOf(page), durationMs: durationMs() });
      continue;
    }
    try {
      ctx.workbook.writeScheduleTab(page, scheduleTable(rows));
      settle(page, 'GENERATED', `${rows.length} messages exported`, { ...factsOf(page), durationMs: durationMs() });
    } catch (e) {
      settle(page, 'FAILED', `schedule written, but its tab could not be written: ${errorText(e)}`, { ...factsOf(page), durationMs: durationMs() });
    }
  }
}
