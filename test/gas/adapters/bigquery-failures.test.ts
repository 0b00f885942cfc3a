// How the adapter tells a failed call from a failed job: after any failed call about a job (its
// insert included, since the job id is ours) it asks Jobs.get, in the job's own location, and
// classifies by status.errorResult when the job failed, else by the call's text. And no wait
// outlasts the execution's time budget.
// https://cloud.google.com/bigquery/docs/error-messages ("jobs.insert calls: … it's unclear if the job succeeded")
// https://cloud.google.com/bigquery/docs/reference/rest/v2/Job#jobstatus
import { BigQueryWarehouse, type BigQueryApi, type JobResource, type QueryResultsResponse } from '../../../src/gas/adapters/bigquery';
import { CircuitBreaker, ExecutionBudgetError, isTransient, ResilientWarehouse, WarehouseError } from '../../../src/core/run/retry';

const SETTINGS = { project: 'p', dataset: 'd', location: 'US', maximumBytesBilled: 1e9 };
const DONE: QueryResultsResponse = { jobComplete: true, schema: { fields: [{ name: 'x', type: 'INTEGER' }] }, rows: [{ f: [{ v: '1' }] }] };

interface Script {
  insert?: () => JobResource;
  results?: Array<QueryResultsResponse | Error>;
  /** What Jobs.get answers (an Error: the job is not found). */
  job?: JobResource | Error;
}

function api(script: Script) {
  const gets: Array<{ jobId: string; location: unknown }> = [];
  const inserts: string[] = [];
  const results: Array<Record<string, unknown>> = [];
  const a: BigQueryApi = {
    Jobs: {
      insert: (job) => {
        const ref = (job as { jobReference: { jobId: string; location: string } }).jobReference;
        inserts.push(ref.jobId);
        return script.insert ? script.insert() : { jobReference: { ...ref }, status: { state: 'RUNNING' } };
      },
      getQueryResults: (_p, _id, args) => {
        results.push(args as Record<string, unknown>);
        const next = script.results?.shift() ?? DONE;
        if (next instanceof Error) throw next;
        return next;
      },
      get: (_p, jobId, args) => {
        gets.push({ jobId, location: (args as { location?: unknown }).location });
        if (script.job instanceof Error) throw script.job;
        return script.job ?? { status: { state: 'RUNNING' } };
      },
    },
  };
  return { api: a, gets, inserts, results };
}

const sleeper = { sleep: () => undefined };
const caught = (fn: () => unknown): WarehouseError => {
  try {
    fn();
  } catch (e) {
    return e as WarehouseError;
  }
  throw new Error('it did not throw');
};

describe('a failed insert', () => {
  it('whose job exists after all is carried on, not sent again', () => {
    const t = api({ insert: () => { throw new Error('API call to bigquery.jobs.insert failed with error: Empty response'); }, job: { status: { state: 'RUNNING' } } });
    const w = new BigQueryWarehouse(t.api, SETTINGS, sleeper, { newJobId: () => 'eros_q_1' });
    expect(w.query('SELECT 1', [], { label: 'q' }).rows).toEqual([{ x: 1 }]);
    expect(t.inserts).toEqual(['eros_q_1']);
    expect(t.gets).toEqual([{ jobId: 'eros_q_1', location: 'US' }]);
  });

  it('whose job does not exist is classified by its text', () => {
    const notFound = new Error('API call to bigquery.jobs.get failed with error: Not found: Job p:eros_q_1');
    for (const [text, transient] of [
      ["We're sorry, a server error occurred. Please wait a bit and try again.", true],
      ['API call to bigquery.jobs.insert failed with error: Access Denied: Project p: User does not have bigquery.jobs.create permission', false],
    ] as const) {
      const t = api({ insert: () => { throw new Error(text); }, job: notFound });
      const e = caught(() => new BigQueryWarehouse(t.api, SETTINGS, sleeper).query('SELECT 1', [], { label: 'q' }));
      expect({ message: e.message, reason: e.reason, transient: isTransient(e) }).toEqual({ message: `q: BigQuery insert failed: ${text}`, reason: undefined, transient });
    }
  });
});

