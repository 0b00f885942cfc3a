// The `BigQuery` global the bundle sees: BigQuery.Jobs.query / getQueryResults / insert / get with
// the Advanced Service's request and response shapes
// (developers.google.com/apps-script/advanced/bigquery,
//  cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query, …/jobs/getQueryResults, …/jobs).
import * as z from 'zod';
import { apiError } from './errors';
import type { Engine, JobConfig, StoredJob } from './engine';
import type { Method } from './faults';
import { formatRows } from './rows';

const queryRequest = z.object({
  query: z.string().min(1, 'query must be a non-empty string'),
  useLegacySql: z.boolean().optional(),
  parameterMode: z.string().optional(),
  queryParameters: z.array(z.unknown()).optional(),
  defaultDataset: z.object({ projectId: z.string().optional(), datasetId: z.string().optional() }).optional(),
  location: z.string().optional(),
  maxResults: z.number().int().positive().optional(),
  timeoutMs: z.number().nonnegative().optional(),
  maximumBytesBilled: z.union([z.string(), z.number()]).optional(),
  formatOptions: z.object({ useInt64Timestamp: z.boolean().optional() }).optional(),
});

const resultsOptions = z
  .object({
    location: z.string().optional(),
    pageToken: z.string().optional(),
    maxResults: z.number().int().positive().optional(),
    timeoutMs: z.number().nonnegative().optional(),
    startIndex: z.union([z.string(), z.number()]).optional(),
    formatOptions: z.object({ useInt64Timestamp: z.boolean().optional() }).optional(),
    'formatOptions.useInt64Timestamp': z.boolean().optional(),
  })
  .optional();

const jobResource = z.object({
  jobReference: z.object({ jobId: z.string().optional(), location: z.string().optional(), projectId: z.string().optional() }).optional(),
  configuration: z.object({
    query: z.object({
      query: z.string().min(1),
      useLegacySql: z.boolean().optional(),
      parameterMode: z.string().optional(),
      queryParameters: z.array(z.unknown()).optional(),
      defaultDataset: z.object({ projectId: z.string().optional(), datasetId: z.string().optional() }).optional(),
      maximumBytesBilled: z.union([z.string(), z.number()]).optional(),
    }),
  }),
});

function parse<T>(method: Method, schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const at = issue?.path.length ? `${what}.${issue.path.join('.')}` : what;
  throw apiError(method, 'invalid', `Invalid value at '${at}': ${issue?.message ?? 'malformed'} (reason: invalid)`);
}

function projectOf(method: Method, projectId: unknown): string {
  if (typeof projectId !== 'string' || projectId === '') throw apiError(method, 'invalid', 'Invalid project ID (reason: invalid)');
  return projectId;
}

const TOKEN_PREFIX = 'pt1.';
function makeToken(jobId: string, offset: number): string {
  return TOKEN_PREFIX + Buffer.from(`${jobId}:${offset}`).toString('base64url');
}
function readToken(method: Method, token: string, jobId: string): number {
  const raw = token.startsWith(TOKEN_PREFIX) ? Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString() : '';
  const m = /^(.+):(\d+)$/.exec(raw);
  if (!m || m[1] !== jobId) throw apiError(method, 'invalid', `Invalid page token ${JSON.stringify(token)} (reason: invalid)`);
  return Number(m[2]);
}

export class JobsService {
  static readonly apiName = 'BigQuery.Jobs';
  constructor(private readonly _engine: Engine) {}

