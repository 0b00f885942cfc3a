// The `BigQuery` global the bundle sees: BigQuery.Jobs.query / getQueryResults / insert / get with
// the Advanced Service's request and response shapes
// (developers.google.com/apps-script/advanced/bigquery,
//  cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query, …/jobs/getQueryResults, …/jobs).
import * as z from 'zod';
import { apiError, type Reason } from './errors';
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

const loadConfig = z.object({
  destinationTable: z.object({ projectId: z.string().optional(), datasetId: z.string().min(1), tableId: z.string().min(1) }),
  sourceFormat: z.string().optional(),
  writeDisposition: z.enum(['WRITE_APPEND', 'WRITE_TRUNCATE', 'WRITE_EMPTY']).optional(),
  createDisposition: z.enum(['CREATE_NEVER', 'CREATE_IF_NEEDED']).optional(),
  schema: z.unknown().optional(),
  sourceUris: z.array(z.string()).optional(),
});

const jobResource = z.object({
  jobReference: z.object({ jobId: z.string().optional(), location: z.string().optional(), projectId: z.string().optional() }).optional(),
  configuration: z
    .object({
      labels: z.record(z.string(), z.string()).optional(),
      query: z
        .object({
          query: z.string().min(1),
          useLegacySql: z.boolean().optional(),
          parameterMode: z.string().optional(),
          queryParameters: z.array(z.unknown()).optional(),
          defaultDataset: z.object({ projectId: z.string().optional(), datasetId: z.string().optional() }).optional(),
          maximumBytesBilled: z.union([z.string(), z.number()]).optional(),
        })
        .optional(),
      load: loadConfig.optional(),
    })
    .refine((c) => (c.query === undefined) !== (c.load === undefined), 'exactly one of configuration.query or configuration.load is required'),
});

/** A Blob-like media argument (Utilities.newBlob). */
function mediaText(media: unknown): string | null {
  if (media === undefined || media === null) return null;
  const m = media as { getDataAsString?: () => string; getBytes?: () => number[] };
  if (typeof m.getDataAsString === 'function') return m.getDataAsString();
  if (typeof m.getBytes === 'function') return Buffer.from(m.getBytes().map((b) => b & 0xff)).toString('utf8');
  if (typeof media === 'string') return media;
  throw apiError('insert', 'invalid', 'Invalid media data: expected a Blob');
}

function parse<T>(method: Method, schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const at = issue?.path.length ? `${what}.${issue.path.join('.')}` : what;
  throw apiError(method, 'invalid', `Invalid value at '${at}': ${issue?.message ?? 'malformed'}`);
}

function projectOf(method: Method, projectId: unknown): string {
  if (typeof projectId !== 'string' || projectId === '') throw apiError(method, 'invalid', 'Invalid project ID');
  return projectId;
}

const TOKEN_PREFIX = 'pt1.';
function makeToken(jobId: string, offset: number): string {
  return TOKEN_PREFIX + Buffer.from(`${jobId}:${offset}`).toString('base64url');
}
function readToken(method: Method, token: string, jobId: string): number {
  const raw = token.startsWith(TOKEN_PREFIX) ? Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString() : '';
  const m = /^(.+):(\d+)$/.exec(raw);
  if (!m || m[1] !== jobId) throw apiError(method, 'invalid', `Invalid page token ${JSON.stringify(token)}`);
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
    // A job that failed: reading its results fails with the job's error.
    if (job.error) throw apiError('getQueryResults', job.error.reason as Reason, job.error.message);
    const r = job.result;
    if (!r) throw apiError('getQueryResults', 'invalid', `Job ${job.record.jobId} is not a query job`);
    const total = r.hasResult ? r.rowCount : 0;
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
    if (end > offset) out.rows = formatRows(r.fields, e.rowsOf(job, offset, end), int64Ts);
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

  private _loadResource(job: StoredJob, config: Record<string, unknown>): Record<string, unknown> {
    const { record } = job;
    const load = job.load;
    const running = job.pendingPolls > 0;
    const failed = !running && load?.errors?.[0];
    return {
      kind: 'bigquery#job',
      id: `${job.projectId}:${record.location}.${record.jobId}`,
      jobReference: { projectId: job.projectId, jobId: record.jobId, location: record.location },
      configuration: { jobType: 'LOAD', load: config },
      status: running ? { state: 'RUNNING' } : { state: 'DONE', ...(failed ? { errorResult: failed, errors: load?.errors } : {}) },
      statistics: {
        creationTime: String(job.created),
        startTime: String(job.created),
        ...(running
          ? {}
          : {
              endTime: String(job.created + record.durationMs),
              load: { inputFiles: '1', inputFileBytes: String(load?.inputBytes ?? 0), outputRows: String(load?.outputRows ?? 0), badRecords: failed ? '1' : '0' },
            }),
      },
    };
  }

  private _resource(job: StoredJob, config: Record<string, unknown>): Record<string, unknown> {
    if (job.load) return this._loadResource(job, config);
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
      status: running ? { state: 'RUNNING' } : { state: 'DONE', ...(job.error ? { errorResult: { ...job.error }, errors: [{ ...job.error }] } : {}) },
      statistics: {
        creationTime: String(job.created),
        startTime: String(job.created),
        ...(running ? {} : { endTime: String(job.created + record.durationMs), totalBytesProcessed: stats.totalBytesProcessed }),
        query: running ? {} : stats,
      },
    };
  }

  /** Jobs.insert(job, projectId[, mediaData]): a query job, or a load job whose data is the media. */
  insert(job: unknown, projectId: unknown, mediaData?: unknown): Record<string, unknown> {
    const j = parse('insert', jobResource, job, 'job');
    const project = projectOf('insert', projectId);
    const labels = j.configuration.labels;
    const load = j.configuration.load;
    if (load) {
      const data = mediaText(mediaData);
      if (data === null) {
        throw apiError('insert', 'invalid', 'Load configuration must specify at least one source URI');
      }
      if ((load.sourceFormat ?? 'CSV') !== 'NEWLINE_DELIMITED_JSON') {
        throw apiError('insert', 'invalid', `The stand-in loads NEWLINE_DELIMITED_JSON only, got sourceFormat ${load.sourceFormat ?? 'CSV (the default)'}`);
      }
      const stored = this._engine.runLoad(project, j.jobReference?.location, load.destinationTable, load.writeDisposition ?? 'WRITE_APPEND', data, labels?.job, j.jobReference?.jobId);
      return this._resource(stored, load as Record<string, unknown>);
    }
    const q = j.configuration.query as NonNullable<typeof j.configuration.query>;
    const stored = this._engine.run('insert', project, { ...q, location: j.jobReference?.location, labels, jobId: j.jobReference?.jobId } as JobConfig);
    return this._resource(stored, q);
  }

  get(projectId: unknown, jobId: unknown, optionalArgs?: unknown): Record<string, unknown> {
    const opts = parse('get', resultsOptions, optionalArgs, 'optionalArgs') ?? {};
    const project = projectOf('get', projectId);
    const stored = this._engine.find('get', project, String(jobId), opts.location);
    const config = stored.load ? { destinationTable: { tableId: stored.load.table.split('.').pop() } } : (stored.config as unknown as Record<string, unknown>);
    const resource = this._resource(stored, config);
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
