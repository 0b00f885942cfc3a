// Contract tests of the BigQuery Advanced Service stand-in. Shapes follow
// developers.google.com/apps-script/advanced/bigquery and
// cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query (+ jobs/getQueryResults, jobs).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createBigQueryStandIn, DEFAULT_MESSAGE, type BigQueryStandIn } from '../../../local/runtime/bigquery/index';
import { isTransient } from '../../../src/core/run/retry';

const PROJECT = 'of-scheduler-proj';

/** A tiny twin registry of our own (the real twins belong to the SQL engineer). */
function fixtureRegistry(): { sqlDir: string; twinsDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bq-fixture-'));
  const files: Record<string, string> = {
    'sql/queries/recent_messages.sql': `-- Messages of some pages since a date (GoogleSQL).
SELECT message_id, page_name, sending_time, earnings
FROM eros_scheduling_brain.mass_messages
WHERE page_name IN UNNEST(@page_names)  # partition filter below
  AND DATE(sending_time) >= @since
ORDER BY message_id`,
    'twins/queries/recent_messages.sql': `SELECT message_id, page_name, sending_time, earnings
FROM eros_scheduling_brain.mass_messages
WHERE page_name = ANY($page_names) AND CAST(sending_time AS DATE) >= $since
ORDER BY message_id`,
    'sql/procedures/log_run.sql': `CREATE OR REPLACE PROCEDURE eros_scheduling_brain.log_run(run_date DATE, run_kind STRING)
BEGIN
  INSERT INTO eros_scheduling_brain.automation_run_log (run_id, run_date, run_kind, started_at, status)
  VALUES (GENERATE_UUID(), run_date, run_kind, CURRENT_TIMESTAMP(), 'STARTED');
  SELECT COUNT(*) AS runs FROM eros_scheduling_brain.automation_run_log WHERE run_date = run_date;
END`,
    'twins/procedures/log_run.sql': `INSERT INTO eros_scheduling_brain.automation_run_log (run_id, run_date, run_kind, started_at, status)
VALUES (uuid()::VARCHAR, $run_date, $run_kind, now(), 'STARTED');
SELECT count(*) AS runs, max(run_kind) AS last_kind FROM eros_scheduling_brain.automation_run_log WHERE run_date = $run_date;`,
    'twins/procedures/half_done.sql': `-- params: run_date DATE
INSERT INTO eros_scheduling_brain.automation_run_log (run_id, run_date, run_kind, started_at, status)
VALUES ('half', $run_date, 'daily', now(), 'STARTED');
SELECT 1 / 0 AS x FROM eros_scheduling_brain.no_such_table;`,
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return { sqlDir: path.join(root, 'sql'), twinsDir: path.join(root, 'twins') };
}

const SEED_ROWS = `INSERT INTO eros_scheduling_brain.mass_messages
SELECT printf('m%02d', i), CASE WHEN i % 2 = 0 THEN 'alpha' ELSE 'beta' END,
  TIMESTAMPTZ '2026-11-20 12:00:00+00' + to_hours(i), 'PPV', 100 + i, 'text ' || i, 9.99, 1000, 300, 10 + i, (10 + i) * 8.0
FROM range(23) t(i)`;

type Resp = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function q(query: string, params: unknown[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { query, useLegacySql: false, parameterMode: 'NAMED', queryParameters: params, ...extra };
}
const scalar = (name: string, type: string, value: string | null) => ({
  name,
  parameterType: { type },
  parameterValue: value === null ? {} : { value },
});

function thrown(fn: () => unknown): Error & { details?: any } { // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('BigQuery stand-in', () => {
  let bq: BigQueryStandIn;
  const now = new Date('2026-11-28T11:05:00Z');
  beforeAll(() => {
    bq = createBigQueryStandIn({ registry: fixtureRegistry(), passthrough: true, now: () => now });
    bq.sql(SEED_ROWS);
  });
  afterAll(() => bq.close());
  afterEach(() => bq.faults.clear());

  test('scalar named parameters come back as strings with BigQuery field types', () => {
    const r: Resp = bq.service.Jobs.query(
      q('SELECT @s AS s, @i AS i, @f AS f, @b AS b, @d AS d, @t AS t, @n AS n, @z AS z', [
        scalar('s', 'STRING', 'héllo'),
        scalar('i', 'INT64', '9007199254740993'),
        scalar('f', 'FLOAT64', '2.5'),
        scalar('b', 'BOOL', 'true'),
        scalar('d', 'DATE', '2026-11-27'),
        scalar('t', 'TIMESTAMP', '2025-12-02T22:00:00.000Z'),
        scalar('n', 'NUMERIC', '12.345'),
        scalar('z', 'STRING', null),
      ]),
      PROJECT,
    );
    expect(r.kind).toBe('bigquery#queryResponse');
    expect(r.jobComplete).toBe(true);
    expect(r.cacheHit).toBe(false);
    expect(r.totalRows).toBe('1');
    expect(r.schema.fields.map((f: Resp) => [f.name, f.type, f.mode])).toEqual([
      ['s', 'STRING', 'NULLABLE'],
      ['i', 'INTEGER', 'NULLABLE'],
      ['f', 'FLOAT', 'NULLABLE'],
      ['b', 'BOOLEAN', 'NULLABLE'],
      ['d', 'DATE', 'NULLABLE'],
      ['t', 'TIMESTAMP', 'NULLABLE'],
      ['n', 'NUMERIC', 'NULLABLE'],
      ['z', 'STRING', 'NULLABLE'],
    ]);
    expect(r.rows[0].f.map((c: Resp) => c.v)).toEqual(['héllo', '9007199254740993', '2.5', 'true', '2026-11-27', '1.7647128E9', '12.345000000', null]);
    expect(r.jobReference).toEqual({ projectId: PROJECT, jobId: expect.stringMatching(/^job_/), location: 'US' });
  });

  test('useInt64Timestamp gives epoch microseconds', () => {
    const r: Resp = bq.service.Jobs.query(
      q('SELECT @t AS t', [scalar('t', 'TIMESTAMP', '2026-11-27 10:00:00.123456+00')], { formatOptions: { useInt64Timestamp: true } }),
      PROJECT,
    );
    expect(r.rows[0].f[0].v).toBe('1795773600123456');
  });

  test('ARRAY parameters, typed empty arrays and REPEATED fields', () => {
    const r: Resp = bq.service.Jobs.query(
      q('SELECT @names AS names, len(@names) AS n, @empty AS empty, len(@empty) AS n_empty', [
        { name: 'names', parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } }, parameterValue: { arrayValues: [{ value: 'a' }, { value: 'b' }] } },
        { name: 'empty', parameterType: { type: 'ARRAY', arrayType: { type: 'INT64' } }, parameterValue: {} },
      ]),
      PROJECT,
    );
    expect(r.schema.fields[0]).toEqual({ name: 'names', type: 'STRING', mode: 'REPEATED' });
    expect(r.schema.fields[2]).toEqual({ name: 'empty', type: 'INTEGER', mode: 'REPEATED' });
    expect(r.rows[0].f).toEqual([{ v: [{ v: 'a' }, { v: 'b' }] }, { v: '2' }, { v: [] }, { v: '0' }]);
  });

  test('ARRAY<STRUCT> and STRUCT parameters, RECORD fields', () => {
    const structType = { type: 'STRUCT', structTypes: [{ name: 'page', type: { type: 'STRING' } }, { name: 'n', type: { type: 'INT64' } }] };
    const row = (page: string, n: string) => ({ structValues: { page: { value: page }, n: { value: n } } });
    const r: Resp = bq.service.Jobs.query(
      q('SELECT @rows AS rows, @one AS one, @one.page AS one_page, (SELECT sum(x.n) FROM (SELECT unnest(@rows) AS x)) AS total', [
        { name: 'rows', parameterType: { type: 'ARRAY', arrayType: structType }, parameterValue: { arrayValues: [row('alpha', '2'), row('beta', '5')] } },
        { name: 'one', parameterType: structType, parameterValue: row('gamma', '1') },
      ]),
      PROJECT,
    );
    const [rows, one] = r.schema.fields;
    expect(rows).toEqual({
      name: 'rows', type: 'RECORD', mode: 'REPEATED',
      fields: [{ name: 'page', type: 'STRING', mode: 'NULLABLE' }, { name: 'n', type: 'INTEGER', mode: 'NULLABLE' }],
    });
    expect(one.type).toBe('RECORD');
    expect(one.mode).toBe('NULLABLE');
    expect(r.rows[0].f[0].v).toEqual([{ v: { f: [{ v: 'alpha' }, { v: '2' }] } }, { v: { f: [{ v: 'beta' }, { v: '5' }] } }]);
    expect(r.rows[0].f[1].v).toEqual({ f: [{ v: 'gamma' }, { v: '1' }] });
    expect(r.rows[0].f[2].v).toBe('gamma');
    expect(r.rows[0].f[3].v).toBe('7');
    // An empty ARRAY<STRUCT> still binds with its element type.
    const e: Resp = bq.service.Jobs.query(
      q('SELECT len(@rows) AS n', [{ name: 'rows', parameterType: { type: 'ARRAY', arrayType: structType }, parameterValue: { arrayValues: [] } }]),
      PROJECT,
    );
    expect(e.rows[0].f[0].v).toBe('0');
  });

  test('malformed parameters are refused naming the parameter', () => {
    const e = thrown(() => bq.service.Jobs.query(q('SELECT @d AS d', [scalar('d', 'DATE', '2026-13-40')]), PROJECT));
    expect(e.message).toMatch(/^API call to bigquery\.jobs\.query failed with error: Query parameter @d: "2026-13-40" is not a valid DATE/);
    expect(e.details.errors[0].reason).toBe('invalidQuery');
    expect(() => bq.service.Jobs.query({ query: 'SELECT 1 AS x' }, PROJECT)).toThrow(/useLegacySql: false/);
  });

  test('paging with maxResults and pageToken covers every row exactly once', () => {
    const first: Resp = bq.service.Jobs.query(q('SELECT message_id FROM eros_scheduling_brain.mass_messages ORDER BY message_id', [], { maxResults: 5 }), PROJECT);
    expect(first.totalRows).toBe('23');
    const ids: string[] = first.rows.map((r: Resp) => r.f[0].v);
    let token = first.pageToken as string | undefined;
    let pages = 1;
    while (token) {
      const page: Resp = bq.service.Jobs.getQueryResults(PROJECT, first.jobReference.jobId, { location: 'US', pageToken: token, maxResults: 5 });
      ids.push(...page.rows.map((r: Resp) => r.f[0].v));
      token = page.pageToken;
      pages += 1;
    }
    expect(pages).toBe(5);
    expect(ids).toHaveLength(23);
    expect(new Set(ids).size).toBe(23);
    expect(ids[0]).toBe('m00');
    expect(ids[22]).toBe('m22');
  });

  test('a default page size switch forces multi-page results; empty results omit rows', () => {
    bq.faults.defaultPageSize = 10;
    const r: Resp = bq.service.Jobs.query(q('SELECT message_id FROM eros_scheduling_brain.mass_messages'), PROJECT);
    expect(r.rows).toHaveLength(10);
    expect(r.pageToken).toEqual(expect.any(String));
    const empty: Resp = bq.service.Jobs.query(q("SELECT message_id FROM eros_scheduling_brain.mass_messages WHERE page_name = 'nobody'"), PROJECT);
    expect(empty.totalRows).toBe('0');
    expect(empty.rows).toBeUndefined();
    expect(empty.schema.fields).toHaveLength(1);
  });

  test('jobComplete: false for the first polls, then getQueryResults has the rows', () => {
    bq.faults.incompleteFor(2, { match: 'count(*)' });
    const r: Resp = bq.service.Jobs.query(q('SELECT count(*) AS n FROM eros_scheduling_brain.mass_messages'), PROJECT);
    expect(r.jobComplete).toBe(false);
    expect(r.rows).toBeUndefined();
    expect(r.schema).toBeUndefined();
    const jobId = r.jobReference.jobId;
    const second: Resp = bq.service.Jobs.getQueryResults(PROJECT, jobId, { location: 'US' });
    expect(second.jobComplete).toBe(false);
    const done: Resp = bq.service.Jobs.getQueryResults(PROJECT, jobId, { location: 'US' });
    expect(done.jobComplete).toBe(true);
    expect(done.kind).toBe('bigquery#getQueryResultsResponse');
    expect(done.rows[0].f[0].v).toBe('23');
  });

  // Apps Script throws the API's text alone: "API call to bigquery.jobs.<method> failed with error:
  // <message>" (developers.google.com/apps-script/guides/services/advanced); no reason is appended.
  test('injected rateLimitExceeded / backendError read exactly like Apps Script errors', () => {
    bq.faults.fail('rateLimitExceeded');
    const e1 = thrown(() => bq.service.Jobs.query(q('SELECT 1 AS x'), PROJECT));
    expect(e1.name).toBe('GoogleJsonResponseException');
    expect(e1.message).toBe(`API call to bigquery.jobs.query failed with error: ${DEFAULT_MESSAGE.rateLimitExceeded}`);
    expect(e1.message).not.toMatch(/reason/);
    expect(e1.details).toMatchObject({ code: 403, errors: [{ reason: 'rateLimitExceeded' }] });
    expect(isTransient(new Error(e1.message))).toBe(true);
    // Only once: the retry succeeds.
    expect((bq.service.Jobs.query(q('SELECT 1 AS x'), PROJECT) as Resp).rows[0].f[0].v).toBe('1');

    bq.faults.fail('backendError', { times: 2, methods: ['getQueryResults'] });
    const ok: Resp = bq.service.Jobs.query(q('SELECT 2 AS x'), PROJECT);
    const e2 = thrown(() => bq.service.Jobs.getQueryResults(PROJECT, ok.jobReference.jobId, { location: 'US' }));
    expect(e2.message).toBe('API call to bigquery.jobs.getQueryResults failed with error: Error encountered during execution. Retrying may solve the problem.');
    expect(e2.details.code).toBe(503);
    expect(isTransient(new Error(e2.message))).toBe(true);
    expect(() => bq.service.Jobs.getQueryResults(PROJECT, ok.jobReference.jobId, { location: 'US' })).toThrow(/Retrying may solve the problem/);
    expect((bq.service.Jobs.getQueryResults(PROJECT, ok.jobReference.jobId, { location: 'US' }) as Resp).rows[0].f[0].v).toBe('2');

    bq.faults.fail('quotaExceeded', { match: /FROM eros_scheduling_brain\.creators/ });
    expect(() => bq.service.Jobs.query(q('SELECT 3 AS x'), PROJECT)).not.toThrow();
    const e3 = thrown(() => bq.service.Jobs.query(q('SELECT count(*) AS n FROM eros_scheduling_brain.creators'), PROJECT));
    expect(e3.message).toMatch(/Quota exceeded/);
    expect(isTransient(new Error(e3.message))).toBe(false);
    expect(bq.faults.thrown.map((t) => t.reason)).toEqual(['rateLimitExceeded', 'backendError', 'backendError', 'quotaExceeded']);
  });

  test('Apps Script\'s own errors are thrown with exactly their text', () => {
    bq.faults.fail('backendError', { exact: "We're sorry, a server error occurred. Please wait a bit and try again." });
    const e = thrown(() => bq.service.Jobs.query(q('SELECT 1 AS x'), PROJECT));
    expect([e.name, e.message]).toEqual(['Exception', "We're sorry, a server error occurred. Please wait a bit and try again."]);
  });

  // jobs.insert "Starts a new asynchronous job"; a job that fails while it runs is DONE with
  // status.errorResult: "Final error result of the job. If present, indicates that the job has
  // completed and was unsuccessful" (cloud.google.com/bigquery/docs/reference/rest/v2/Job#jobstatus).
  test('a job that fails while it runs: insert answers with the job, getQueryResults throws, Jobs.get shows errorResult', () => {
    bq.faults.failJob('invalidQuery', { message: 'Transaction is aborted due to concurrent update against table of-scheduler-proj.eros_scheduling_brain.schedules.' });
    const job: Resp = bq.service.Jobs.insert({ configuration: { query: q('SELECT 4 AS x') }, jobReference: { location: 'US', jobId: 'eros_probe_1' } }, PROJECT);
    expect(job.jobReference.jobId).toBe('eros_probe_1');
    expect(job.status).toEqual({
      state: 'DONE',
      errorResult: { reason: 'invalidQuery', message: expect.stringMatching(/^Transaction is aborted due to concurrent update/) },
      errors: [expect.objectContaining({ reason: 'invalidQuery' })],
    });
    const e = thrown(() => bq.service.Jobs.getQueryResults(PROJECT, 'eros_probe_1', { location: 'US' }));
    expect(e.message).toMatch(/^API call to bigquery\.jobs\.getQueryResults failed with error: Transaction is aborted due to concurrent update/);
    const got: Resp = bq.service.Jobs.get(PROJECT, 'eros_probe_1', { location: 'US' });
    expect(got.status.errorResult.reason).toBe('invalidQuery');
    // A job id is the client's to choose once (JobReference.jobId); reusing it is refused.
    const dup = thrown(() => bq.service.Jobs.insert({ configuration: { query: q('SELECT 5 AS x') }, jobReference: { location: 'US', jobId: 'eros_probe_1' } }, PROJECT));
    expect(dup.message).toBe('API call to bigquery.jobs.insert failed with error: Already Exists: Job of-scheduler-proj:US.eros_probe_1');
    // A call that failed before the job existed leaves nothing to find.
    bq.faults.fail('backendError', { methods: ['insert'] });
    expect(() => bq.service.Jobs.insert({ configuration: { query: q('SELECT 6 AS x') }, jobReference: { location: 'US', jobId: 'eros_probe_2' } }, PROJECT)).toThrow(/Retrying/);
    expect(() => bq.service.Jobs.get(PROJECT, 'eros_probe_2', { location: 'US' })).toThrow('API call to bigquery.jobs.get failed with error: Not found: Job of-scheduler-proj:eros_probe_2');
  });

  test('maximumBytesBilled on Jobs.insert: over the limit, the job fails with bytesBilledLimitExceeded', () => {
    const job = (limit: string) => ({
      configuration: { query: { ...q('SELECT sum(earnings) AS e FROM eros_scheduling_brain.mass_messages'), maximumBytesBilled: limit } },
      jobReference: { location: 'US' },
    });
    const failed: Resp = bq.service.Jobs.insert(job('1000'), PROJECT);
    expect(failed.status.errorResult.reason).toBe('bytesBilledLimitExceeded');
    expect(failed.status.errorResult.message).toMatch(/^Query exceeded limit for bytes billed: 1000\. \d+ or higher required/);
    const e = thrown(() => bq.service.Jobs.query({ ...q('SELECT sum(earnings) AS e FROM eros_scheduling_brain.mass_messages'), maximumBytesBilled: '1000' }, PROJECT));
    expect(e.message).toMatch(/^API call to bigquery\.jobs\.query failed with error: Query exceeded limit for bytes billed: 1000\./);
    expect(e.details.errors[0].reason).toBe('bytesBilledLimitExceeded');
    const done: Resp = bq.service.Jobs.insert(job(String(1e12)), PROJECT);
    expect(done.status).toEqual({ state: 'DONE' });
    expect(Number(done.statistics.query.totalBytesProcessed)).toBeGreaterThan(0);
    expect(Number(done.statistics.query.totalBytesBilled)).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    const got: Resp = bq.service.Jobs.get(PROJECT, done.jobReference.jobId, { location: 'US' });
    expect(got.status.state).toBe('DONE');
    const res: Resp = bq.service.Jobs.getQueryResults(PROJECT, done.jobReference.jobId, { location: 'US' });
    expect(Number(res.rows[0].f[0].v)).toBeCloseTo(8 * (23 * 10 + 253), 6);
  });

  test('a registered twin answers the GoogleSQL text, comments and dataset name aside', () => {
    const googleSql = fs.readFileSync(path.join(bq.registry.dirs.sqlDir, 'queries', 'recent_messages.sql'), 'utf8').replace(/eros_scheduling_brain\./g, 'eros_prod.');
    const r: Resp = bq.service.Jobs.query(
      q(googleSql, [
        { name: 'page_names', parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } }, parameterValue: { arrayValues: [{ value: 'alpha' }] } },
        scalar('since', 'DATE', '2026-11-20'),
      ], { defaultDataset: { projectId: PROJECT, datasetId: 'eros_prod' } }),
      PROJECT,
    );
    expect(r.totalRows).toBe('12');
    expect(r.schema.fields.map((f: Resp) => f.type)).toEqual(['STRING', 'STRING', 'TIMESTAMP', 'FLOAT']);
    expect(bq.jobs.at(-1)?.twin).toBe('query:recent_messages');
  });

  test('CALL runs the procedure twin with literal or @param arguments, in one transaction', () => {
    const r1: Resp = bq.service.Jobs.query(q("CALL eros_scheduling_brain.log_run(@run_date, 'daily')", [scalar('run_date', 'DATE', '2026-11-28')]), PROJECT);
    expect(r1.rows[0].f.map((c: Resp) => c.v)).toEqual(['1', 'daily']);
    const r2: Resp = bq.service.Jobs.query(q('CALL `of-scheduler-proj.eros_scheduling_brain.log_run`(CURRENT_DATE("America/Los_Angeles"), "manual")'), PROJECT);
    expect(r2.rows[0].f.map((c: Resp) => c.v)).toEqual(['2', 'manual']);
    expect(bq.jobs.at(-1)?.twin).toBe('procedure:log_run');
    // A failing script leaves nothing behind.
    const e = thrown(() => bq.service.Jobs.query(q("CALL eros_scheduling_brain.half_done(DATE '2026-11-29')"), PROJECT));
    expect(e.details.errors[0].reason).toBe('invalidQuery');
    expect(bq.sql("SELECT count(*) AS n FROM eros_scheduling_brain.automation_run_log WHERE run_id = 'half'")[0]?.n).toBe('0');
    expect(() => bq.service.Jobs.query(q('CALL eros_scheduling_brain.nope()'), PROJECT)).toThrow(/Not found: Procedure/);
  });

  test('DML reports numDmlAffectedRows; every job is recorded', () => {
    const before = bq.jobs.length;
    const r: Resp = bq.service.Jobs.query(
      q("UPDATE eros_scheduling_brain.mass_messages SET caption_text = 'x' WHERE page_name = @p", [scalar('p', 'STRING', 'beta')]),
      PROJECT,
    );
    expect(r.numDmlAffectedRows).toBe('11');
    const job = bq.jobs[before];
    expect(job).toMatchObject({ method: 'query', twin: 'passthrough', statementType: 'UPDATE', rows: 0 });
    expect(job?.params).toEqual([{ name: 'p', type: { kind: 'STRING' }, value: 'beta' }]);
    expect(job?.bytesProcessed).toBeGreaterThan(0);
    expect(Number(bq.sql('SELECT count(*) AS n FROM eros_scheduling_brain.jobs_by_project')[0]?.n)).toBeGreaterThan(0);
  });

  test('the synchronous bridge costs little per call', () => {
    const n = 200;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) bq.service.Jobs.query(q('SELECT @i AS i', [scalar('i', 'INT64', String(i))]), PROJECT);
    const perCallMs = Number(process.hrtime.bigint() - t0) / 1e6 / n;
    console.log(`stand-in round trip: ${perCallMs.toFixed(3)} ms per Jobs.query (SELECT @i)`);
    expect(perCallMs).toBeLessThan(25);
  });
});

