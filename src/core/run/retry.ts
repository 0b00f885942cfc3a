// Retry with exponential back-off on transient BigQuery errors, and a per-run circuit breaker.
// Apps Script throws plain Errors, so errors are classified by their reason or message text.
import type { Logger, Sleeper } from '../ports';
import type { QueryOptions, QueryParam, QueryResult, Warehouse } from './ports';

/** An error from the warehouse; `reason` is BigQuery's error reason when known. */
export class WarehouseError extends Error {
  constructor(message: string, readonly reason?: string) {
    super(message);
    this.name = 'WarehouseError';
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

// Checked first: a daily quota, a bad query or a missing permission will not heal by waiting.
const PERMANENT = /invalidQuery|notFound|Not found:|accessDenied|Access Denied|bytesBilledLimitExceeded|quotaExceeded|Quota exceeded|billingNotEnabled|invalid\b/i;
const TRANSIENT = [
  /rateLimitExceeded/i,
  /Exceeded rate limits/i,
  /backendError/i,
  /internalError/i,
  /\b(?:HTTP|status|code|error)\D{0,3}50[0234]\b/i,
  /\b50[0234] (?:Internal|Bad Gateway|Service Unavailable|Gateway Time-?out)/i,
  /Service unavailable/i,
  /timed out/i,
];

export function isTransient(err: unknown): boolean {
  const reason = err instanceof WarehouseError ? err.reason ?? '' : '';
  const text = `${reason} ${err instanceof Error ? err.message : String(err)}`;
  if (err instanceof CircuitOpenError) return false;
  if (PERMANENT.test(text)) return false;
  return TRANSIENT.some((re) => re.test(text));
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
  attempts: number;
  bytesProcessed: number;
  ok: boolean;
  error?: string;
}

/**
 * A Warehouse decorator: retries transient errors after 2, 4 and 8 s, counts a job that still
 * fails (or fails permanently) as one breaker failure, and fails fast once the breaker is open.
 */
export class ResilientWarehouse implements Warehouse {
  readonly jobs: JobRecord[] = [];
  constructor(
    private readonly inner: Warehouse,
    private readonly sleeper: Sleeper,
    readonly breaker: CircuitBreaker,
    private readonly logger?: Logger,
    private readonly delaysMs: readonly number[] = RETRY_DELAYS_MS,
  ) {}

  query(sql: string, params: QueryParam[], options?: QueryOptions): QueryResult {
    const label = options?.label ?? 'query';
    this.breaker.check();
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = this.inner.query(sql, params, options);
        this.jobs.push({ label, jobId: result.jobId, attempts: attempt + 1, bytesProcessed: result.bytesProcessed, ok: true });
        return result;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const delay = this.delaysMs[attempt];
        if (delay !== undefined && isTransient(err)) {
          this.logger?.warn(`${label}: transient error, retrying in ${delay} ms`, { attempt: attempt + 1, message });
          this.sleeper.sleep(delay);
          continue;
        }
        this.breaker.recordFailure();
        this.jobs.push({ label, jobId: null, attempts: attempt + 1, bytesProcessed: 0, ok: false, error: message });
        this.logger?.error(`${label}: failed`, { attempts: attempt + 1, message, breakerFailures: this.breaker.failures });
        throw err;
      }
    }
  }
}
