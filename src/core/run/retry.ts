// Retry with exponential back-off on transient BigQuery errors, and a per-run circuit breaker.
// Errors are classified by BigQuery's reason when the adapter read it from the job, else by their
// text (failures.ts). Neither a retry nor a wait outlasts the execution's time budget.
import type { Logger, Sleeper } from '../ports';
import { classifyFailure } from './failures';
import type { LoadResult, QueryOptions, QueryParam, QueryResult, Row, RowCursor, Warehouse } from './ports';

/** An error from the warehouse; `reason` is BigQuery's error reason when known. */
export class WarehouseError extends Error {
  constructor(message: string, readonly reason?: string) {
    super(message);
    this.name = 'WarehouseError';
  }
}

/**
 * A job still running when the execution's time budget ran out: not a failure of BigQuery, so
 * neither retried now nor counted by the breaker; the run pauses and a later execution goes on.
 */
export class ExecutionBudgetError extends WarehouseError {
  constructor(message: string) {
    super(message, 'executionBudget');
    this.name = 'ExecutionBudgetError';
  }
}

/** Thrown without calling the warehouse once the breaker is open. */
export class CircuitOpenError extends Error {
  constructor(readonly failures: number) {
    super(`circuit breaker open after ${failures} failed warehouse jobs in this run: not attempted`);
    this.name = 'CircuitOpenError';
  }
}

export const RETRY_DELAYS_MS: readonly number[] = [2000, 4000, 8000];
export const BREAKER_THRESHOLD = 5;

export function isTransient(err: unknown): boolean {
  if (err instanceof CircuitOpenError) return false;
  if (err instanceof ExecutionBudgetError) return true;
  const reason = err instanceof WarehouseError ? err.reason : undefined;
  return classifyFailure(err instanceof Error ? err.message : String(err), reason) === 'transient';
}

/** Counts failures for one run (persisted in the checkpoint so a resumed run keeps counting). */
export class CircuitBreaker {
  constructor(
    private failureCount = 0,
    readonly threshold = BREAKER_THRESHOLD,
  ) {}
  get failures(): number {
    return this.failureCount;
  }
  get open(): boolean {
    return this.failureCount >= this.threshold;
  }
  recordFailure(): void {
    this.failureCount += 1;
  }
  check(): void {
    if (this.open) throw new CircuitOpenError(this.failureCount);
  }
}

export interface JobRecord {
  label: string;
  jobId: string | null;
  /** Attempts of the job itself (a retried page fetch is counted in pageRetries, not here). */
  attempts: number;
  bytesProcessed: number;
  ok: boolean;
  error?: string;
  /** Result pages read (paged reads only). */
  pages?: number;
  /** Page fetches that failed transiently and were retried. */
  pageRetries?: number;
  /** Rows read (paged reads) or loaded (load jobs). */
  rows?: number;
}

/** What queryPages read. */
export interface PagedRead {
  jobId: string;
  bytesProcessed: number;
  pages: number;
  rows: number;
  /** True when onPage asked to stop before the last page. */
  stopped: boolean;
}

/** Rows per page when the caller gives none (BigQuery also caps a page at 10 MB). */
export const DEFAULT_PAGE_ROWS = 10_000;

/**
 * A Warehouse decorator: retries transient errors after 2, 4 and 8 s, counts a job that still
 * fails (or fails permanently) as one breaker failure, and fails fast once the breaker is open.
 * A paged read retries a failed page fetch on its own (the job is not sent again); a fetch that
 * still fails counts as one breaker failure.
 */
export class ResilientWarehouse implements Warehouse {
  readonly jobs: JobRecord[] = [];
  /** The error of the last job that failed after its retries (callers may swallow it). */
  lastFailure: unknown = null;
  /** True once a wait or a retry would have passed the execution's time budget. */
  outOfTime = false;
  constructor(
    private readonly inner: Warehouse,
    private readonly sleeper: Sleeper,
    readonly breaker: CircuitBreaker,
    private readonly logger?: Logger,
    private readonly delaysMs: readonly number[] = RETRY_DELAYS_MS,
    /** Time left in the execution's budget (ms); absent: no budget. */
    private readonly timeLeftMs?: () => number,
  ) {}

