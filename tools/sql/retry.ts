/**
 * Retries for the deploy's calls to BigQuery, by the reasons Google's error table says to retry
 * (cloud.google.com/bigquery/docs/error-messages): backendError ("retry your requests using
 * truncated exponential backoffs"), internalError, jobBackendError and jobInternalError ("Retry
 * the job with a new jobId"), rateLimitExceeded and jobRateLimitExceeded, tableUnavailable, and any
 * 5xx ("If you receive a 5xx response code, then retry the request later"). A failed job is sent
 * again as a new job. Everything else (invalidQuery, notFound, accessDenied, duplicate,
 * quotaExceeded, ...) fails at once: waiting will not fix it.
 */
const RETRY_REASONS = new Set(['backendError', 'internalError', 'jobBackendError', 'jobInternalError', 'rateLimitExceeded', 'jobRateLimitExceeded', 'tableUnavailable']);

export const RETRY_DELAYS_MS: readonly number[] = [2000, 4000, 8000, 16000];

interface ApiErrorLike {
  code?: number;
  errors?: Array<{ reason?: string }>;
  message?: string;
}

export function isTransient(e: unknown): boolean {
  const err = (e ?? {}) as ApiErrorLike;
  if (typeof err.code === 'number' && err.code >= 500) return true;
  return (err.errors ?? []).some((x) => x.reason !== undefined && RETRY_REASONS.has(x.reason));
}

export interface RetryOptions {
  delaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  log?: (line: string) => void;
}

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs fn, again after each delay while it fails transiently; the last error is thrown. */
export async function withRetries<T>(what: string, fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const delays = options.delaysMs ?? RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await fn();
    } catch (e) {
      const delay = delays[attempt];
      if (delay === undefined || !isTransient(e)) throw e;
      options.log?.(`${what}: ${e instanceof Error ? e.message : String(e)}; retrying in ${delay} ms`);
      await (options.sleep ?? realSleep)(delay);
    }
  }
}
