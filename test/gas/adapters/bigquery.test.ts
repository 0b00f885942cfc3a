import { BigQueryWarehouse, type BigQueryApi, type QueryResultsResponse, type JobResource } from '../../../src/gas/adapters/bigquery';
import { decodeRows } from '../../../src/gas/adapters/bigquery-decode';
import { param } from '../../../src/core/run/params';
import { ResilientWarehouse, CircuitBreaker } from '../../../src/core/run/retry';

const SETTINGS = { project: 'of-scheduler-proj', dataset: 'eros_prod', location: 'us-west1', maximumBytesBilled: 5_000_000 };
/** The job id the adapter gives its next job (BigQuery echoes it in jobReference). */
const jobIds = (id: string) => ({ newJobId: () => id });

function sleeper() {
  const slept: number[] = [];
  return { slept, sleep: (ms: number) => void slept.push(ms) };
}

/** A fake BigQuery service: queued getQueryResults answers, recorded calls. */
function fakeApi(answers: Array<QueryResultsResponse | Error>, insertAnswer: JobResource = { jobReference: { projectId: 'of-scheduler-proj', jobId: 'job_1', location: 'us-west1' }, status: { state: 'RUNNING' } }) {
  const inserts: Array<{ job: Record<string, unknown>; projectId: string }> = [];
  const polls: Array<{ jobId: string; args: Record<string, unknown> }> = [];
  const api: BigQueryApi & { jobStatus?: JobResource } = {
    Jobs: {
      insert: (job, projectId) => {
        inserts.push({ job: job as Record<string, unknown>, projectId });
        return insertAnswer;
      },
      getQueryResults: (_p, jobId, args) => {
        polls.push({ jobId, args: args as Record<string, unknown> });
        const a = answers.shift();
        if (!a) throw new Error('no more answers');
        if (a instanceof Error) throw a;
        return a;
      },
      get: () => api.jobStatus ?? { status: { state: 'RUNNING' } },
    },
  };
  return { api, inserts, polls };
}

const schema = {
  fields: [
    { name: 'page_name', type: 'STRING', mode: 'NULLABLE' },
    { name: 'n', type: 'INTEGER' },
    { name: 'x', type: 'FLOAT' },
    { name: 'ok', type: 'BOOLEAN' },
    { name: 'at', type: 'TIMESTAMP' },
    { name: 'd', type: 'DATE' },
    { name: 'hours', type: 'INTEGER', mode: 'REPEATED' },
    { name: 'rec', type: 'RECORD', fields: [{ name: 'lo', type: 'FLOAT' }, { name: 'tags', type: 'STRING', mode: 'REPEATED' }] },
  ],
};
const restRow = (page: string) => ({
  f: [
    { v: page }, { v: '42' }, { v: '0.5' }, { v: 'true' }, { v: '1.7647128E9' }, { v: '2026-12-03' },
    { v: [{ v: '19' }, { v: '21' }] }, { v: { f: [{ v: '0.1' }, { v: [{ v: 'a' }] }] } },
  ],
});

