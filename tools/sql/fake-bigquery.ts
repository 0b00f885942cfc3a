/**
 * A recorded fake of BigQuery's REST API for the deploy: an HTTP server on the loopback that the
 * official client talks to (apiEndpoint), answering datasets.get/insert, tables.get/patch,
 * jobs.insert/get and jobs.getQueryResults in the shapes of the reference pages
 * (cloud.google.com/bigquery/docs/reference/rest/v2/...), error bodies included
 * ({ error: { code, message, errors: [{ reason, message }] } }, error-messages). It starts from a
 * recorded dataset (tools/sql/recorded/*.json: what datasets.get and tables.get returned for a
 * dataset deployed by an earlier sql/) and keeps what the deploy's DDL does to it: CREATE TABLE IF
 * NOT EXISTS (a no-op on an existing table), ALTER TABLE ADD COLUMN / ALTER COLUMN DROP NOT NULL /
 * SET DATA TYPE / SET OPTIONS, tables.patch of clustering. Faults: an API call answered with an
 * error, or a job that ends with status.errorResult.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { codeOnly } from './files';
import { field, parseTable, type TableResource } from './ddl';

export interface RecordedDataset {
  dataset: Record<string, unknown> & { location: string };
  tables: Record<string, TableResource & Record<string, unknown>>;
}
export interface RecordedState { project: string; datasets: Record<string, RecordedDataset> }

export type Route = 'datasets.get' | 'datasets.insert' | 'tables.get' | 'tables.patch' | 'jobs.insert' | 'jobs.getQueryResults' | 'jobs.get';
interface Fault { route: Route | 'job'; code: number; reason: string; message: string; left: number; match?: RegExp }

export interface FakeBigQuery {
  url: string;
  state: RecordedState;
  /** Every job's query, in order. */
  jobs: string[];
  /** Every request as "METHOD route". */
  requests: string[];
  fail(route: Route, f: { code: number; reason: string; message?: string; times?: number }): void;
  /** The next matching job ends DONE with this errorResult. */
  failJob(f: { reason: string; message?: string; times?: number; match?: RegExp }): void;
  close(): Promise<void>;
}

export const RECORDED_DIR = path.join(__dirname, 'recorded');

export function loadRecorded(name = 'eros_scheduling_brain'): RecordedState {
  return JSON.parse(fs.readFileSync(path.join(RECORDED_DIR, `${name}.json`), 'utf8')) as RecordedState;
}

