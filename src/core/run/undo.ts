// "Undo last generation for this page": the schedule shown on the page's tab is taken back in one
// job (its rows and locks deactivated; the schedule it replaced, if any, reactivated where its
// captions are still free), then the tab shows what is active again. Under the spreadsheet's lock
// so it never races a run's write. The procedure owns the run's automation_run_log row (run_kind
// UNDO); a failed CALL's row: run-log.ts.
import type { RunPorts } from './ports';
import { CALL_UNDO_GENERATION, checkRows, scheduleExportParams } from './jobs';
import { laDate } from '../la-time';
import { param } from './params';
import { errorText } from './results';
import { CircuitBreaker, ResilientWarehouse } from './retry';
import { runIdFor } from './run-id';
import { logFailedCall } from './run-log';
import { lockedSummary, type RunSummary } from './summary';
import { ExportRowSchema, runsTable, scheduleTable } from './tabs';
import * as z from 'zod';

export interface UndoDeps extends RunPorts {
  queries: { scheduleExport: string; logExports: string };
}

export interface UndoResult {
  page: string;
  undone: string | null;
  reactivated: string | null;
  locksReleased: number;
  locksReactivated: number;
  /** Slots of the reactivated schedule left out: another page holds their caption now. */
  captionsTaken: number;
  message: string;
}

const UndoRowSchema = z.object({
  undone_schedule_id: z.string().nullable(),
  reactivated_schedule_id: z.string().nullable(),
  locks_released: z.number().int().nonnegative(),
  locks_reactivated: z.number().int().nonnegative(),
  captions_taken: z.number().int().nonnegative(),
});
type UndoRow = z.infer<typeof UndoRowSchema>;
const NOTHING = { undone: null, reactivated: null, locksReleased: 0, locksReactivated: 0, captionsTaken: 0 } as const;

function describe(pageName: string, scheduleId: string, row: UndoRow): string {
  const restored = row.reactivated_schedule_id;
  const base = `${pageName}: schedule ${scheduleId} undone (${row.locks_released} caption locks released)`;
  if (!restored) return `${base}; no earlier schedule for that week, the tab is now empty.`;
  const taken = row.captions_taken > 0
    ? ` ${row.captions_taken} of its messages are left out: other pages hold their captions now; generate the page again to fill them.`
    : '';
  return `${base}; the previous schedule ${restored} is active again (${row.locks_reactivated} locks restored).${taken}`;
}

/** The UNDO row of a job that failed, and the Runs tab's row; failures to write are noted. */
function record(deps: UndoDeps, warehouse: ResilientWarehouse, run: RunSummary, failure: string | null): void {
  if (failure !== null) {
    const note = logFailedCall(warehouse, deps.queries, { runId: run.runId, kind: 'UNDO', startedAt: run.startedAt, finishedAt: run.finishedAt ?? run.startedAt, error: failure, pagesTotal: 1 });
    if (note) run.message += ` ${note}`;
  }
  try {
    deps.workbook.appendRuns(runsTable({ ...run, jobs: warehouse.jobs.length, bytesProcessed: warehouse.jobs.reduce((n, j) => n + j.bytesProcessed, 0) }));
  } catch (e) {
    run.message += ` Runs tab not written: ${errorText(e)}`;
  }
}

/** The undo job and the restored tab; throws what the warehouse throws. */
function undo(deps: UndoDeps, warehouse: ResilientWarehouse, pageName: string, scheduleId: string, run: RunSummary): UndoResult {
  const params = [param.string('undo_page', pageName), param.string('undo_schedule', scheduleId), param.timestamp('undone_at', run.startedAt), param.string('run_id', run.runId)];
  const [row] = checkRows('undo_generation', warehouse.query(CALL_UNDO_GENERATION, params, { label: 'undo_generation' }).rows, UndoRowSchema);
  if (!row || row.undone_schedule_id === null) return { page: pageName, ...NOTHING, message: `${pageName}: schedule ${scheduleId} is no longer active; nothing was changed.` };
  const restored = row.reactivated_schedule_id;
  const exported = restored
    ? checkRows('schedule_export', warehouse.query(deps.queries.scheduleExport, scheduleExportParams([restored]), { label: 'schedule_export' }).rows, ExportRowSchema)
    : [];
  deps.workbook.writeScheduleTab(pageName, scheduleTable(exported));
  return {
    page: pageName, undone: scheduleId, reactivated: restored, locksReleased: row.locks_released,
    locksReactivated: row.locks_reactivated, captionsTaken: row.captions_taken, message: describe(pageName, scheduleId, row),
  };
}

export function undoLastGeneration(deps: UndoDeps, pageName: string, lockWaitMs = 30_000): UndoResult {
  const nothing = (message: string): UndoResult => ({ page: pageName, ...NOTHING, message });
  if (!pageName) return nothing("This tab is not a page's schedule: open a page's schedule tab first.");
  if (!deps.lock.tryAcquire(lockWaitMs)) return nothing('A run is in progress; try again when it has finished.');
  try {
    const scheduleId = deps.workbook.scheduleIdOnTab(pageName);
    if (!scheduleId) return nothing(`${pageName}: its tab shows no generated schedule, so there is nothing to undo.`);
    const warehouse = new ResilientWarehouse(deps.warehouse, deps.sleeper, new CircuitBreaker(), deps.logger);
    const startedAt = deps.clock.now();
    const run: RunSummary = { ...lockedSummary('UNDO', startedAt), runId: runIdFor('UNDO', startedAt), runDate: laDate(startedAt), finished: true, executions: 1 };
    let result: UndoResult;
    let failure: string | null = null;
    try {
      result = undo(deps, warehouse, pageName, scheduleId, run);
    } catch (e) {
      failure = errorText(e);
      result = nothing(`${pageName}: undo failed: ${failure}`);
    }
    Object.assign(run, { finishedAt: deps.clock.now(), status: failure === null ? 'SUCCEEDED' : 'FAILED', message: result.message, perPage: [] });
    record(deps, warehouse, run, failure);
    deps.logger.info(run.message);
    return { ...result, message: run.message };
  } finally {
    deps.lock.release();
  }
}
