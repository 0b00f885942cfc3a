// The stand-in's load jobs (Jobs.insert with configuration.load and a Blob of newline-delimited
// JSON), large results kept in the worker and paged out, and BigQuery's 10 MB request limit.
import { createBigQueryStandIn, type BigQueryStandIn } from '../../../local/runtime/bigquery/index';
import { Blob } from '../../../local/runtime/utilities';

const PROJECT = 'of-scheduler-proj';
type Resp = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const blob = (text: string) => new Blob(Buffer.from(text), 'application/octet-stream', 'rows.json');

const loadJob = (tableId: string, extra: Record<string, unknown> = {}) => ({
  jobReference: { projectId: PROJECT, location: 'US' },
  configuration: {
    labels: { app: 'eros-scheduler', job: 'stage_schedules' },
    load: { destinationTable: { projectId: PROJECT, datasetId: 'eros_scheduling_brain', tableId }, sourceFormat: 'NEWLINE_DELIMITED_JSON', writeDisposition: 'WRITE_APPEND', createDisposition: 'CREATE_NEVER', ...extra },
  },
});

const staged = (scheduleId: string, loadId = 'L1') => ({
  load_id: loadId, staged_on: '2026-11-28', run_id: 'r1', schedule_id: scheduleId, page_name: 'alpha', week_start: '2026-11-30',
  size_tier: 'SMALL', risk_level: 'LOW', saturation_light: 'GREEN', caption_target: 30, message_count: 2,
  messages: [
    { slot_index: 0, scheduled_send_time: '2026-11-30T19:05:00.000Z', message_type: 'PPV', funnel_step: 'main', caption_id: 7, price: 12.5, selection_draw: 0.4, selection_reason: 'thompson' },
    { slot_index: 1, scheduled_send_time: '2026-11-30T21:05:00.000Z', message_type: 'BUMP', funnel_step: 'standalone', caption_id: null, price: null, selection_draw: null, selection_reason: 'bump' },
  ],
});