  private _page(job: StoredJob, kind: string, offset: number, maxResults: number | undefined, int64Ts: boolean): Record<string, unknown> {
    const e = this._engine;
    const ref = { projectId: job.projectId, jobId: job.record.jobId, location: job.record.location };
    if (job.pendingPolls > 0) {
      job.pendingPolls -= 1;
      return { kind, jobReference: ref, jobComplete: false };
    }
    const r = job.result;
    if (!r) throw apiError('getQueryResults', 'internalError', 'job has no result (reason: internalError)');
    const total = r.hasResult ? r.rows.length : 0;
    const size = maxResults ?? e.faults.defaultPageSize ?? Math.max(total, 1);
    const end = Math.min(total, offset + size);
    const out: Record<string, unknown> = {
      kind,
      jobReference: ref,
      jobComplete: true,
      schema: { fields: r.fields },
      totalRows: String(total),
      totalBytesProcessed: String(job.record.bytesProcessed),
      cacheHit: false,
    };
    if (kind === 'bigquery#queryResponse') out.totalBytesBilled = String(job.record.bytesBilled);
    // The API omits `rows` when a page is empty.
    if (end > offset) out.rows = formatRows(r.fields, r.rows.slice(offset, end), int64Ts);
    if (end < total) out.pageToken = makeToken(job.record.jobId, end);
    if (r.dmlAffectedRows !== undefined) out.numDmlAffectedRows = String(r.dmlAffectedRows);
    return out;
  }

  query(request: unknown, projectId: unknown): Record<string, unknown> {
    const req = parse('query', queryRequest, request, 'request');
    const project = projectOf('query', projectId);
    const job = this._engine.run('query', project, req as JobConfig);
    return this._page(job, 'bigquery#queryResponse', 0, req.maxResults, req.formatOptions?.useInt64Timestamp === true);
  }

  getQueryResults(projectId: unknown, jobId: unknown, optionalArgs?: unknown): Record<string, unknown> {
    const opts = parse('getQueryResults', resultsOptions, optionalArgs, 'optionalArgs') ?? {};
    const project = projectOf('getQueryResults', projectId);
    const job = this._engine.find('getQueryResults', project, String(jobId), opts.location);
    const offset = opts.pageToken
      ? readToken('getQueryResults', opts.pageToken, job.record.jobId)
      : opts.startIndex !== undefined
        ? Number(opts.startIndex)
        : 0;
    const int64 = opts.formatOptions?.useInt64Timestamp === true || opts['formatOptions.useInt64Timestamp'] === true;
    return this._page(job, 'bigquery#getQueryResultsResponse', offset, opts.maxResults, int64);
  }

  private _resource(job: StoredJob, config: Record<string, unknown>): Record<string, unknown> {
    const { record } = job;
    const running = job.pendingPolls > 0;
    const stats = {
      totalBytesProcessed: String(record.bytesProcessed),
      totalBytesBilled: String(record.bytesBilled),
      statementType: record.statementType,
      ...(job.result?.dmlAffectedRows !== undefined ? { numDmlAffectedRows: String(job.result.dmlAffectedRows) } : {}),
    };
    return {
      kind: 'bigquery#job',
      id: `${job.projectId}:${record.location}.${record.jobId}`,
      jobReference: { projectId: job.projectId, jobId: record.jobId, location: record.location },
      configuration: { jobType: 'QUERY', query: config },
      status: { state: running ? 'RUNNING' : 'DONE' },
      statistics: {
        creationTime: String(job.created),
        startTime: String(job.created),
        ...(running ? {} : { endTime: String(job.created + record.durationMs), totalBytesProcessed: stats.totalBytesProcessed }),
        query: running ? {} : stats,
      },
    };
  }

  insert(job: unknown, projectId: unknown): Record<string, unknown> {
    const j = parse('insert', jobResource, job, 'job');
    const project = projectOf('insert', projectId);
    const q = j.configuration.query;
    const stored = this._engine.run('insert', project, { ...q, location: j.jobReference?.location } as JobConfig);
    return this._resource(stored, q);
  }

  get(projectId: unknown, jobId: unknown, optionalArgs?: unknown): Record<string, unknown> {
    const opts = parse('get', resultsOptions, optionalArgs, 'optionalArgs') ?? {};
    const project = projectOf('get', projectId);
    const stored = this._engine.find('get', project, String(jobId), opts.location);
    const resource = this._resource(stored, stored.config as unknown as Record<string, unknown>);
    if (stored.pendingPolls > 0) stored.pendingPolls -= 1;
    return resource;
  }
}

export class BigQueryService {
  static readonly apiName = 'BigQuery';
  readonly Jobs: JobsService;
  constructor(engine: Engine) {
    this.Jobs = new JobsService(engine);
  }
}
