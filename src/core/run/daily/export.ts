// Filling the tabs: ONE paged read of the export view for the pending pages; each page's tab is
// written as soon as its rows are complete (rows arrive ordered by schedule). A read that passes
// the time budget before every tab is filled leaves the rest pending for the next execution.
import { checkRows, scheduleExportParams } from '../jobs';
import { errorText, jobFailedResult, pageResult, withNote } from '../results';
import type { PageResult } from '../summary';
import { ExportRowSchema, scheduleTable, type ExportRow } from '../tabs';
import { factsOf, type PendingTab, type WriteContext } from './write';

export interface ExportOutcome {
  settled: PageResult[];
  leftover: PendingTab[];
  /** Measured time per tab (ms), or null when no tab was written. */
  tabMs: number | null;
  /** BigQuery was down: the tabs not filled wait for a later execution. */
  outage: boolean;
}

/** Writes tabs as their rows complete; `overBudget` is asked before every tab after the first. */
class TabExporter {
  readonly settled = new Map<string, PageResult>();
  readonly seen = new Set<string>();
  stopped = false;
  private readonly byId: Map<string, PendingTab>;
  private current: string | null = null;
  private rows: ExportRow[] = [];
  private tabTime = 0;
  private tabs = 0;

  constructor(
    private readonly ctx: WriteContext,
    pending: readonly PendingTab[],
    private readonly overBudget: () => boolean,
  ) {
    this.byId = new Map(pending.map((p) => [p.scheduleId, p]));
  }

  get tabMs(): number | null {
    return this.tabs > 0 ? Math.round(this.tabTime / this.tabs) : null;
  }

  /** One result page of export rows; false once the budget stopped the tabs. */
  addRows(rows: readonly ExportRow[]): boolean {
    for (const row of rows) {
      if (row.schedule_id !== this.current) {
        if (!this.closeCurrent()) return false;
        if (this.seen.has(row.schedule_id)) throw new Error(`schedule_export: rows of schedule ${row.schedule_id} are not contiguous`);
        this.seen.add(row.schedule_id);
        this.current = row.schedule_id;
        this.rows = [];
      }
      this.rows.push(row);
    }
    return true;
  }

  /** Ends the last schedule's tab; false when the budget stopped it. */
  closeCurrent(): boolean {
    if (this.current === null || this.finishTab(this.current, this.rows)) return true;
    this.stopped = true;
    return false;
  }

  /** Writes one page's tab; false (nothing written) when the budget says stop. */
  finishTab(id: string, tabRows: ExportRow[]): boolean {
    const p = this.byId.get(id);
    if (!p || this.settled.has(p.page)) return true;
    // At least one tab per execution, so a run always moves forward.
    if (this.settled.size > 0 && this.overBudget()) return false;
    const settle = (status: PageResult['status'], reason: string) =>
      this.settled.set(p.page, pageResult(p.page, status, reason, this.ctx.clock.now(), { ...factsOf(p), durationMs: Math.max(0, this.ctx.clock.now().getTime() - p.startedMs) }));
    if (tabRows.length !== p.messageCount) {
      settle('FAILED', `export view returned ${tabRows.length} rows for ${p.messageCount} slots`);
      return true;
    }
    const t0 = this.ctx.clock.now().getTime();
    try {
      this.ctx.workbook.writeScheduleTab(p.page, scheduleTable(tabRows));
      this.tabTime += this.ctx.clock.now().getTime() - t0;
      this.tabs += 1;
      settle('GENERATED', withNote(`${tabRows.length} messages exported`, p.note));
    } catch (e) {
      settle('FAILED', `schedule written, but its tab could not be written: ${errorText(e)}`);
    }
    return true;
  }
}

export function exportTabs(ctx: WriteContext, pending: readonly PendingTab[], overBudget: () => boolean): ExportOutcome {
  const failuresBefore = ctx.warehouse.breaker.failures;
  let outage = false;
  const exporter = new TabExporter(ctx, pending, overBudget);
  try {
    ctx.warehouse.queryPages(ctx.queries.scheduleExport, scheduleExportParams(pending.map((p) => p.scheduleId)), { label: 'schedule_export', pageRows: ctx.pageRows }, (page) =>
      exporter.addRows(checkRows('schedule_export', page, ExportRowSchema)),
    );
    if (!exporter.stopped && exporter.closeCurrent()) {
      // Written schedules the view did not return at all.
      for (const p of pending) if (!exporter.settled.has(p.page) && !exporter.seen.has(p.scheduleId) && !exporter.finishTab(p.scheduleId, [])) break;
    }
  } catch (e) {
    // BigQuery down: the tabs not filled stay pending for a later execution (their rows are written).
    outage = ctx.warehouse.outageSince(failuresBefore);
    const at = ctx.clock.now();
    for (const p of outage ? [] : pending) {
      if (!exporter.settled.has(p.page)) {
        exporter.settled.set(p.page, jobFailedResult(p.page, 'schedule written, but reading it back for the tab failed', e, at, { ...factsOf(p), durationMs: Math.max(0, at.getTime() - p.startedMs) }));
      }
    }
  }
  const leftover = pending.filter((p) => !exporter.settled.has(p.page));
  if (leftover.length > 0) ctx.logger.info(`${outage ? 'BigQuery down' : 'time limit near'}: ${leftover.length} tab(s) left for the next execution`);
  const settled = pending.filter((p) => exporter.settled.has(p.page)).map((p) => exporter.settled.get(p.page) as PageResult);
  return { settled, leftover, tabMs: exporter.tabMs, outage };
}