  /** Runs fn with the retry policy; onGiveUp records the failure before it is rethrown. */
  private withRetry<T>(label: string, what: string, fn: () => T, onGiveUp: (attempts: number, message: string) => void): { value: T; attempts: number } {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return { value: fn(), attempts: attempt + 1 };
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const delay = this.delaysMs[attempt];
        const retryable = delay !== undefined && isTransient(err) && !(err instanceof ExecutionBudgetError);
        if (retryable && (this.timeLeftMs === undefined || delay < this.timeLeftMs())) {
          this.logger?.warn(`${label}: transient error${what}, retrying in ${delay} ms`, { attempt: attempt + 1, message });
          this.sleeper.sleep(delay);
          continue;
        }
        if (retryable || err instanceof ExecutionBudgetError) {
          // The execution's time is up, not BigQuery: a later execution tries again.
          this.outOfTime = true;
          this.lastFailure = err;
          onGiveUp(attempt + 1, message);
          this.logger?.warn(`${label}: out of time${what}`, { message });
          throw err;
        }
        this.breaker.recordFailure();
        this.lastFailure = err;
        onGiveUp(attempt + 1, message);
        this.logger?.error(`${label}: failed${what}`, { attempts: attempt + 1, message, breakerFailures: this.breaker.failures });
        throw err;
      }
    }
  }

  /**
   * True when a job failed since the breaker stood at `failuresBefore` because BigQuery is down
   * (still transient after the retries, or the breaker is open): its pages wait for a later
   * execution instead of failing. A permanent error (bad query, access) fails them at once.
   */
  outageSince(failuresBefore: number): boolean {
    return this.outOfTime || this.breaker.open || (this.breaker.failures > failuresBefore && isTransient(this.lastFailure));
  }

  query(sql: string, params: QueryParam[], options?: QueryOptions): QueryResult {
    const label = options?.label ?? 'query';
    this.breaker.check();
    const failed = (attempts: number, error: string) => this.jobs.push({ label, jobId: null, attempts, bytesProcessed: 0, ok: false, error });
    const { value, attempts } = this.withRetry(label, '', () => this.inner.query(sql, params, options), failed);
    this.jobs.push({ label, jobId: value.jobId, attempts, bytesProcessed: value.bytesProcessed, ok: true });
    return value;
  }

  /**
   * One job whose result is handed to onPage a page at a time (never held whole). onPage returns
   * false to stop reading; an error it throws propagates and is not a warehouse failure.
   */
  queryPages(sql: string, params: QueryParam[], options: QueryOptions, onPage: (rows: Row[], pageIndex: number) => boolean | void): PagedRead {
    const label = options.label ?? 'query';
    const pageRows = options.pageRows ?? DEFAULT_PAGE_ROWS;
    this.breaker.check();
    if (!this.inner.openCursor) throw new Error(`${label}: this warehouse cannot read results page by page`);
    const openCursor = this.inner.openCursor.bind(this.inner);
    const open = (): RowCursor => openCursor(sql, params, { ...options, pageRows });
    const failedOpen = (attempts: number, error: string) => this.jobs.push({ label, jobId: null, attempts, bytesProcessed: 0, ok: false, error });
    const { value: cursor, attempts } = this.withRetry(label, '', open, failedOpen);
    const record: JobRecord & Required<Pick<JobRecord, 'pages' | 'pageRetries' | 'rows'>> = { label, jobId: cursor.jobId, attempts, bytesProcessed: cursor.bytesProcessed, ok: true, pages: 0, pageRetries: 0, rows: 0 };
    this.jobs.push(record);
    const read = (stopped: boolean): PagedRead => ({ jobId: cursor.jobId, bytesProcessed: cursor.bytesProcessed, pages: record.pages, rows: record.rows, stopped });
    for (;;) {
      this.breaker.check();
      const { value: page, attempts: tries } = this.withRetry(label, ` reading page ${record.pages + 1}`, () => cursor.nextPage(), (_n, error) => {
        record.ok = false;
        record.error = error;
      });
      record.pageRetries += tries - 1;
      if (page === null) return read(false);
      record.pages += 1;
      record.rows += page.length;
      if (onPage(page, record.pages - 1) === false) return read(true);
    }
  }

  /** One load job with the same retry and breaker rules as a query. */
  load(table: string, rows: ReadonlyArray<Record<string, unknown>>, options?: QueryOptions): LoadResult {
    const label = options?.label ?? `load_${table}`;
    this.breaker.check();
    const inner = this.inner;
    if (!inner.load) throw new Error(`${label}: this warehouse cannot run load jobs`);
    const failed = (attempts: number, error: string) => this.jobs.push({ label, jobId: null, attempts, bytesProcessed: 0, ok: false, error });
    const { value, attempts } = this.withRetry(label, '', () => (inner.load as NonNullable<Warehouse['load']>)(table, rows, options), failed);
    // Load jobs process (and bill) no bytes; the rows loaded are recorded.
    this.jobs.push({ label, jobId: value.jobId, attempts, bytesProcessed: 0, ok: true, rows: value.rows });
    return value;
  }
}