describe('a failed call about a job that failed', () => {
  it('is classified by the job\'s errorResult, read in the job\'s own location', () => {
    const t = api({
      insert: () => ({ jobReference: { jobId: 'eros_q_2', location: 'us-west1' }, status: { state: 'RUNNING' } }),
      results: [new Error('API call to bigquery.jobs.getQueryResults failed with error: Error encountered during execution. Retrying may solve the problem.')],
      job: { status: { state: 'DONE', errorResult: { reason: 'jobBackendError', message: 'Error encountered during execution. Retrying may solve the problem.' } } },
    });
    const e = caught(() => new BigQueryWarehouse(t.api, SETTINGS, sleeper, { newJobId: () => 'eros_q_2' }).query('SELECT 1', [], { label: 'q' }));
    expect(e.reason).toBe('jobBackendError');
    expect(isTransient(e)).toBe(true);
    expect(t.gets).toEqual([{ jobId: 'eros_q_2', location: 'us-west1' }]);
    expect(t.results[0]).toMatchObject({ location: 'us-west1' });
  });

  it('a transaction aborted by a concurrent one comes as invalidQuery and is retried all the same', () => {
    const aborted = 'Transaction is aborted due to concurrent update against table p.d.active_caption_assignments. Transaction ID: 123';
    const t = api({ insert: () => ({ jobReference: { jobId: 'x' }, status: { state: 'DONE', errorResult: { reason: 'invalidQuery', message: aborted } } }) });
    const e = caught(() => new BigQueryWarehouse(t.api, SETTINGS, sleeper).query('MERGE …', [], { label: 'write' }));
    expect(e.reason).toBe('invalidQuery');
    expect(isTransient(e)).toBe(true);
  });
});

describe('the execution\'s time budget', () => {
  it('caps the wait for a job: the server-side wait and the polling stop at the time left', () => {
    const t = api({ results: Array.from({ length: 50 }, () => ({ jobComplete: false })) });
    let left = 25_000;
    const w = new BigQueryWarehouse(t.api, SETTINGS, { sleep: (ms) => void (left -= ms) }, { timeLeftMs: () => left, timeoutMs: 10_000 });
    const e = caught(() => w.query('SELECT 1', [], { label: 'slow' }));
    expect(e).toBeInstanceOf(ExecutionBudgetError);
    expect(e.message).toMatch(/^slow: BigQuery job .* was still running when this execution's time ran out/);
    expect(t.results.every((r) => (r.timeoutMs as number) <= 10_000)).toBe(true);
    // 3 s left: the one getQueryResults waits 3 s on the server, not 10, and then the time is up.
    const short = api({ results: [{ jobComplete: false }, DONE] });
    expect(() => new BigQueryWarehouse(short.api, SETTINGS, sleeper, { timeLeftMs: () => 3000 }).query('SELECT 1', [])).toThrow(ExecutionBudgetError);
    expect(short.results).toEqual([expect.objectContaining({ timeoutMs: 3000 })]);
  });

  it('a retry that would outlast the budget is not made: the run pauses, the breaker counts nothing', () => {
    let calls = 0;
    const inner = { query: () => { calls += 1; throw new WarehouseError('q: BigQuery insert failed: Backend Error'); } };
    const w = new ResilientWarehouse(inner, sleeper, new CircuitBreaker(), undefined, undefined, () => 3000);
    expect(() => w.query('SELECT 1', [])).toThrow(/Backend Error/);
    // Tried once and after 2 s; the 4 s retry would pass the 3 s left.
    expect(calls).toBe(2);
    expect(w.breaker.failures).toBe(0);
    expect(w.outOfTime).toBe(true);
    expect(w.outageSince(0)).toBe(true);
  });
});
