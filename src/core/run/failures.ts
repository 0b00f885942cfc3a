// Which warehouse failures heal by waiting. Apps Script hands the script an Error whose message is
// the API's text ("API call to bigquery.jobs.query failed with error: <text>") and nothing else,
// so the reason is taken where Google gives it as data — a job's status.errorResult or errors[]
// (read by the adapter through Jobs.get) — and otherwise from the documented texts below.
// Reasons: https://cloud.google.com/bigquery/docs/error-messages

/** Reasons BigQuery documents as "retry" (a failed job is sent again as a new job). */
const TRANSIENT_REASONS = ['backendError', 'internalError', 'jobBackendError', 'jobInternalError', 'rateLimitExceeded', 'jobRateLimitExceeded'];

/**
 * Reasons that do not heal by waiting: a bad query, a missing object or permission, a quota (also
 * when a text names them). Any other reason is permanent too unless its text says otherwise.
 */
const PERMANENT_REASONS = ['invalidQuery', 'invalid', 'notFound', 'accessDenied', 'bytesBilledLimitExceeded', 'quotaExceeded', 'billingNotEnabled'];

const anyOf = (parts: readonly string[], flags = 'i'): RegExp => new RegExp(parts.join('|'), flags);
const wordOf = (reasons: readonly string[]): RegExp => new RegExp(`\\b(?:${reasons.join('|')})\\b`);

/**
 * Texts that mean "try again" whatever the reason: BigQuery cancels one of two conflicting
 * transactions, and sends that with reason invalidQuery.
 * https://cloud.google.com/bigquery/docs/transactions ("Conflicting transactions are cancelled")
 */
const RETRYABLE_WHATEVER_THE_REASON = anyOf(['Transaction is aborted due to concurrent update', 'Could not serialize access to (?:the )?table']);

/** Documented or reported texts of failures that do not heal by waiting (or a reason named in the text). */
const PERMANENT_TEXTS = anyOf(['Access Denied', '(?:^|: )Not found:', 'Quota exceeded', 'Query exceeded limit for bytes billed', 'Syntax error', '(?:^|: )Invalid ']);

/** Documented or reported texts of failures that heal by waiting. */
const TRANSIENT_TEXTS = anyOf([
  // backendError: "Error encountered during execution. Retrying may solve the problem."
  'Retrying may solve the problem', '\\bBackend Error\\b',
  // Apps Script's own: "We're sorry, a server error occurred. Please wait a bit and try again."
  "We['’]re sorry, a server error occurred",
  // "API call to bigquery.jobs.get failed with error: Empty response"
  '(?:^|: )Empty response\\b',
  'Exceeded rate limits', 'An internal error occurred', '\\bService (?:is )?unavailable\\b', '\\btimed out\\b',
  '\\b(?:HTTP|status|code|error)\\D{0,3}50[0234]\\b', '\\b50[0234] (?:Internal|Bad Gateway|Service Unavailable|Gateway Time-?out)',
]);

export type FailureKind = 'transient' | 'permanent';

/**
 * How a failure is treated: `reason` is BigQuery's, when known from the structure of a job;
 * `message` is the thrown text. An unknown failure is permanent (it is reported, not repeated).
 */
export function classifyFailure(message: string, reason?: string): FailureKind {
  if (RETRYABLE_WHATEVER_THE_REASON.test(message)) return 'transient';
  if (reason !== undefined && TRANSIENT_REASONS.includes(reason)) return 'transient';
  if (reason !== undefined && PERMANENT_REASONS.includes(reason)) return 'permanent';
  if (PERMANENT_TEXTS.test(message) || wordOf(PERMANENT_REASONS).test(message)) return 'permanent';
  return TRANSIENT_TEXTS.test(message) || wordOf(TRANSIENT_REASONS).test(message) ? 'transient' : 'permanent';
}
