// Behaviour switches for tests and benchmarks. They live on the stand-in handle, never on the
// `BigQuery` global the bundle sees. Two kinds of failure, as BigQuery has them:
// - fail(): the API call itself fails (rate limit, a 5xx, Apps Script's own "Empty response"):
//   the call throws and, for an insert, no job exists;
// - failJob(): the job is created and fails while it runs (backendError during execution, a
//   concurrent transaction): jobs.insert answers with the job, getQueryResults throws its error,
//   and Jobs.get shows status.errorResult (cloud.google.com/bigquery/docs/reference/rest/v2/Job#jobstatus).
import { apiError, AppsScriptException, DEFAULT_MESSAGE, type Reason } from './errors';

export type Method = 'query' | 'getQueryResults' | 'insert' | 'get';

export interface CallInfo {
  method: Method;
  /** The job's SQL (for getQueryResults/get: the SQL the job ran). */
  sql: string;
}

export interface FaultOptions {
  /** How many matching calls fail (default 1; Infinity for "until cleared"). */
  times?: number;
  /** Only these methods (default: all; failJob: insert and query). */
  methods?: Method[];
  /** Only calls whose SQL contains this text or matches this predicate. */
  match?: string | RegExp | ((call: CallInfo) => boolean);
  /** The API's message (default: the documented text for the reason). */
  message?: string;
  /**
   * fail() only: Apps Script's own error, thrown with exactly this text and no "API call to …"
   * prefix (e.g. "We're sorry, a server error occurred. Please wait a bit and try again.").
   */
  exact?: string;
}

interface Rule extends FaultOptions {
  reason: Reason;
  left: number;
  job: boolean;
}

interface PollRule {
  polls: number;
  left: number;
  match?: FaultOptions['match'];
}

/** How a job that ran failed (its status.errorResult). */
export interface JobError {
  reason: Reason;
  message: string;
}

function matches(match: FaultOptions['match'], call: CallInfo): boolean {
  if (match === undefined) return true;
  if (typeof match === 'string') return call.sql.includes(match);
  if (match instanceof RegExp) return match.test(call.sql);
  return match(call);
}

export class Faults {
  private rules: Rule[] = [];
  private pollRules: PollRule[] = [];
  /** Page size used when a request gives no maxResults (undefined: one page for everything). */
  defaultPageSize: number | undefined;
  /** Every fault thrown or given to a job, for assertions. */
  readonly thrown: Array<{ method: Method; reason: Reason; job?: boolean }> = [];

  /** The next `times` matching calls throw `reason` the way Apps Script does. */
  fail(reason: Reason, options: FaultOptions = {}): this {
    this.rules.push({ ...options, reason, left: options.times ?? 1, job: false });
    return this;
  }

  /** The next `times` matching jobs are created and then fail with `reason` (status.errorResult). */
  failJob(reason: Reason, options: Omit<FaultOptions, 'exact'> = {}): this {
    this.rules.push({ ...options, methods: options.methods ?? ['insert', 'query'], reason, left: options.times ?? 1, job: true });
    return this;
  }

  /** Shorthand: the next `n` calls (any method) fail with `reason`. */
  failNext(n: number, reason: Reason): this {
    return this.fail(reason, { times: n });
  }

  /** The next `jobs` matching jobs answer `jobComplete: false` (state RUNNING) `polls` times. */
  incompleteFor(polls: number, options: { jobs?: number; match?: FaultOptions['match'] } = {}): this {
    this.pollRules.push({ polls, left: options.jobs ?? 1, match: options.match });
    return this;
  }

  clear(): void {
    this.rules = [];
    this.pollRules = [];
    this.defaultPageSize = undefined;
  }

  private take(call: CallInfo, job: boolean): Rule | undefined {
    for (const rule of this.rules) {
      if (rule.job !== job || rule.left <= 0) continue;
      if (rule.methods && !rule.methods.includes(call.method)) continue;
      if (!matches(rule.match, call)) continue;
      rule.left -= 1;
      this.thrown.push({ method: call.method, reason: rule.reason, ...(job ? { job } : {}) });
      return rule;
    }
    return undefined;
  }

  /** Throws when a call rule matches this call (consuming one of its times). */
  check(call: CallInfo): void {
    const rule = this.take(call, false);
    if (!rule) return;
    if (rule.exact !== undefined) throw new AppsScriptException(rule.exact);
    throw apiError(call.method, rule.reason, rule.message);
  }

  /** The error a new job fails with, when a job rule matches (consuming one of its times). */
  jobFailure(call: CallInfo): JobError | null {
    const rule = this.take(call, true);
    return rule ? { reason: rule.reason, message: rule.message ?? DEFAULT_MESSAGE[rule.reason] } : null;
  }

  /** How many incomplete polls a new job gets. */
  pollsFor(call: CallInfo): number {
    for (const rule of this.pollRules) {
      if (rule.left <= 0 || !matches(rule.match, call)) continue;
      rule.left -= 1;
      return rule.polls;
    }
    return 0;
  }
}