const STATUS: Record<number, string> = { 400: 'INVALID_ARGUMENT', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ALREADY_EXISTS', 500: 'INTERNAL', 503: 'UNAVAILABLE' };
const errorBody = (code: number, reason: string, message: string) =>
  ({ error: { code, message, errors: [{ message, domain: 'global', reason }], status: STATUS[code] ?? 'UNKNOWN' } });

/** What a DDL statement does to the recorded tables (anything else is accepted and kept as a job). */
function applyDdl(ds: RecordedDataset, project: string, dataset: string, sql: string): void {
  const code = codeOnly(sql).replace(/\s+/g, ' ').trim();
  const alter = /^ALTER TABLE `?(?:[\w-]+\.)?(?:\w+\.)?(\w+)`? (.*)$/i.exec(code);
  if (/^CREATE TABLE IF NOT EXISTS /i.test(code)) {
    const spec = parseTable(sql);
    ds.tables[spec.name] ??= { kind: 'bigquery#table', id: `${project}:${dataset}.${spec.name}`, ...spec.resource,
      tableReference: { projectId: project, datasetId: dataset, tableId: spec.name }, type: 'TABLE', location: ds.dataset.location, numRows: '0' };
  } else if (alter) {
    const table = ds.tables[alter[1] as string];
    if (!table?.schema) throw Object.assign(new Error(`Not found: Table ${project}:${dataset}.${alter[1]}`), { code: 404, reason: 'notFound' });
    const rest = alter[2] as string;
    const add = /^ADD COLUMN IF NOT EXISTS (\w+) (.+)$/i.exec(rest);
    const col = /^ALTER COLUMN (\w+) (DROP NOT NULL|SET DATA TYPE (.+))$/i.exec(rest);
    const exp = /^SET OPTIONS \(partition_expiration_days = (\d+|NULL)\)$/i.exec(rest);
    if (add && !table.schema.fields.some((f) => f.name === add[1])) table.schema.fields.push(field(add[1] as string, add[2] as string, false));
    const target = col ? table.schema.fields.find((f) => f.name === col[1]) : undefined;
    if (col && target && col[3]) Object.assign(target, { type: field(target.name, col[3], false).type });
    else if (col && target) target.mode = 'NULLABLE';
    if (exp && table.timePartitioning) {
      if (exp[1] === 'NULL') delete table.timePartitioning.expirationMs;
      else table.timePartitioning.expirationMs = String(Number(exp[1]) * 86_400_000);
    }
  }
}

interface Job { resource: Record<string, unknown>; error?: { reason: string; message: string } }

export async function startFakeBigQuery(state: RecordedState): Promise<FakeBigQuery> {
  const faults: Fault[] = [];
  const jobs: string[] = [];
  const requests: string[] = [];
  const stored = new Map<string, Job>();
  const fault = (route: Route | 'job', sql = ''): Fault | undefined => {
    const f = faults.find((x) => x.route === route && x.left > 0 && (!x.match || x.match.test(sql)));
    if (f) f.left -= 1;
    return f;
  };
  const handle = (method: string, parts: string[], body: Record<string, unknown>): [number, unknown] => {
    const [, project = '', , dataset = '', , table] = parts;
    const ds = state.datasets[dataset];
    const route: Route = parts[2] === 'jobs' ? (method === 'POST' ? 'jobs.insert' : 'jobs.get') : parts[2] === 'queries' ? 'jobs.getQueryResults'
      : table !== undefined ? (method === 'GET' ? 'tables.get' : 'tables.patch') : method === 'POST' ? 'datasets.insert' : 'datasets.get';
    requests.push(`${method} ${route}`);
    const f = fault(route);
    if (f) return [f.code, errorBody(f.code, f.reason, f.message)];
    if (route === 'datasets.get') return ds ? [200, ds.dataset] : [404, errorBody(404, 'notFound', `Not found: Dataset ${project}:${dataset}`)];
    if (route === 'datasets.insert') {
      const id = (body.datasetReference as { datasetId: string }).datasetId;
      if (state.datasets[id]) return [409, errorBody(409, 'duplicate', `Already Exists: Dataset ${project}:${id}`)];
      state.datasets[id] = { dataset: { kind: 'bigquery#dataset', id: `${project}:${id}`, datasetReference: { projectId: project, datasetId: id }, location: String(body.location ?? 'US') }, tables: {} };
      return [200, state.datasets[id]?.dataset];
    }
    if (route === 'tables.get' || route === 'tables.patch') {
      const t = ds?.tables[table as string];
      if (!t) return [404, errorBody(404, 'notFound', `Not found: Table ${project}:${dataset}.${table}`)];
      if (route === 'tables.patch') Object.assign(t, body.clustering ? { clustering: body.clustering } : {});
      return [200, t];
    }
    const jobId = parts[3] ?? String((body.jobReference as { jobId?: string } | undefined)?.jobId ?? `job_${jobs.length + 1}`);
    if (route === 'jobs.insert') return [200, insertJob(jobId, project, body)];
    const job = stored.get(jobId);
    if (!job) return [404, errorBody(404, 'notFound', `Not found: Job ${project}:${jobId}`)];
    if (route === 'jobs.get') return [200, job.resource];
    if (job.error) return [job.error.reason === 'backendError' ? 500 : 400, errorBody(job.error.reason === 'backendError' ? 500 : 400, job.error.reason, job.error.message)];
    return [200, { kind: 'bigquery#getQueryResultsResponse', jobReference: { projectId: project, jobId }, schema: { fields: [] }, totalRows: '0', jobComplete: true, cacheHit: false }];
  };
  const insertJob = (jobId: string, project: string, body: Record<string, unknown>): Record<string, unknown> => {
    const config = body.configuration as { query: { query: string } };
    const sql = config.query.query;
    jobs.push(sql);
    const location = (body.jobReference as { location?: string } | undefined)?.location;
    const ds = Object.entries(state.datasets).find(([id]) => new RegExp(`\\b${id}\\.`).test(sql));
    const f = fault('job', sql);
    let error = f ? { reason: f.reason, message: f.message } : undefined;
    if (!error && ds && location && ds[1].dataset.location.toLowerCase() !== location.toLowerCase()) {
      error = { reason: 'notFound', message: `Not found: Dataset ${project}:${ds[0]} was not found in location ${location}` };
    }
    if (!error && ds) {
      try {
        applyDdl(ds[1], project, ds[0], sql);
      } catch (e) {
        error = { reason: (e as { reason?: string }).reason ?? 'invalidQuery', message: (e as Error).message };
      }
    }
    const resource = { kind: 'bigquery#job', id: `${project}:${location ?? 'US'}.${jobId}`, jobReference: { projectId: project, jobId, location },
      configuration: { ...config, jobType: 'QUERY' }, status: { state: 'DONE', ...(error ? { errorResult: error, errors: [error] } : {}) }, statistics: { creationTime: String(Date.now()) } };
    stored.set(jobId, { resource, error });
    return resource;
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
    req.on('end', () => {
      const parts = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/bigquery\/v2\//, '').split('/');
      const [code, body] = handle(req.method ?? 'GET', parts, raw ? (JSON.parse(raw) as Record<string, unknown>) : {});
      res.writeHead(code, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`, state, jobs, requests,
    fail: (route, f) => faults.push({ route, code: f.code, reason: f.reason, message: f.message ?? `${f.reason} (recorded fault)`, left: f.times ?? 1 }),
    failJob: (f) => faults.push({ route: 'job', code: 0, reason: f.reason, message: f.message ?? `${f.reason} (recorded fault)`, left: f.times ?? 1, match: f.match }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
