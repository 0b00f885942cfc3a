// Writing an execution's plans: ONE load job stages every schedule with its messages
// (newline-delimited JSON into schedule_staging), ONE write job merges them (write_schedules.sql:
// schedules, messages and locks in one transaction, idempotent on schedule_id). The tabs are
// filled afterwards from the export view (export.ts).
import type { Clock, Logger } from '../../ports';
import type { Row, Workbook } from '../ports';
import { STAGING_TABLE, stagedScheduleRows, writeSchedulesParams, type RunQueries } from '../jobs';
import type { ResilientWarehouse } from '../retry';
import { jobFailedResult, planFacts } from '../results';
import type { PageResult } from '../summary';
import type { PlannedPage } from './plan';

/** A page whose schedule is written and whose tab is still to fill (kept in the checkpoint). */
export interface PendingTab {
  page: string;
  scheduleId: string;
  messageCount: number;
  light?: PageResult['light'];
  sizeTier?: string;
  riskLevel?: string;
  captionTarget?: number;
  /** Clock time (ms) the page's planning started. */
  startedMs: number;
  /** Data problems met while planning, added to the page's reason. */
  note?: string;
}

export interface WriteContext {
  warehouse: ResilientWarehouse;
  workbook: Workbook;
  clock: Clock;
  logger: Logger;
  queries: RunQueries;
  runId: string;
  analysisByPage: ReadonlyMap<string, Row>;
  pageRows: number;
}

/** The facts of a pending page every result of it carries. */
export const factsOf = (p: PendingTab): Partial<PageResult> => ({
  scheduleId: p.scheduleId, light: p.light, sizeTier: p.sizeTier, riskLevel: p.riskLevel, captionTarget: p.captionTarget, messageCount: p.messageCount,
});

/**
 * Load + write for every plan of the execution. Returns the pages now awaiting their tab, or the
 * pages' FAILED results when a job failed (nothing of theirs is half written: one transaction).
 */
export function writePlans(ctx: WriteContext, planned: readonly PlannedPage[], loadId: string): { pending: PendingTab[]; failed: PageResult[] } {
  const plans = planned.map((p) => p.plan);
  const pending: PendingTab[] = planned.map(({ plan, startedMs, note }) => {
    const f = planFacts(plan);
    return {
      page: plan.pageName, scheduleId: plan.schedule.scheduleId, messageCount: plan.schedule.slots.length,
      light: f.light, sizeTier: f.sizeTier, riskLevel: f.riskLevel, captionTarget: f.captionTarget, startedMs,
      ...(note ? { note } : {}),
    };
  });
  const fail = (what: string, e: unknown) => {
    const at = ctx.clock.now();
    return { pending: [], failed: pending.map((p) => jobFailedResult(p.page, what, e, at, factsOf(p))) };
  };
  const generatedAt = ctx.clock.now();
  const stagedOn = generatedAt.toISOString().slice(0, 10);
  try {
    ctx.warehouse.load(STAGING_TABLE, stagedScheduleRows(loadId, stagedOn, ctx.runId, plans, ctx.analysisByPage), { label: 'stage_schedules' });
  } catch (e) {
    return fail('staging load job failed', e);
  }
  try {
    ctx.warehouse.query(ctx.queries.writeSchedules, writeSchedulesParams(ctx.runId, generatedAt, loadId, stagedOn), { label: 'write_schedules' });
  } catch (e) {
    return fail('write_schedules job failed', e);
  }
  return { pending, failed: [] };
}
