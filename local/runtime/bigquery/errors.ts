// Errors the stand-in throws, shaped the way the Advanced Service surfaces them in Apps Script:
// a GoogleJsonResponseException whose message reads
//   "API call to bigquery.jobs.getQueryResults failed with error: Not found: Job <project>:<job>"
// (seen verbatim in googleworkspace/apps-script-samples issue #241) and whose `details` carry the
// REST error body { code, message, errors: [{ domain, reason, message }] }
// (cloud.google.com/bigquery/docs/error-messages, .../troubleshoot-quotas).
//
// Real messages carry only the API's message text, not the reason; the stand-in's default fault
// messages add "(reason: <reason>)" so code can classify by reason text, as the project decided.
// Pass a `message` to a fault to reproduce a real text exactly.

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
  | 'jobInternalError';

export const HTTP_CODE: Record<Reason, number> = {
  rateLimitExceeded: 403,
  quotaExceeded: 403,
  accessDenied: 403,
  backendError: 503,
  internalError: 500,
  jobInternalError: 400,
  invalidQuery: 400,
  invalid: 400,
  bytesBilledLimitExceeded: 400,
  notFound: 404,
  duplicate: 409,
};

/** Message texts as the API returns them (docs cited above), plus the reason for classifiers. */
export const DEFAULT_MESSAGE: Record<Reason, string> = {
  rateLimitExceeded:
    'Exceeded rate limits: too many api requests per user per method for this user_method. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas',
  quotaExceeded: 'Quota exceeded: Your project exceeded quota for free query bytes scanned. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas',
  backendError: 'Backend error. Retrying may solve the problem.',
  internalError: 'An internal error occurred and the request could not be completed.',
  jobInternalError: 'The job encountered an internal error during execution and was unable to complete successfully.',
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

/** The error with the reason appended (used for injected faults and stand-in diagnostics). */
export function apiError(method: string, reason: Reason, message?: string): GoogleJsonResponseException {
  return new GoogleJsonResponseException(method, reason, message ?? `${DEFAULT_MESSAGE[reason]} (reason: ${reason})`);
}
