// The two small scheduled runs: the performance feedback loop (every 6 h) and the lock sweep
// (hourly), under the same script lock as the daily run so their DML never races the daily write.
// Each is one CALL. The procedure owns the run's automation_run_log row (a call from the BigQuery
// console or a scheduled query leaves one too), so a run that succeeds sends nothing else; the
// script passes the run id it shows on the Runs tab. A failed CALL's row: run-log.ts.
import * as z from 'zod';
import type { RunPorts } from './ports';
import { errorText } from './results';
import { laDate } from '../la-time';
import { CALL_SWEEP_LOCKS, CALL_UPDATE_CAPTION_PERFORMANCE, checkRows } from './jobs';
import { param } from './params';
import { CircuitBreaker, ResilientWarehouse } from './retry';
import { runIdFor } from './run-id';
import { logFailedCall } from './run-log';
import { lockedSummary, type RunSummary } from './summary';
import { quietSweepsKey, quietSweepsTable, runsTable } from './tabs';

export interface MaintenanceDeps extends RunPorts {
  queries: { logExports: string };
}

export type MaintenanceKind = 'PERFORMANCE' | 'SWEEP';

const count = z.number().int().nonnegative();
interface Call {
  sql: string;
  label: string;
  row: z.ZodType<Record<string, unknown>>;
  done: (row: Record<string, unknown>) => string;
}
const CALLS: Record<MaintenanceKind, Call> = {
  PERFORMANCE: {
    sql: CALL_UPDATE_CAPTION_PERFORMANCE,
    label: 'update_caption_performance',
    row: z.looseObject({ run_id: z.string(), messages_processed: count, stats_rows_touched: count, unmatched_messages: count }),
    done: (r: Record<string, unknown>): string =>
      `${String(r.messages_processed)} messages scored into ${String(r.stats_rows_touched)} caption stats` +
      (Number(r.unmatched_messages) > 0 ? `; ${String(r.unmatched_messages)} matched no caption (see Health)` : ''),
  },
  SWEEP: {
    sql: CALL_SWEEP_LOCKS,
    label: 'sweep_expired_caption_locks',
    row: z.looseObject({ run_id: z.string(), expired_locks: count, past_send_date_locks: count }),
    done: (r: Record<string, unknown>): string =>
      `${Number(r.expired_locks) + Number(r.past_send_date_locks)} locks released (${String(r.expired_locks)} expired, ${String(r.past_send_date_locks)} past their send date)`,
  },
};

/** The Runs tab: a quiet sweep joins the day's one row of quiet sweeps; every other run has its own. */
function writeRunsTab(deps: MaintenanceDeps, summary: RunSummary, quiet: boolean): void {
  try {
    const table = quiet ? quietSweepsTable(deps.workbook.runsRow(quietSweepsKey(summary.runDate)), summary) : runsTable(summary);
    deps.workbook.appendRuns(table);
  } catch (e) {
    summary.message += ` Runs tab not written: ${errorText(e)}`;
  }
}

export function runMaintenance(deps: MaintenanceDeps, kind: MaintenanceKind, lockWaitMs = 30_000): RunSummary {
  const startedAt = deps.clock.now();
  if (!deps.lock.tryAcquire(lockWaitMs)) {
    deps.logger.info(`${kind}: another run holds the script lock; skipped until the next trigger`);
    return lockedSummary(kind, startedAt);
  }
  try {
    const warehouse = new ResilientWarehouse(deps.warehouse, deps.sleeper, new CircuitBreaker(), deps.logger);
    const runId = runIdFor(kind, startedAt);
    const call = CALLS[kind];
    let message: string;
    let quiet = false;
    let status: 'SUCCEEDED' | 'FAILED' = 'SUCCEEDED';
    try {
      const [row] = checkRows(call.label, warehouse.query(call.sql, [param.string('run_id', runId)], { label: call.label }).rows, call.row);
      if (!row) throw new Error(`${call.label} returned no row`);
      message = `${call.label} done: ${call.done(row)}.`;
      quiet = kind === 'SWEEP' && Number(row.expired_locks) + Number(row.past_send_date_locks) === 0;
    } catch (e) {
      status = 'FAILED';
      message = `${call.label} failed: ${errorText(e)}`;
      const logNote = logFailedCall(warehouse, deps.queries, { runId, kind, startedAt, finishedAt: deps.clock.now(), error: errorText(e), pagesTotal: null });
      if (logNote) message += ` ${logNote}`;
    }
    const summary: RunSummary = {
      ...lockedSummary(kind, startedAt),
      runId, runDate: laDate(startedAt), finishedAt: deps.clock.now(), status, message, finished: true, executions: 1,
      jobs: warehouse.jobs.length, jobLog: [...warehouse.jobs], bytesProcessed: warehouse.jobs.reduce((n, j) => n + j.bytesProcessed, 0),
    };
    writeRunsTab(deps, summary, quiet);
    (status === 'FAILED' ? deps.logger.error : deps.logger.info).call(deps.logger, `${kind} run ${runId} ${status}`, { message: summary.message });
    return summary;
  } finally {
    deps.lock.release();
  }
}

export const runPerformanceUpdate = (deps: MaintenanceDeps): RunSummary => runMaintenance(deps, 'PERFORMANCE');
export const runLockSweep = (deps: MaintenanceDeps): RunSummary => runMaintenance(deps, 'SWEEP');
