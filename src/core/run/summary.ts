// Per-page outcomes and the run summary: what the Runs/Overview tabs, the run log and the caller see.
import type { Light } from '../engine/config';
import type { JobRecord } from './retry';

/**
 * GENERATED: written and exported. SKIPPED: the gate stopped it (RED). INVALID: the schedule
 * failed validation. FAILED: planning threw or a job for its batch failed. NOT_ATTEMPTED: the
 * circuit breaker was open (or the run gave up) before the page's turn.
 */
export type PageStatus = 'GENERATED' | 'SKIPPED' | 'INVALID' | 'FAILED' | 'NOT_ATTEMPTED';

export interface PageResult {
  page: string;
  status: PageStatus;
  reason: string;
  scheduleId: string | null;
  messageCount?: number;
  light?: Light;
  sizeTier?: string;
  riskLevel?: string;
  captionTarget?: number;
  durationMs?: number;
  /** ISO time the result was settled. */
  at: string;
}

export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'PARTIAL' | 'FAILED';

export interface RunSummary {
  runId: string;
  runDate: string;
  runKind: string;
  weekStart: string;
  startedAt: Date;
  finishedAt?: Date;
  status: RunStatus;
  pagesGenerated: number;
  pagesSkipped: number;
  pagesFailed: number;
  pagesNotAttempted: number;
  perPage: PageResult[];
  /** Jobs sent over every execution of this run (attempts of a retried job count once). */
  jobs: number;
  /** Jobs of this execution, in order. */
  jobLog: JobRecord[];
  bytesProcessed: number;
  executions: number;
  /** False when the run paused for a follow-up execution or could not start. */
  finished: boolean;
  message: string;
}

export function countResults(results: readonly PageResult[]): Pick<RunSummary, 'pagesGenerated' | 'pagesSkipped' | 'pagesFailed' | 'pagesNotAttempted'> {
  const count = (...s: PageStatus[]) => results.filter((r) => s.includes(r.status)).length;
  return {
    pagesGenerated: count('GENERATED'),
    // RED is a decision (skipped); a schedule that failed validation was not produced (failed).
    pagesSkipped: count('SKIPPED'),
    pagesFailed: count('FAILED', 'INVALID'),
    pagesNotAttempted: count('NOT_ATTEMPTED'),
  };
}

/** SUCCEEDED when nothing failed (a RED skip is a decision, not a failure; INVALID is a failure). */
export function runStatus(results: readonly PageResult[], runFailed: boolean): RunStatus {
  const c = countResults(results);
  if (runFailed && results.length === 0) return 'FAILED';
  if (c.pagesFailed + c.pagesNotAttempted === 0 && !runFailed) return 'SUCCEEDED';
  return c.pagesGenerated + c.pagesSkipped > 0 ? 'PARTIAL' : 'FAILED';
}

/** Status for schedule_export_log: EXPORTED, SKIPPED, INVALID, FAILED. */
export function exportStatus(s: PageStatus): string {
  return s === 'GENERATED' ? 'EXPORTED' : s === 'NOT_ATTEMPTED' ? 'FAILED' : s;
}

/** The summary of an execution that did nothing: another run held the lock. */
export function lockedSummary(kind: string, at: Date): RunSummary {
  return {
    runId: '',
    runDate: '',
    runKind: kind,
    weekStart: '',
    startedAt: at,
    status: 'RUNNING',
    pagesGenerated: 0,
    pagesSkipped: 0,
    pagesFailed: 0,
    pagesNotAttempted: 0,
    perPage: [],
    jobs: 0,
    jobLog: [],
    bytesProcessed: 0,
    executions: 0,
    finished: false,
    message: 'Another run of this spreadsheet is in progress (its lock is held); nothing was done.',
  };
}