describe('BigQuery stand-in without passthrough, in a region', () => {
  let bq: BigQueryStandIn;
  beforeAll(() => {
    bq = createBigQueryStandIn({ registry: fixtureRegistry(), location: 'us-west1' });
  });
  afterAll(() => bq.close());

  test('a statement without a twin is an invalidQuery naming it', () => {
    const e = thrown(() => bq.service.Jobs.query(q('SELECT 42 AS answer'), PROJECT));
    expect(e.message).toMatch(/no DuckDB twin for this statement: SELECT 42 AS answer/);
    expect(isTransient(e)).toBe(false);
  });

  test('a job in us-west1 asked without (or with another) location is Not found', () => {
    const r: Resp = bq.service.Jobs.query(q("CALL eros_scheduling_brain.log_run(DATE '2026-11-28', 'x')", [], { location: 'us-west1' }), PROJECT);
    const jobId = r.jobReference.jobId;
    expect(r.jobReference.location).toBe('us-west1');
    const e = thrown(() => bq.service.Jobs.getQueryResults(PROJECT, jobId));
    expect(e.message).toBe(`API call to bigquery.jobs.getQueryResults failed with error: Not found: Job ${PROJECT}:${jobId}`);
    expect(e.details.code).toBe(404);
    expect(() => bq.service.Jobs.getQueryResults(PROJECT, jobId, { location: 'EU' })).toThrow(/Not found: Job/);
    expect((bq.service.Jobs.getQueryResults(PROJECT, jobId, { location: 'us-west1' }) as Resp).jobComplete).toBe(true);
  });
});
