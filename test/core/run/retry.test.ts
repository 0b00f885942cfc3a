import { CircuitBreaker, CircuitOpenError, isTransient, ResilientWarehouse, WarehouseError } from '../../../src/core/run/retry';
import type { QueryResult, Warehouse } from '../../../src/core/run/ports';
import { silentLogger, VirtualClock } from './fakes';

/** A warehouse that throws the given errors in order, then answers. */
function scripted(errors: Array<Error | null>): Warehouse & { calls: number } {
  const w = {
    calls: 0,
    query(): QueryResult {
      const e = errors[w.calls];
      w.calls += 1;
      if (e) throw e;
      return { rows: [{ ok: true }], bytesProcessed: 10, jobId: `job${w.calls}` };
    },
  };
  return w;
}

describe('isTransient', () => {
  it.each([
    ['Exceeded rate limits: too many table update operations', true],
    ['rateLimitExceeded', true],
    ['backendError: the service is having trouble', true],
    ['internalError', true],
    ['API call to bigquery.jobs.getQueryResults failed with error: HTTP 503', true],
    ['Request failed with status 502', true],
    ['503 Service Unavailable', true],
    ['Service unavailable. Try again later.', true],
    ['Request timed out', true],
    ['Invalid query: Unrecognized name: foo at [1:8]', false],
    ['Not found: Table of-scheduler-proj:eros_scheduling_brain.x', false],
    ['Access Denied: Project of-scheduler-proj', false],
    ['Query exceeded limit for bytes billed: 10000000. 20000000 or higher required. (bytesBilledLimitExceeded)', false],
    ['Quota exceeded: Your project exceeded quota for free query bytes scanned (quotaExceeded)', false],
    ['Query produced 500 rows', false],
    // A cancelled transaction was rolled back whole: it is sent again, although its reason is invalidQuery.
    ['Query error: Transaction is aborted due to concurrent update against table p:d.active_caption_assignments. Transaction ID: 61e30eea at [24:9] (reason: invalidQuery)', true],
    ['Could not serialize access to table p:d.schedules due to concurrent update (invalidQuery)', true],
  ])('%s → %s', (message, transient) => {
    expect(isTransient(new Error(message))).toBe(transient);
  });
  it('uses the reason when the adapter knows it', () => {
    expect(isTransient(new WarehouseError('job failed', 'backendError'))).toBe(true);
    expect(isTransient(new WarehouseError('job failed: 503 backend', 'quotaExceeded'))).toBe(false);
    expect(isTransient(new CircuitOpenError(5))).toBe(false);
  });
});

describe('ResilientWarehouse', () => {
  const make = (errors: Array<Error | null>, breaker = new CircuitBreaker()) => {
    const clock = new VirtualClock();
    const inner = scripted(errors);
    return { clock, inner, w: new ResilientWarehouse(inner, clock, breaker, silentLogger()) };
  };
  const transient = () => new Error('backendError');

  it('retries a transient error 3 times after 2, 4 and 8 s, then fails and counts one failure', () => {
    const { clock, inner, w } = make([transient(), transient(), transient(), transient()]);
    expect(() => w.query('SELECT 1', [], { label: 'x' })).toThrow('backendError');
    expect(clock.slept).toEqual([2000, 4000, 8000]);
    expect(inner.calls).toBe(4);
    expect(w.breaker.failures).toBe(1);
    expect(w.jobs).toEqual([{ label: 'x', jobId: null, attempts: 4, bytesProcessed: 0, ok: false, error: 'backendError' }]);
  });

  it('succeeds after transient errors without counting a failure', () => {
    const { clock, w } = make([transient(), transient(), null]);
    expect(w.query('SELECT 1', []).rows).toEqual([{ ok: true }]);
    expect(clock.slept).toEqual([2000, 4000]);
    expect(w.breaker.failures).toBe(0);
    expect(w.jobs[0]).toMatchObject({ ok: true, attempts: 3, jobId: 'job3' });
  });

  it('fails at once on a permanent error', () => {
    const { clock, inner, w } = make([new WarehouseError('Invalid query: x', 'invalidQuery')]);
    expect(() => w.query('SELECT 1', [])).toThrow('Invalid query');
    expect(clock.slept).toEqual([]);
    expect(inner.calls).toBe(1);
  });

  it('opens after 5 failures and then fails fast without calling the warehouse', () => {
    const perm = () => new Error('accessDenied');
    const { inner, w } = make([perm(), perm(), perm(), perm(), perm(), null]);
    for (let i = 0; i < 5; i += 1) expect(() => w.query('q', [])).toThrow('accessDenied');
    expect(w.breaker.open).toBe(true);
    expect(() => w.query('q', [])).toThrow(CircuitOpenError);
    expect(inner.calls).toBe(5);
  });

  it('keeps counting from a resumed run’s failures', () => {
    const { w } = make([new Error('notFound')], new CircuitBreaker(4));
    expect(() => w.query('q', [])).toThrow('notFound');
    expect(() => w.query('q', [])).toThrow('circuit breaker open after 5 failed warehouse jobs');
  });
});
