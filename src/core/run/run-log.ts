// The FAILED automation_run_log row of a procedure CALL that failed, written by the script. A
// procedure owns its row, and its exception handler logs FAILED itself; a CALL that never reached
// the procedure (refused, lost on the way) would leave none, so the script writes it through
// log_exports, which replaces any row of that run id: exactly one row either way.
import { laDate } from '../la-time';
import { EXPORT_LOG_FIELDS, RUN_FIELDS, type RunQueries } from './jobs';
import { param } from './params';
import { errorText } from './results';
import type { ResilientWarehouse } from './retry';

export interface FailedCall {
  runId: string;
  kind: string;
  startedAt: Date;
  finishedAt: Date;
  error: string;
  pagesTotal: number | null;
}

/** Writes the row; a note for the run's message when that failed too, else null. */
export function logFailedCall(warehouse: ResilientWarehouse, queries: Pick<RunQueries, 'logExports'>, run: FailedCall): string | null {
  try {
    const row = {
      run_id: run.runId, run_date: laDate(run.startedAt), run_kind: run.kind, started_at: run.startedAt,
      finished_at: run.finishedAt, status: 'FAILED', pages_total: run.pagesTotal, pages_generated: null, pages_skipped: null,
      pages_failed: null, details: null, parent_run_id: null, error_message: run.error,
    };
    warehouse.query(queries.logExports, [param.structArray('rows', EXPORT_LOG_FIELDS, []), param.struct('run', RUN_FIELDS, row)], { label: 'log_exports' });
    return null;
  } catch (e) {
    return `Run log not written: ${errorText(e)}`;
  }
}
