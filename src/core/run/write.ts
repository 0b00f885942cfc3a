// Writing an execution's plans: ONE load job stages every schedule with its messages
// (newline-delimited JSON into schedule_staging), ONE write job merges them (write_schedules.sql:
// schedules, messages and locks in one transaction, idempotent on schedule_id), then ONE paged
// read of the export view fills the tabs page by page. A write that passes the time budget before
// every tab is filled leaves the rest as pending tabs in the checkpoint for the next execution.
import type { Clock, Logger } from '../ports';
import type { Row, Workbook } from './ports';
import { errorText, jobFailedResult, pageResult, planFacts, withNote, type PlannedPage } from './batch';
import { checkRows, scheduleExportParams, STAGING_TABLE, stagedScheduleRows, writeSchedulesParams, type RunQueries } from './jobs';
import type { ResilientWarehouse } from './retry';
import type { PageResult } from './summary';
import { ExportRowSchema, scheduleTable, type ExportRow } from './tabs';

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

const factsOf = (p: PendingTab): Partial<PageResult> => ({
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

/**
 * One paged read of the export view for the pending pages; each page's tab is written as soon as
 * its rows are complete (rows arrive ordered by page). `overBudget` is asked before every tab
 * after the first: true stops, and the pages not done yet are returned for the next execution.
 */
export function exportTabs(
  ctx: WriteContext,
  pending: readonly PendingTab[],
  overBudget: () => boolean,
): { settled: PageResult[]; leftover: PendingTab[]; tabMs: number | null; outage: boolean } {
  const failuresBefore = ctx.warehouse.breaker.failures;
  let outage = false;
  const byId = new Map(pending.map((p) => [p.scheduleId, p]));
  let tabTime = 0;
  let tabs = 0;
  const settled = new Map<string, PageResult>();
  const durationMs = (p: PendingTab) => Math.max(0, ctx.clock.now().getTime() - p.startedMs);
  let current: string | null = null;
  let rows: ExportRow[] = [];
  let stopped = false;

  const finishTab = (id: string, tabRows: ExportRow[]): boolean => {
    const p = byId.get(id);
    if (!p || settled.has(p.page)) return true;
    // At least one tab per execution, so a run always moves forward.
    if (settled.size > 0 && overBudget()) return false;
    const at = () => ctx.clock.now();
    if (tabRows.length !== p.messageCount) {
      settled.set(p.page, pageResult(p.page, 'FAILED', `export view returned ${tabRows.length} rows for ${p.messageCount} slots`, at(), { ...factsOf(p), durationMs: durationMs(p) }));
      return true;
    }
    const t0 = ctx.clock.now().getTime();
    try {
      ctx.workbook.writeScheduleTab(p.page, scheduleTable(tabRows));
      tabTime += ctx.clock.now().getTime() - t0;
      tabs += 1;
      settled.set(p.page, pageResult(p.page, 'GENERATED', withNote(`${tabRows.length} messages exported`, p.note), at(), { ...factsOf(p), durationMs: durationMs(p) }));
    } catch (e) {
      settled.set(p.page, pageResult(p.page, 'FAILED', `schedule written, but its tab could not be written: ${errorText(e)}`, at(), { ...factsOf(p), durationMs: durationMs(p) }));
    }
    return true;
  };

  try {
    const seen = new Set<string>();
    ctx.warehouse.queryPages(ctx.queries.scheduleExport, scheduleExportParams(pending.map((p) => p.scheduleId)), { label: 'schedule_export', pageRows: ctx.pageRows }, (page) => {
      for (const row of checkRows('schedule_export', page, ExportRowSchema)) {
        if (row.schedule_id !== current) {
          if (current !== null && !finishTab(current, rows)) {
            stopped = true;
            return false;
          }
          if (seen.has(row.schedule_id)) throw new Error(`schedule_export: rows of schedule ${row.schedule_id} are not contiguous`);
          seen.add(row.schedule_id);
          current = row.schedule_id;
          rows = [];
        }
        rows.push(row);
      }
      return true;
    });
    if (!stopped && current !== null && !finishTab(current, rows)) stopped = true;
    if (!stopped) {
      // Written schedules the view did not return at all.
      for (const p of pending) if (!settled.has(p.page) && !seen.has(p.scheduleId) && !finishTab(p.scheduleId, [])) break;
    }
  } catch (e) {
    // BigQuery down: the tabs not filled stay pending for a later execution (their rows are written).
    outage = ctx.warehouse.outageSince(failuresBefore);
    const at = ctx.clock.now();
    for (const p of outage ? [] : pending) {
      if (!settled.has(p.page)) settled.set(p.page, jobFailedResult(p.page, 'schedule written, but reading it back for the tab failed', e, at, { ...factsOf(p), durationMs: durationMs(p) }));
    }
  }
  const leftover = pending.filter((p) => !settled.has(p.page));
  if (leftover.length > 0) ctx.logger.info(`${outage ? 'BigQuery down' : 'time limit near'}: ${leftover.length} tab(s) left for the next execution`);
  const results = pending.filter((p) => settled.has(p.page)).map((p) => settled.get(p.page) as PageResult);
  return { settled: results, leftover, tabMs: tabs > 0 ? Math.round(tabTime / tabs) : null, outage };
}