describe('BigQuery stand-in load jobs and large results', () => {
  let bq: BigQueryStandIn;
  beforeAll(() => {
    bq = createBigQueryStandIn({ passthrough: true, now: () => new Date('2026-11-28T11:05:00Z') });
  });
  afterAll(() => bq.close());
  afterEach(() => bq.faults.clear());

  test('a load job appends newline-delimited JSON (nested messages included) and reports DONE', () => {
    const data = [staged('s1'), staged('s2')].map((r) => JSON.stringify(r)).join('\n');
    const job: Resp = bq.service.Jobs.insert(loadJob('schedule_staging'), PROJECT, blob(data));
    expect(job.status).toEqual({ state: 'DONE' });
    expect(job.configuration.jobType).toBe('LOAD');
    expect(job.statistics.load).toMatchObject({ outputRows: '2', inputFileBytes: String(Buffer.byteLength(data)) });
    const again: Resp = bq.service.Jobs.get(PROJECT, job.jobReference.jobId, { location: 'US' });
    expect(again.status.state).toBe('DONE');
    const rows = bq.sql("SELECT schedule_id, len(messages) AS n, messages[1].scheduled_send_time AS t FROM eros_scheduling_brain.schedule_staging ORDER BY 1");
    expect(rows).toEqual([{ schedule_id: 's1', n: '2', t: '2026-11-30 19:05:00+00' }, { schedule_id: 's2', n: '2', t: '2026-11-30 19:05:00+00' }]);
    expect(bq.jobs.at(-1)).toMatchObject({ twin: 'load:schedule_staging', label: 'stage_schedules', rows: 2, bytesProcessed: 0 });
  });

  test('a bad row fails the whole job with BigQuery-shaped errors; nothing is appended', () => {
    const before = bq.sql('SELECT count(*) AS n FROM eros_scheduling_brain.schedule_staging')[0];
    const data = [JSON.stringify(staged('s3')), JSON.stringify({ ...staged('s4'), colour: 'red' }), JSON.stringify({ ...staged('s5'), load_id: null })].join('\n');
    const job: Resp = bq.service.Jobs.insert(loadJob('schedule_staging'), PROJECT, blob(data));
    expect(job.status.state).toBe('DONE');
    expect(job.status.errorResult.reason).toBe('invalid');
    expect(job.status.errorResult.message).toMatch(/JSON table encountered too many errors, giving up\. Rows: 3; errors: 2\./);
    expect(job.status.errors.slice(1).map((e: Resp) => e.message)).toEqual([
      expect.stringMatching(/JSON parsing error in row starting at position \d+: No such field: colour\.$/),
      expect.stringMatching(/Missing required field: load_id\.$/),
    ]);
    expect(bq.sql('SELECT count(*) AS n FROM eros_scheduling_brain.schedule_staging')[0]).toEqual(before);
  });

  test('a missing table fails the job with notFound; a load without media or in CSV is refused at insert', () => {
    const job: Resp = bq.service.Jobs.insert(loadJob('no_such_table'), PROJECT, blob('{"a":1}'));
    expect(job.status.errorResult).toEqual({ reason: 'notFound', message: `Not found: Table ${PROJECT}:eros_scheduling_brain.no_such_table` });
    expect(() => bq.service.Jobs.insert(loadJob('schedule_staging'), PROJECT)).toThrow(/must specify at least one source URI/);
    expect(() => bq.service.Jobs.insert(loadJob('schedule_staging', { sourceFormat: 'CSV' }), PROJECT, blob('a'))).toThrow(/NEWLINE_DELIMITED_JSON only/);
  });

  test('injected faults reach load jobs by their LOAD <table> tag: a failed call, or a job that fails', () => {
    bq.faults.fail('backendError', { match: 'LOAD schedule_staging', methods: ['insert'] });
    expect(() => bq.service.Jobs.insert(loadJob('schedule_staging'), PROJECT, blob(JSON.stringify(staged('s6'))))).toThrow(
      'API call to bigquery.jobs.insert failed with error: Error encountered during execution. Retrying may solve the problem.',
    );
    bq.faults.failJob('backendError', { match: 'LOAD schedule_staging' });
    const job: Resp = bq.service.Jobs.insert(loadJob('schedule_staging'), PROJECT, blob(JSON.stringify(staged('s7'))));
    expect(job.status).toMatchObject({ state: 'DONE', errorResult: { reason: 'backendError' } });
  });

  test('large results stay in the worker and are paged out exactly once each', () => {
    const first: Resp = bq.service.Jobs.query({ query: 'SELECT i FROM range(25000) t(i) ORDER BY i', useLegacySql: false, maxResults: 10000 }, PROJECT);
    expect(first.totalRows).toBe('25000');
    let n = first.rows.length;
    let last = '';
    for (let token = first.pageToken; token; ) {
      const page: Resp = bq.service.Jobs.getQueryResults(PROJECT, first.jobReference.jobId, { location: 'US', pageToken: token, maxResults: 10000 });
      n += page.rows.length;
      last = page.rows.at(-1).f[0].v;
      token = page.pageToken;
    }
    expect(n).toBe(25000);
    expect(last).toBe('24999');
    expect(bq.jobs.at(-1)).toMatchObject({ rows: 25000 });
  });

  test('a request over 10 MB (query parameters included) is refused as BigQuery does', () => {
    const big = { name: 'blob', parameterType: { type: 'STRING' }, parameterValue: { value: 'x'.repeat(10.5 * 1024 * 1024) } };
    expect(() => bq.service.Jobs.query({ query: 'SELECT length(@blob) AS n', useLegacySql: false, parameterMode: 'NAMED', queryParameters: [big] }, PROJECT)).toThrow(
      /Request payload size exceeds the limit: 10485760 bytes/,
    );
  });
});
