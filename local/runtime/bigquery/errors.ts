// Errors the stand-in throws, shaped the way the Advanced Service surfaces them in Apps Script:
// a GoogleJsonResponseException whose message reads
//   "API call to bigquery.jobs.getQueryResults failed with error: Not found: Job <project>:<job>"
// (seen verbatim in googleworkspace/apps-script-samples issue #241) and whose `details` carry the
// REST error body { code, message, errors: [{ domain, reason, message }] }
// (cloud.google.com/bigquery/docs/error-messages, .../troubleshoot-quotas).
//
// The message carries only the API's text, exactly as Apps Script throws it: no reason. The
// bundle sees `name` and `message` only (the runtime's bridge copies nothing else across), so the
// reason is read where Google gives it as data: a job's status.errorResult through Jobs.get.

export type Reason =
  | 'rateLimitExceeded'
  | 'quotaExceeded'
  | 'backendError'
  | 'internalError'
  | 'invalidQuery'
  | 'invalid'
  | 'notFound'
  | 'bytesBilledLimitExceeded'
  | 'accessDenied'
  | 'duplicate'
  | 'jobInternalError'
  | 'jobBackendError'
  | 'jobRateLimitExceeded';

export const HTTP_CODE: Record<Reason, number> = {
  rateLimitExceeded: 403,
  quotaExceeded: 403,
  accessDenied: 403,
  backendError: 503,
  internalError: 500,
  jobInternalError: 400,
  jobBackendError: 400,
  jobRateLimitExceeded: 400,
  invalidQuery: 400,
  invalid: 400,
  bytesBilledLimitExceeded: 400,
  notFound: 404,
  duplicate: 409,
};

/** Message texts as the API returns them (cloud.google.com/bigquery/docs/error-messages and reports). */
export const DEFAULT_MESSAGE: Record<Reason, string> = {
  rateLimitExceeded:
    'Exceeded rate limits: too many api requests per user per method for this user_method. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas',
  quotaExceeded: 'Quota exceeded: Your project exceeded quota for free query bytes scanned. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas',
  backendError: 'Error encountered during execution. Retrying may solve the problem.',
  internalError: 'An internal error occurred and the request could not be completed.',
  jobInternalError: 'The job encountered an internal error during execution and was unable to complete successfully.',
  jobBackendError: 'Error encountered during execution. Retrying may solve the problem.',
  jobRateLimitExceeded: 'Exceeded rate limits: too many table update operations for this table. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas',
  invalidQuery: 'Syntax error: Unexpected end of script',
  invalid: 'Invalid value',
  notFound: 'Not found: Table',
  bytesBilledLimitExceeded: 'Query exceeded limit for bytes billed',
  accessDenied: 'Access Denied: Project: User does not have bigquery.jobs.create permission in project.',
  duplicate: 'Already Exists: Job',
};

export interface ErrorDetails {
  code: number;
  message: string;
  errors: Array<{ domain: 'global'; reason: Reason; message: string; location?: string }>;
}

export class GoogleJsonResponseException extends Error {
  readonly details: ErrorDetails;
  constructor(
    readonly method: string,
    readonly reason: Reason,
    apiMessage: string,
  ) {
    super(`API call to bigquery.jobs.${method} failed with error: ${apiMessage}`);
    this.name = 'GoogleJsonResponseException';
    this.details = { code: HTTP_CODE[reason], message: apiMessage, errors: [{ domain: 'global', reason, message: apiMessage }] };
  }
}

/** The error Apps Script throws for a failed call: the API's text, the reason only in `details`. */
export function apiError(method: string, reason: Reason, message?: string): GoogleJsonResponseException {
  return new GoogleJsonResponseException(method, reason, message ?? DEFAULT_MESSAGE[reason]);
}

/**
 * An error of Apps Script itself, not of the API: its text alone, named "Exception" (e.g. "We're
 * sorry, a server error occurred. Please wait a bit and try again.").
 */
export class AppsScriptException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Exception';
  }
}
