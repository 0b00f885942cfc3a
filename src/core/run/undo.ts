// "Undo last generation for this page": the schedule shown on the page's tab is taken back in one
// job (its rows and locks deactivated; the schedule it replaced, if any, reactivated), then the
// tab shows what is active again. Under the spreadsheet's lock so it never races a run's write.
import type { RunPorts } from './ports';
import { checkRows, scheduleExportParams } from './jobs';
import { param } from './params';
import { CircuitBreaker, ResilientWarehouse } from './retry';
import { ExportRowSchema, scheduleTable } from './tabs';
import * as z from 'zod';

export interface UndoDeps extends RunPorts {
  queries: { undoGeneration: string; scheduleExport: string };
}

export interface UndoResult {
  page: string;
  undone: string | null;
  reactivated: string | null;
  locksReleased: number;
  locksReactivated: number;
  message: string;
}

const UndoRowSchema = z.object({
  undone_schedule_id: z.string().nullable(),
  reactivated_schedule_id: z.string().nullable(),
  locks_released: z.number().int().nonnegative(),
  locks_reactivated: z.number().int().nonnegative(),
});

export function undoLastGeneration(deps: UndoDeps, pageName: string, lockWaitMs = 30_000): UndoResult {
  const nothing = (message: string): UndoResult => ({ page: pageName, undone: null, reactivated: null, locksReleased: 0, locksReactivated: 0, message });
  if (!pageName) return nothing("This tab is not a page's schedule: open a page's schedule tab first.");
  if (!deps.lock.tryAcquire(lockWaitMs)) return nothing('A run is in progress; try again when it has finished.');
  try {
    const scheduleId = deps.workbook.scheduleIdOnTab(pageName);
    if (!scheduleId) return nothing(`${pageName}: its tab shows no generated schedule, so there is nothing to undo.`);
    const warehouse = new ResilientWarehouse(deps.warehouse, deps.sleeper, new CircuitBreaker(), deps.logger);
    const params = [param.string('page_name', pageName), param.string('schedule_id', scheduleId), param.timestamp('undone_at', deps.clock.now())];
    const { rows } = warehouse.query(deps.queries.undoGeneration, params, { label: 'undo_generation' });
    const [row] = checkRows('undo_generation', rows, UndoRowSchema);
    if (!row || row.undone_schedule_id === null) return nothing(`${pageName}: schedule ${scheduleId} is no longer active; nothing was changed.`);

    const restored = row.reactivated_schedule_id;
    const exported = restored
      ? checkRows('schedule_export', warehouse.query(deps.queries.scheduleExport, scheduleExportParams([restored]), { label: 'schedule_export' }).rows, ExportRowSchema)
      : [];
    deps.workbook.writeScheduleTab(pageName, scheduleTable(exported));
    const message = `${pageName}: schedule ${scheduleId} undone (${row.locks_released} caption locks released)` +
      (restored ? `; the previous schedule ${restored} is active again (${row.locks_reactivated} locks restored).` : '; no earlier schedule for that week, the tab is now empty.');
    deps.logger.info(message);
    return { page: pageName, undone: scheduleId, reactivated: restored, locksReleased: row.locks_released, locksReactivated: row.locks_reactivated, message };
  } finally {
    deps.lock.release();
  }
}
