// Transient errors: transient BigQuery errors (rateLimitExceeded, backendError, 5xx) are retried 3 times
// after 2, 4 and 8 s (virtual sleep), and the run ends exactly as a run without faults. Errors that
// will not heal by waiting are not retried, and a transient error that outlasts the 3 retries fails
// its job with the reason in the Runs tab.
import type { Demo } from '../../local/harness/demo';
import type { Method, Reason } from '../../local/runtime/bigquery/index';
import { DEFAULT_MESSAGE } from '../../local/runtime/bigquery/errors';
import { isTransient, WarehouseError } from '../../src/core/run/retry';
import { diffStates, finalState, referenceRun, type FinalState } from './state';
import { freshDemo, lastRun, openWarehouse, restoreWarehouse, runDailyToEnd, sleepRecorder, type Warehouse } from './harness';

let w: Warehouse;
let expected: FinalState;

beforeAll(async () => {
  w = await openWarehouse();
  const reference = await referenceRun(w);
  expected = reference.expected;
  expect(String(lastRun(reference.ref).Status)).toBe('SUCCEEDED');
}, 120_000);
afterAll(() => w?.bigQuery.close());

/** Every distinct statement (per method) fails `times` times, then succeeds. */
function failEachStatement(reason: Reason, times: number, methods: Method[], message?: string): Map<string, number> {
  const seen = new Map<string, number>();
  w.bigQuery.faults.fail(reason, {
    times: Infinity,
    methods,
    ...(message ? { message } : {}),
    match: (call) => {
      const key = `${call.method}:${call.sql}`;
      const n = seen.get(key) ?? 0;
      if (n >= times) return false;
      seen.set(key, n + 1);
      return true;
    },
  });
  return seen;
}

async function run(): Promise<{ demo: Demo; sleeps: number[] }> {
  const rec = sleepRecorder();
  const demo = await freshDemo(w.bigQuery, { onSleep: rec.onSleep });
  const outcome = runDailyToEnd(demo);
  expect(outcome.errors).toEqual([]);
  return { demo, sleeps: rec.sleeps };
}

// Each through a whole run; the classifier itself is checked on every 5xx text below.
const TRANSIENT: Array<[string, Reason, string | undefined]> = [
  ['rateLimitExceeded (403)', 'rateLimitExceeded', undefined],
  ['a bare HTTP 502 (reason only in the text)', 'backendError', 'Bad Gateway: the server answered with HTTP 502'],
];

describe('transient errors are retried 3 times at 2, 4 and 8 s, with the same end result', () => {
  beforeEach(() => restoreWarehouse(w));

  it.each(TRANSIENT)('%s on every job: 3 failures each, then success', async (_name, reason, message) => {
    const seen = failEachStatement(reason, 3, ['insert'], message);
    const { demo, sleeps } = await run();
    const retried = [...seen.values()].filter((n) => n === 3).length;
    expect(retried).toBeGreaterThanOrEqual(5);
    // Exactly one 2-4-8 s ladder per failing job, nothing else slept.
    expect(sleeps).toEqual(Array.from({ length: retried }, () => [2000, 4000, 8000]).flat());
    expect(demo.runtime.services.clock.sleptMs).toBe(14_000 * retried);
    expect(String(lastRun(demo).Status)).toBe('SUCCEEDED');
    expect(diffStates(expected, finalState(demo))).toEqual([]);
  }, 120_000);

  it('errors while reading results (getQueryResults) are retried too; a re-run job changes nothing', async () => {
    // Once per statement: each retry inserts the job again, so this runs every job twice.
    failEachStatement('backendError', 1, ['getQueryResults']);
    const { demo, sleeps } = await run();
    expect(sleeps.length).toBeGreaterThan(0);
    expect(sleeps.every((ms) => ms === 2000)).toBe(true);
    expect(String(lastRun(demo).Status)).toBe('SUCCEEDED');
    expect(diffStates(expected, finalState(demo))).toEqual([]);
  }, 120_000);

  it('a mix: a few random jobs fail once or twice, in any method', async () => {
    let n = 0;
    w.bigQuery.faults.fail('rateLimitExceeded', { times: Infinity, match: () => ++n % 7 === 3 || n % 11 === 5 });
    const { demo } = await run();
    expect(String(lastRun(demo).Status)).toBe('SUCCEEDED');
    expect(diffStates(expected, finalState(demo))).toEqual([]);
  }, 120_000);
});

describe('what is not retried', () => {
  beforeEach(() => restoreWarehouse(w));

  it('a transient error outlasting the 3 retries fails its job after 2+4+8 s, named in the Runs tab', async () => {
    // The very first job of the run fails 4 times in a row: 1 try + 3 retries, no 4th retry.
    let first: string | null = null;
    let thrown = 0;
    w.bigQuery.faults.fail('rateLimitExceeded', {
      times: Infinity,
      methods: ['insert'],
      match: (call) => {
        first ??= call.sql;
        if (call.sql !== first || thrown >= 4) return false;
        thrown += 1;
        return true;
      },
    });
    const { demo, sleeps } = await run();
    expect(thrown).toBe(4);
    expect(sleeps.slice(0, 3)).toEqual([2000, 4000, 8000]);
    expect(sleeps.filter((ms) => ms === 16_000)).toEqual([]);
    const run1 = lastRun(demo);
    expect(String(run1.Note)).toMatch(/Exceeded rate limits|rateLimitExceeded/);
  }, 120_000);

  it('the classifier: 500, 502, 503, 504 and rate limits are transient; quota, access, syntax, bytes billed, not found are not', () => {
    const api = (reason: Reason, message?: string) => {
      const e = new Error(`API call to bigquery.jobs.insert failed with error: ${message ?? DEFAULT_MESSAGE[reason]}`);
      return new WarehouseError(`job: BigQuery insert failed: ${e.message}`, reason);
    };
    for (const r of ['rateLimitExceeded', 'backendError', 'internalError'] as Reason[]) expect({ r, transient: isTransient(api(r)) }).toEqual({ r, transient: true });
    for (const m of ['HTTP 500 Internal Server Error', 'Bad Gateway (HTTP 502)', '503 Service Unavailable', '504 Gateway Timeout']) {
      expect({ m, transient: isTransient(new Error(m)) }).toEqual({ m, transient: true });
    }
    for (const r of ['quotaExceeded', 'accessDenied', 'invalidQuery', 'bytesBilledLimitExceeded', 'notFound', 'invalid'] as Reason[]) {
      expect({ r, transient: isTransient(api(r)) }).toEqual({ r, transient: false });
    }
  });

  it.each(['accessDenied', 'quotaExceeded'] as Reason[])(
    '%s is permanent: no retry, no sleep, the reason is reported in the Runs tab',
    async (reason) => {
      let thrown = 0;
      w.bigQuery.faults.fail(reason, { times: 1, methods: ['insert'], match: () => ++thrown === 1 });
      const { demo, sleeps } = await run();
      expect(sleeps).toEqual([]);
      const note = `${String(lastRun(demo).Note)} ${JSON.stringify(lastRun(demo))}`;
      expect(note).toMatch(new RegExp(`${reason}|Access Denied|Syntax error|Quota exceeded|bytes billed|Not found`));
    },
    120_000,
  );
});
