// The two small scheduled runs: the performance feedback loop (every 6 h) and the lock sweep
// (hourly). Each is one CALL plus one log job, under the same script lock as the daily run so
// their DML never races the daily write.
import type { RunPorts } from './ports';
import { errorText } from './results';
import { laDate } from '../la-time';
import { CALL_SWEEP_LOCKS, CALL_UPDATE_CAPTION_PERFORMANCE, EXPORT_LOG_FIELDS, RUN_FIELDS } from './jobs';
import { param } from './params';
import { CircuitBreaker, ResilientWarehouse } from './retry';
import { lockedSummary, type RunSummary } from './summary';

import { runsTable } from './tabs';

export interface MaintenanceDeps extends RunPorts {
  queries: { logExports: string };
}

export type MaintenanceKind = 'PERFORMANCE' | 'SWEEP';

const CALLS: Record<MaintenanceKind, { sql: string; label: string }> = {
  PERFORMANCE: { sql: CALL_UPDATE_CAPTION_PERFORMANCE, label: 'update_caption_performance' },
  SWEEP: { sql: CALL_SWEEP_LOCKS, label: 'sweep_expired_caption_locks' },
};

/** The run's automation_run_log row, written with the log job; a failure to write is returned as a note. */
function logRun(warehouse: ResilientWarehouse, deps: MaintenanceDeps, row: { runId: string; kind: MaintenanceKind; startedAt: Date; finishedAt: Date; status: string; details: unknown }): string | null {
  try {
    const run = {
      run_id: row.runId,
      run_date: laDate(row.startedAt),
      run_kind: row.kind,
      started_at: row.startedAt,
      finished_at: row.finishedAt,
      status: row.status,
      pages_total: 0,
      pages_generated: 0,
      pages_skipped: 0,
      pages_failed: 0,
      details: JSON.stringify(row.details),
    };
    warehouse.query(deps.queries.logExports, [param.structArray('rows', EXPORT_LOG_FIELDS, []), param.struct('run', RUN_FIELDS, run)], { label: 'log_exports' });
    return null;
  } catch (e) {
    return `run log not written: ${errorText(e)}`;
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
    const runId = `${kind.toLowerCase()}_${laDate(startedAt).replace(/-/g, '')}_${startedAt.getTime().toString(36)}`;
    const call = CALLS[kind];
    let status: 'SUCCEEDED' | 'FAILED' = 'SUCCEEDED';
    let details: unknown;
    try {
      details = warehouse.query(call.sql, [], { label: call.label }).rows;
    } catch (e) {
      status = 'FAILED';
      details = { error: errorText(e) };
    }
    const finishedAt = deps.clock.now();
    const logNote = logRun(warehouse, deps, { runId, kind, startedAt, finishedAt, status, details });
    const message = [status === 'SUCCEEDED' ? `${call.label} done.` : `${call.label} failed: ${(details as { error: string }).error}`, ...(logNote ? [logNote] : [])].join(' ');
    const summary: RunSummary = {
      ...lockedSummary(kind, startedAt),
      runId, runDate: laDate(startedAt), finishedAt, status, message, finished: true, executions: 1,
      jobs: warehouse.jobs.length, jobLog: [...warehouse.jobs], bytesProcessed: warehouse.jobs.reduce((n, j) => n + j.bytesProcessed, 0),
    };
    try {
      // The hourly sweep would fill the Runs tab (24 rows a day): only its failures go there.
      if (kind !== 'SWEEP' || status === 'FAILED') deps.workbook.appendRuns(runsTable(summary));
    } catch (e) {
      summary.message += ` Runs tab not written: ${errorText(e)}`;
    }
    (status === 'FAILED' ? deps.logger.error : deps.logger.info).call(deps.logger, `${kind} run ${runId} ${status}`, { message: summary.message });
    return summary;
  } finally {
    deps.lock.release();
  }
}

export const runPerformanceUpdate = (deps: MaintenanceDeps): RunSummary => runMaintenance(deps, 'PERFORMANCE');
export const runLockSweep = (deps: MaintenanceDeps): RunSummary => runMaintenance(deps, 'SWEEP');