describe('BigQueryWarehouse', () => {
  it('inserts a parameterized job with bytes cap, location and qualified dataset', () => {
    const { api, inserts, polls } = fakeApi([{ jobComplete: true, schema, rows: [restRow('anna')], totalBytesProcessed: '2048' }]);
    const w = new BigQueryWarehouse(api, SETTINGS, sleeper(), jobIds('job_1'));
    const params = [param.array('page_names', 'STRING', ['anna'])];
    const r = w.query('SELECT * FROM eros_scheduling_brain.creators WHERE page_name IN UNNEST(@page_names)', params, { label: 'page_analysis' });
    expect(inserts).toHaveLength(1);
    expect(inserts[0]!.projectId).toBe('of-scheduler-proj');
    expect(inserts[0]!.job).toMatchObject({
      jobReference: { projectId: 'of-scheduler-proj', location: 'us-west1', jobId: 'job_1' },
      configuration: {
        labels: { app: 'eros-scheduler', job: 'page_analysis' },
        query: {
          query: 'SELECT * FROM eros_prod.creators WHERE page_name IN UNNEST(@page_names)',
          useLegacySql: false,
          parameterMode: 'NAMED',
          queryParameters: params,
          maximumBytesBilled: '5000000',
          defaultDataset: { projectId: 'of-scheduler-proj', datasetId: 'eros_prod' },
        },
      },
    });
    expect(polls[0]).toMatchObject({ jobId: 'job_1', args: { location: 'us-west1', timeoutMs: 10000 } });
    expect(r).toEqual({
      jobId: 'job_1',
      bytesProcessed: 2048,
      rows: [{ page_name: 'anna', n: 42, x: 0.5, ok: true, at: new Date('2025-12-02T22:00:00Z'), d: '2026-12-03', hours: [19, 21], rec: { lo: 0.1, tags: ['a'] } }],
    });
  });

  it('polls with back-off while jobComplete is false, then follows pageToken', () => {
    const s = sleeper();
    const { api, polls } = fakeApi([
      { jobComplete: false },
      { jobComplete: false },
      { jobComplete: false },
      { jobComplete: true, schema, rows: [restRow('a')], pageToken: 'p2' },
      { jobComplete: true, schema, rows: [restRow('b'), restRow('c')], pageToken: 'p3' },
      { jobComplete: true, schema, rows: [restRow('d')] },
    ]);
    const r = new BigQueryWarehouse(api, SETTINGS, s).query('SELECT 1', []);
    expect(s.slept).toEqual([500, 1000, 2000]);
    expect(r.rows.map((x) => x.page_name)).toEqual(['a', 'b', 'c', 'd']);
    expect(polls.slice(4).map((p) => p.args.pageToken)).toEqual(['p2', 'p3']);
  });

  it('gives up with a clear error after its polling budget, capping the delay at 8 s', () => {
    const s = sleeper();
    const { api } = fakeApi(Array.from({ length: 50 }, () => ({ jobComplete: false })));
    const w = new BigQueryWarehouse(api, SETTINGS, s, { pollBudgetMs: 120_000, timeoutMs: 1000, ...jobIds('job_1') });
    expect(() => w.query('SELECT 1', [], { label: 'slow' })).toThrow(/slow: BigQuery job job_1 did not complete within 120 s/);
    expect(Math.max(...s.slept)).toBe(8000);
    expect(s.slept.slice(0, 5)).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('surfaces a job error result with its reason', () => {
    const { api } = fakeApi([], { jobReference: { jobId: 'job_9' }, status: { state: 'DONE', errorResult: { reason: 'invalidQuery', message: 'Unrecognized name: foo', location: 'query' } } });
    const w = new BigQueryWarehouse(api, SETTINGS, sleeper());
    expect(() => w.query('SELECT foo', [], { label: 'q' })).toThrow('q: BigQuery job job_9 failed — invalidQuery: Unrecognized name: foo (at query)');
    try {
      w.query('SELECT foo', []);
    } catch (e) {
      expect((e as { reason?: string }).reason).toBe('invalidQuery');
    }
  });

  it('reads the job status when getQueryResults throws for a failed job', () => {
    const { api } = fakeApi([new Error('API call to bigquery.jobs.getQueryResults failed with error: Query error')]);
    api.jobStatus = { status: { state: 'DONE', errorResult: { reason: 'bytesBilledLimitExceeded', message: 'Query exceeded limit for bytes billed: 5000000.' } } };
    expect(() => new BigQueryWarehouse(api, SETTINGS, sleeper()).query('SELECT 1', [])).toThrow(/bytesBilledLimitExceeded: Query exceeded limit/);
  });

  it('lets the retry layer retry a thrown transient service error', () => {
    const s = sleeper();
    const { api } = fakeApi([new Error('API call to bigquery.jobs.getQueryResults failed with error: Backend Error'), { jobComplete: true, schema, rows: [] }]);
    const w = new ResilientWarehouse(new BigQueryWarehouse(api, SETTINGS, s), s, new CircuitBreaker());
    expect(w.query('SELECT 1', []).rows).toEqual([]);
    expect(s.slept).toEqual([2000]);
  });

  it('refuses an invalid dataset before sending anything', () => {
    const { api, inserts } = fakeApi([]);
    const w = new BigQueryWarehouse(api, { ...SETTINGS, dataset: 'x; DROP' }, sleeper());
    expect(() => w.query('SELECT 1 FROM eros_scheduling_brain.t', [])).toThrow(/dataset id/);
    expect(inserts).toHaveLength(0);
  });
});

describe('BigQueryWarehouse paged reads and load jobs', () => {
  it('openCursor hands out one page at a time; a failed fetch is retried with the same token', () => {
    const { api, polls } = fakeApi([
      { jobComplete: true, schema, rows: [restRow('a')], pageToken: 'p2', totalRows: '3', totalBytesProcessed: '99' },
      new Error('API call to bigquery.jobs.getQueryResults failed with error: Backend error (backendError)'),
      { jobComplete: true, schema, rows: [restRow('b'), restRow('c')] },
    ]);
    const cursor = new BigQueryWarehouse(api, SETTINGS, sleeper(), jobIds('job_1')).openCursor('SELECT 1', [], { label: 'caption_candidates', pageRows: 2 });
    expect(cursor).toMatchObject({ jobId: 'job_1', bytesProcessed: 99, totalRows: 3 });
    expect(polls[0]!.args).toMatchObject({ maxResults: 2 });
    expect(cursor.nextPage()!.map((r) => r.page_name)).toEqual(['a']);
    expect(() => cursor.nextPage()).toThrow(/caption_candidates: BigQuery getQueryResults failed: .*backendError/);
    expect(cursor.nextPage()!.map((r) => r.page_name)).toEqual(['b', 'c']);
    expect(cursor.nextPage()).toBeNull();
    expect(polls.slice(1).map((p) => [p.args.pageToken, p.args.maxResults])).toEqual([['p2', 2], ['p2', 2]]);
  });

  it('ResilientWarehouse.queryPages retries the page, not the job, and stops when asked', () => {
    const s = sleeper();
    const { api, inserts } = fakeApi([
      { jobComplete: true, schema, rows: [restRow('a')], pageToken: 'p2' },
      new Error('API call to bigquery.jobs.getQueryResults failed with error: Backend error (backendError)'),
      { jobComplete: true, schema, rows: [restRow('b')], pageToken: 'p3' },
    ]);
    const w = new ResilientWarehouse(new BigQueryWarehouse(api, SETTINGS, s), s, new CircuitBreaker());
    const seen: string[] = [];
    const read = w.queryPages('SELECT 1', [], { label: 'x' }, (rows) => {
      seen.push(...rows.map((r) => r.page_name as string));
      return seen.length < 2;
    });
    expect(seen).toEqual(['a', 'b']);
    expect(read).toMatchObject({ pages: 2, rows: 2, stopped: true });
    expect(inserts).toHaveLength(1);
    expect(s.slept).toEqual([2000]);
    expect(w.jobs).toEqual([expect.objectContaining({ label: 'x', attempts: 1, pages: 2, pageRetries: 1, ok: true })]);
  });

  it('loads newline-delimited JSON with one load job and polls it until DONE', () => {
    const s = sleeper();
    const blobs: Array<{ data: string; type: string }> = [];
    const calls: string[] = [];
    let gets = 0;
    const api: BigQueryApi = {
      Jobs: {
        insert: (job, _p, media) => {
          calls.push(JSON.stringify((job as { configuration: unknown }).configuration));
          expect(media).toBe(blobs[0]);
          return { jobReference: { jobId: 'load_1', location: 'us-west1' }, status: { state: 'RUNNING' } };
        },
        getQueryResults: () => {
          throw new Error('not a query');
        },
        get: () => (++gets < 2 ? { status: { state: 'RUNNING' } } : { status: { state: 'DONE' }, statistics: { load: { outputRows: '2' } } }),
      },
    };
    const w = new BigQueryWarehouse(api, SETTINGS, s, { newBlob: (data, type) => (blobs.push({ data, type }), blobs[blobs.length - 1]), ...jobIds('load_1') });
    const at = new Date('2026-11-30T19:05:00Z');
    const r = w.load('schedule_staging', [{ a: 1, at }, { a: 2, at: null }], { label: 'stage_schedules' });
    expect(r).toEqual({ jobId: 'load_1', rows: 2, bytes: blobs[0]!.data.length });
    expect(blobs[0]!.data).toBe('{"a":1,"at":"2026-11-30T19:05:00.000Z"}\n{"a":2,"at":null}');
    expect(JSON.parse(calls[0]!)).toEqual({
      labels: { app: 'eros-scheduler', job: 'stage_schedules' },
      load: {
        destinationTable: { projectId: 'of-scheduler-proj', datasetId: 'eros_prod', tableId: 'schedule_staging' },
        sourceFormat: 'NEWLINE_DELIMITED_JSON', writeDisposition: 'WRITE_APPEND', createDisposition: 'CREATE_NEVER',
      },
    });
    expect(s.slept).toEqual([500, 1000]);
  });

  it('surfaces a failed load with its first row error, and refuses a bad table id', () => {
    const api: BigQueryApi = {
      Jobs: {
        insert: () => ({
          jobReference: { jobId: 'load_2' },
          status: {
            state: 'DONE',
            errorResult: { reason: 'invalid', message: 'Error while reading data, error message: JSON table encountered too many errors, giving up. Rows: 1; errors: 1.' },
            errors: [{ reason: 'invalid', message: 'Error while reading data, error message: JSON parsing error in row starting at position 0: No such field: x.' }],
          },
        }),
        getQueryResults: () => ({}),
      },
    };
    const w = new BigQueryWarehouse(api, SETTINGS, sleeper(), { newBlob: (d) => d, ...jobIds('load_2') });
    expect(() => w.load('schedule_staging', [{ x: 1 }], { label: 'stage' })).toThrow(/stage: BigQuery job load_2 failed — invalid: .*too many errors.*; first error: invalid: .*No such field: x\./);
    expect(() => w.load('bad-table', [])).toThrow(/table id "bad-table" is not valid/);
  });
});

describe('decodeRows', () => {
  const f = (type: string, mode?: string) => [{ name: 'c', type, mode }];
  it('decodes NULLs, empty repeated fields and null records', () => {
    expect(decodeRows([...f('STRING'), { name: 'r', type: 'INTEGER', mode: 'REPEATED' }, { name: 's', type: 'RECORD', fields: [] }], [{ f: [{ v: null }, { v: [] }, { v: null }] }])).toEqual([{ c: null, r: [], s: null }]);
  });
  it('parses TIMESTAMP float seconds, micros and ISO', () => {
    const at = (v: string) => decodeRows(f('TIMESTAMP'), [{ f: [{ v }] }])[0]!.c as Date;
    expect(at('1.7647128E9').toISOString()).toBe('2025-12-02T22:00:00.000Z');
    expect(at('1764712800.123456').toISOString()).toBe('2025-12-02T22:00:00.123Z');
    expect(at('1764712800123456').toISOString()).toBe('2025-12-02T22:00:00.123Z');
    expect(at('-1.0E3').toISOString()).toBe('1969-12-31T23:43:20.000Z');
    expect(at('2026-11-30T19:05:00Z').toISOString()).toBe('2026-11-30T19:05:00.000Z');
  });
  it('refuses values it would corrupt, naming the column', () => {
    expect(() => decodeRows(f('INTEGER'), [{ f: [{ v: '9007199254740993' }] }])).toThrow('column c: INT64 beyond 2^53');
    expect(() => decodeRows(f('BOOLEAN'), [{ f: [{ v: 'yes' }] }])).toThrow('column c: is not a boolean');
    expect(() => decodeRows(f('TIMESTAMP'), [{ f: [{ v: 'soon' }] }])).toThrow('column c: is not a timestamp');
  });
});
