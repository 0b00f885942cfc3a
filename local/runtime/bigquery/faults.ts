// Behaviour switches for tests and benchmarks. They live on the stand-in handle, never on the
// `BigQuery` global the bundle sees.
import { apiError, type Reason } from './errors';

export type Method = 'query' | 'getQueryResults' | 'insert' | 'get';

export interface CallInfo {
  method: Method;
  /** The job's SQL (for getQueryResults/get: the SQL the job ran). */
  sql: string;
}

export interface FaultOptions {
  /** How many matching calls fail (default 1; Infinity for "until cleared"). */
  times?: number;
  /** Only these methods (default: all). */
  methods?: Method[];
  /** Only calls whose SQL contains this text or matches this predicate. */
  match?: string | RegExp | ((call: CallInfo) => boolean);
  /** Exact API message (default: the documented text plus "(reason: …)"). */
  message?: string;
}

interface Rule extends FaultOptions {
  reason: Reason;
  left: number;
}

interface PollRule {
  polls: number;
  left: number;
  match?: FaultOptions['match'];
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
  /** Every fault thrown, for assertions. */
  readonly thrown: Array<{ method: Method; reason: Reason }> = [];

  /** The next `times` matching calls throw `reason` the way Apps Script does. */
  fail(reason: Reason, options: FaultOptions = {}): this {
    this.rules.push({ ...options, reason, left: options.times ?? 1 });
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

  /** Throws when a rule matches this call (consuming one of its times). */
  check(call: CallInfo): void {
    for (const rule of this.rules) {
      if (rule.left <= 0) continue;
      if (rule.methods && !rule.methods.includes(call.method)) continue;
      if (!matches(rule.match, call)) continue;
      rule.left -= 1;
      this.thrown.push({ method: call.method, reason: rule.reason });
      throw apiError(call.method, rule.reason, rule.message);
    }
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
