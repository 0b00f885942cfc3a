// Every real error text the add-on can meet, through the classifier: what Apps Script throws
// ("API call to bigquery.jobs.<method> failed with error: <text>") and its own errors, and the
// reasons Jobs.get gives as data. Sources per row.
import { classifyFailure } from '../../../src/core/run/failures';
import { isTransient, WarehouseError } from '../../../src/core/run/retry';

const API = (method: string, text: string) => `API call to bigquery.jobs.${method} failed with error: ${text}`;

// [text, reason from the job's structure (if any), expected, source]
const TABLE: Array<[string, string | undefined, 'transient' | 'permanent', string]> = [
  // Heal by waiting.
  [API('query', 'Backend Error'), undefined, 'transient', 'reported Apps Script text'],
  [API('getQueryResults', 'Error encountered during execution. Retrying may solve the problem.'), undefined, 'transient', 'cloud.google.com/bigquery/docs/error-messages (backendError)'],
  ["We're sorry, a server error occurred. Please wait a bit and try again.", undefined, 'transient', 'Apps Script server error (time-based execution logs)'],
  ['Exception: We’re sorry, a server error occurred. Please wait a bit and try again.', undefined, 'transient', 'the same, typographic apostrophe'],
  [API('get', 'Empty response'), undefined, 'transient', 'Apps Script advanced service, empty HTTP answer'],
  ['Empty response', undefined, 'transient', 'the same without the prefix'],
  [API('getQueryResults', 'Transaction is aborted due to concurrent update against table of-scheduler-proj.eros_scheduling_brain.active_caption_assignments'), 'invalidQuery', 'transient', 'cloud.google.com/bigquery/docs/transactions: "Conflicting transactions are cancelled" (reason invalidQuery)'],
  ['Transaction is aborted due to concurrent update against table p.d.schedules. Transaction ID: 5f3c Blocking job: p:US.job_9', 'invalidQuery', 'transient', 'the same with its transaction and blocking job'],
  ['Could not serialize access to table of-scheduler-proj:eros_scheduling_brain.schedules due to concurrent update', 'invalidQuery', 'transient', 'cloud.google.com/bigquery/docs/error-messages (DML concurrency)'],
  [API('insert', 'Exceeded rate limits: too many api requests per user per method for this user_method. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas'), undefined, 'transient', 'rateLimitExceeded'],
  ['Exceeded rate limits: too many table update operations for this table.', 'rateLimitExceeded', 'transient', 'rateLimitExceeded (table updates)'],
  [API('query', 'An internal error occurred and the request could not be completed.'), undefined, 'transient', 'internalError'],
  ['The job encountered an internal error during execution and was unable to complete successfully.', 'jobInternalError', 'transient', 'jobInternalError: "Retry the job with a new jobId"'],
  ['Error encountered during execution. Retrying may solve the problem.', 'jobBackendError', 'transient', 'jobBackendError'],
  ['Anything at all', 'backendError', 'transient', 'the reason decides when the text says nothing'],
  // Do not heal by waiting.
  [API('insert', 'Access Denied: Project of-scheduler-proj: User does not have bigquery.jobs.create permission in project of-scheduler-proj.'), undefined, 'permanent', 'accessDenied'],
  [API('getQueryResults', 'Not found: Job of-scheduler-proj:job_x'), undefined, 'permanent', 'notFound (a job id never created)'],
  ['Not found: Table of-scheduler-proj:eros_scheduling_brain.caption_bank was not found in location US', 'notFound', 'permanent', 'notFound'],
  [API('query', 'Quota exceeded: Your project exceeded quota for free query bytes scanned. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas'), undefined, 'permanent', 'quotaExceeded'],
  ['Query exceeded limit for bytes billed: 10000000. 20971520 or higher required.', 'bytesBilledLimitExceeded', 'permanent', 'bytesBilledLimitExceeded'],
  [API('query', 'Syntax error: Unexpected end of script at [3:1]'), undefined, 'permanent', 'invalidQuery'],
  ['Invalid value: Invalid table ID "x-y"', 'invalid', 'permanent', 'invalid'],
  ['Service using too much computer time for one day.', undefined, 'permanent', 'Apps Script daily trigger runtime quota'],
  ['Lock timeout: another process was holding the lock for too long.', undefined, 'permanent', 'LockService.waitLock'],
  ['Error encountered during execution. Retrying may solve the problem.', 'quotaExceeded', 'permanent', 'a permanent reason outweighs a hopeful text'],
  ['Something nobody documented', undefined, 'permanent', 'unknown: reported, not repeated'],
];

describe('classifyFailure: every real text', () => {
  it.each(TABLE)('%s (reason %s) → %s', (text, reason, expected) => {
    expect(classifyFailure(text, reason)).toBe(expected);
    // The same through the errors the adapter throws.
    expect(isTransient(new WarehouseError(`label: BigQuery getQueryResults failed: ${text}`, reason))).toBe(expected === 'transient');
  });

  it('keeps the known retryable texts retryable', () => {
    const named = ['Backend Error', 'Retrying may solve the problem.', "We're sorry, a server error occurred.", 'Empty response', 'Transaction is aborted due to concurrent update', 'Could not serialize access'];
    for (const n of named) expect(TABLE.some(([t, , kind]) => t.includes(n) && kind === 'transient')).toBe(true);
  });
});
