// One BigQuery global in front of two warehouses, one dataset each: a job goes to the dataset it
// names, and every later call about it reaches the warehouse that ran it.
import { BigQueryRouter, createBigQueryStandIn, type BigQueryStandIn } from '../../../local/runtime/bigquery/index';

type Resp = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const PROJECT = 'of-scheduler-proj';

describe('BigQueryRouter', () => {
  let a: BigQueryStandIn;
  let b: BigQueryStandIn;
  let router: BigQueryRouter;
  beforeAll(() => {
    a = createBigQueryStandIn({ dataset: 'agency_a', jobIdPrefix: 'a_', passthrough: true });
    b = createBigQueryStandIn({ dataset: 'agency_b', jobIdPrefix: 'b_', passthrough: true });
    a.sql("CREATE TABLE eros_scheduling_brain.t AS SELECT 'from a' AS who");
    b.sql("CREATE TABLE eros_scheduling_brain.t AS SELECT 'from b' AS who");
    router = new BigQueryRouter({ agency_a: a, agency_b: b });
  });
  afterAll(() => {
    a.close();
    b.close();
  });

  const insert = (dataset: string): Resp =>
    router.Jobs.insert({ configuration: { query: { query: `SELECT who FROM ${dataset}.t`, useLegacySql: false, defaultDataset: { projectId: PROJECT, datasetId: dataset } } }, jobReference: { location: 'US' } }, PROJECT) as Resp;

  it('sends each job to its dataset\'s warehouse and reads it back from there', () => {
    const ja = insert('agency_a');
    const jb = insert('agency_b');
    const who = (job: Resp) => (router.Jobs.getQueryResults(PROJECT, job.jobReference.jobId, { location: 'US' }) as Resp).rows[0].f[0].v;
    expect([who(ja), who(jb)]).toEqual(['from a', 'from b']);
    expect((router.Jobs.get(PROJECT, jb.jobReference.jobId, { location: 'US' }) as Resp).status.state).toBe('DONE');
    expect(a.jobs.map((j) => j.jobId)).toEqual([ja.jobReference.jobId]);
    expect(b.jobs.map((j) => j.jobId)).toEqual([jb.jobReference.jobId]);
  });

  it('a dataset no warehouse holds, or a job none ran, is not found', () => {
    expect(() => insert('agency_c')).toThrow('API call to bigquery.jobs.insert failed with error: Not found: Dataset of-scheduler-proj:agency_c');
    expect(() => router.Jobs.get(PROJECT, 'nope', { location: 'US' })).toThrow('Not found: Job of-scheduler-proj:nope');
  });
});
