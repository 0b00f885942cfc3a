// The Warehouse port over the Advanced BigQuery Service: Jobs.insert (so maximumBytesBilled
// applies), then Jobs.getQueryResults polled with back-off while the job runs, following pageToken
// one page at a time (openCursor). Load jobs: Jobs.insert(job, projectId, blob) with
// newline-delimited JSON, then Jobs.get polled until DONE.
import type { Sleeper } from '../../core/ports';
import type { LoadResult, QueryOptions, QueryParam, QueryResult, Row, RowCursor, Warehouse } from '../../core/run/ports';
import { assertDatasetId, qualify } from '../../core/run/qualify';
import { WarehouseError } from '../../core/run/retry';
import type { Settings } from '../../core/run/settings';
import { decodeRows, type RestRow, type SchemaField } from './bigquery-decode';

interface ErrorProto {
  reason?: string;
  message?: string;
  location?: string;
}
interface JobReference {
  projectId?: string;
  jobId?: string;
  location?: string;
}
export interface JobResource {
  jobReference?: JobReference;
  status?: { state?: string; errorResult?: ErrorProto; errors?: ErrorProto[] };
  statistics?: { query?: { totalBytesProcessed?: string }; load?: { outputRows?: string; inputFileBytes?: string } };
}
export interface QueryResultsResponse {
  jobComplete?: boolean;
  jobReference?: JobReference;
  schema?: { fields?: SchemaField[] };
  rows?: RestRow[];
  pageToken?: string;
  totalRows?: string;
  totalBytesProcessed?: string;
  errors?: ErrorProto[];
}

/** The part of the `BigQuery` Advanced Service global this adapter uses. */
export interface BigQueryApi {
  Jobs: {
    /** With mediaData (a Blob) for a load job's data. */
    insert(job: object, projectId: string, mediaData?: unknown): JobResource;
    getQueryResults(projectId: string, jobId: string, optionalArgs: object): QueryResultsResponse;
    get?(projectId: string, jobId: string, optionalArgs?: object): JobResource;
  };
}

export interface BigQueryWarehouseOptions {
  /** Rows per result page. */
  maxResults?: number;
  /** How long one getQueryResults call may wait server-side (ms). */
  timeoutMs?: number;
  /** Total time to wait for a job to complete before giving up (ms). */
  pollBudgetMs?: number;
  /** Makes the load job's data blob (default: Utilities.newBlob in Apps Script). */
  newBlob?: (data: string, contentType: string, name: string) => unknown;
}

const TABLE_ID = /^[A-Za-z_][A-Za-z0-9_]{0,1023}$/;
/** Apps Script's Blob limit is 50 MB; keep a margin for the multipart envelope. */
export const MAX_LOAD_BYTES = 45 * 1024 * 1024;

function defaultNewBlob(): ((data: string, contentType: string, name: string) => unknown) | undefined {
  return typeof Utilities === 'undefined' ? undefined : (data, contentType, name) => Utilities.newBlob(data, contentType, name);
}

export const POLL_DELAYS_MS: readonly number[] = [500, 1000, 2000, 4000, 8000];

const KNOWN_REASONS = /\b(rateLimitExceeded|backendError|internalError|invalidQuery|notFound|accessDenied|bytesBilledLimitExceeded|quotaExceeded|invalid|duplicate|stopped|timeout|resourcesExceeded|responseTooLarge)\b/;

const describeError = (e: ErrorProto): string => `${e.reason ?? 'error'}: ${e.message ?? 'no message'}${e.location ? ` (at ${e.location})` : ''}`;

export class BigQueryWarehouse implements Warehouse {
  constructor(
    private readonly api: BigQueryApi,
    private readonly settings: Pick<Settings, 'project' | 'dataset' | 'location' | 'maximumBytesBilled'>,
    private readonly sleeper: Sleeper,
    private readonly options: BigQueryWarehouseOptions = {},
  ) {}

  query(sql: string, params: QueryParam[], options: QueryOptions = {}): QueryResult {
    const cursor = this.openCursor(sql, params, options);
    const rows: Row[] = [];
    for (let page = cursor.nextPage(); page !== null; page = cursor.nextPage()) {
      for (const r of page) rows.push(r);
    }
    return { rows, bytesProcessed: cursor.bytesProcessed, jobId: cursor.jobId };
  }

  openCursor(sql: string, params: QueryParam[], options: QueryOptions = {}): RowCursor {
    const label = options.label ?? 'query';
    const { project, dataset, location } = this.settings;
    const maxResults = options.pageRows ?? this.options.maxResults ?? 10_000;
    const job = {
      jobReference: { projectId: project, location },
      configuration: {
        labels: this.labels(label),
        query: {
          query: qualify(sql, dataset),
          useLegacySql: false,
          parameterMode: 'NAMED',
          queryParameters: params,
          maximumBytesBilled: String(options.maximumBytesBilled ?? this.settings.maximumBytesBilled),
          defaultDataset: { projectId: project, datasetId: dataset },
        },
      },
    };
    const inserted = this.call(label, 'insert', () => this.api.Jobs.insert(job, project));
    if (inserted.status?.errorResult) this.jobFailed(label, inserted.jobReference?.jobId, inserted.status.errorResult);
    const jobId = inserted.jobReference?.jobId;
    if (!jobId) throw new WarehouseError(`${label}: BigQuery returned no job id`);
    const jobLocation = inserted.jobReference?.location ?? location;
    const first = this.awaitCompletion(label, jobId, jobLocation, maxResults);
    const fields = first.schema?.fields ?? [];
    const bytes = Number(first.totalBytesProcessed ?? inserted.statistics?.query?.totalBytesProcessed ?? 0);
    const total = first.totalRows === undefined ? null : Number(first.totalRows);
    let pending: QueryResultsResponse | null = first;
    let pageToken = first.pageToken;
    let done = false;
    const fetchPage = (token: string): QueryResultsResponse =>
      this.call(label, 'getQueryResults', () => this.api.Jobs.getQueryResults(project, jobId, { location: jobLocation, pageToken: token, maxResults }));
    return {
      jobId,
      bytesProcessed: Number.isFinite(bytes) ? bytes : 0,
      totalRows: total !== null && Number.isFinite(total) ? total : null,
      nextPage: (): Row[] | null => {
        if (pending) {
          const page = pending;
          pending = null;
          if (!pageToken) done = true;
          return decodeRows(fields, page.rows ?? []);
        }
        if (done || !pageToken) return null;
        // A failed fetch throws here and leaves pageToken as it was: the next call retries it.
        const page = fetchPage(pageToken);
        pageToken = page.pageToken;
        if (!pageToken) done = true;
        return decodeRows(fields, page.rows ?? []);
      },
    };
  }

  /** Appends rows to `table` (in the configured dataset) with one NEWLINE_DELIMITED_JSON load job. */
  load(table: string, rows: ReadonlyArray<Record<string, unknown>>, options: QueryOptions = {}): LoadResult {
    const label = options.label ?? `load_${table}`;
    const { project, dataset, location } = this.settings;
    assertDatasetId(dataset);
    if (!TABLE_ID.test(table)) throw new WarehouseError(`${label}: table id ${JSON.stringify(table)} is not valid`);
    const newBlob = this.options.newBlob ?? defaultNewBlob();
    if (!newBlob) throw new WarehouseError(`${label}: no Blob factory (Utilities) for the load job's data`);
    const text = rows.map((r) => JSON.stringify(r)).join('\n');
    const bytes = utf8Length(text);
    if (bytes > MAX_LOAD_BYTES) throw new WarehouseError(`${label}: ${bytes} bytes of rows exceed the ${MAX_LOAD_BYTES}-byte load limit of one Apps Script blob`, 'invalid');
    const job = {
      jobReference: { projectId: project, location },
      configuration: {
        labels: this.labels(label),
        load: {
          destinationTable: { projectId: project, datasetId: dataset, tableId: table },
          sourceFormat: 'NEWLINE_DELIMITED_JSON',
          writeDisposition: 'WRITE_APPEND',
          createDisposition: 'CREATE_NEVER',
        },
      },
    };
    const blob = newBlob(text, 'application/octet-stream', `${table}.json`);
    let state = this.call(label, 'insert', () => this.api.Jobs.insert(job, project, blob));
    const jobId = state.jobReference?.jobId;
    if (!jobId) throw new WarehouseError(`${label}: BigQuery returned no job id`);
    const jobLocation = state.jobReference?.location ?? location;
    const budget = this.options.pollBudgetMs ?? 240_000;
    let waited = 0;
    for (let attempt = 0; state.status?.state !== 'DONE'; attempt += 1) {
      const get = this.api.Jobs.get;
      if (!get) throw new WarehouseError(`${label}: the BigQuery service has no Jobs.get to follow load job ${jobId}`);
      const delay = POLL_DELAYS_MS[Math.min(attempt, POLL_DELAYS_MS.length - 1)] as number;
      if (waited + delay > budget) throw new WarehouseError(`${label}: load job ${jobId} did not complete within ${Math.round(budget / 1000)} s; it may still finish in BigQuery`, 'jobIncomplete');
      this.sleeper.sleep(delay);
      waited += delay;
      state = this.call(label, 'get', () => get.call(this.api.Jobs, project, jobId, { location: jobLocation }));
    }
    if (state.status?.errorResult) this.jobFailed(label, jobId, state.status.errorResult, state.status.errors);
    const loaded = Number(state.statistics?.load?.outputRows ?? rows.length);
    return { jobId, rows: Number.isFinite(loaded) ? loaded : rows.length, bytes };
  }

  private labels(label: string): Record<string, string> {
    return { app: 'eros-scheduler', job: label.toLowerCase().replace(/[^a-z0-9_-]/g, '_').slice(0, 63) };
  }

  private awaitCompletion(label: string, jobId: string, location: string, maxResults: number): QueryResultsResponse {
    const { project } = this.settings;
    const budget = this.options.pollBudgetMs ?? 240_000;
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    let waited = 0;
    for (let attempt = 0; ; attempt += 1) {
      const res = this.call(label, 'getQueryResults', () =>
        this.api.Jobs.getQueryResults(project, jobId, { location, timeoutMs, maxResults }),
        jobId,
      );
      if (res.jobComplete) return res;
      // The server already waited up to timeoutMs; count that too.
      waited += timeoutMs;
      const delay = POLL_DELAYS_MS[Math.min(attempt, POLL_DELAYS_MS.length - 1)] as number;
      if (waited + delay > budget) {
        throw new WarehouseError(`${label}: BigQuery job ${jobId} did not complete within ${Math.round(budget / 1000)} s; it may still finish in BigQuery`, 'jobIncomplete');
      }
      this.sleeper.sleep(delay);
      waited += delay;
    }
  }

  /** Calls the service; a thrown error gets the job's errorResult (when readable) and a reason. */
  private call<T>(label: string, what: string, fn: () => T, jobId?: string): T {
    try {
      return fn();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (jobId && this.api.Jobs.get) {
        let job: JobResource | undefined;
        try {
          job = this.api.Jobs.get(this.settings.project, jobId, { location: this.settings.location });
        } catch {
          job = undefined;
        }
        if (job?.status?.errorResult) this.jobFailed(label, jobId, job.status.errorResult);
      }
      throw new WarehouseError(`${label}: BigQuery ${what} failed: ${message}`, KNOWN_REASONS.exec(message)?.[1]);
    }
  }

  private jobFailed(label: string, jobId: string | undefined, error: ErrorProto, details?: ErrorProto[]): never {
    // A load job's errorResult is a summary; the first row-level error says what and where.
    const first = details?.find((d) => d.message && d.message !== error.message);
    const more = first ? `; first error: ${describeError(first)}` : '';
    throw new WarehouseError(`${label}: BigQuery job ${jobId ?? '(no id)'} failed — ${describeError(error)}${more}`, error.reason);
  }
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i += 1;
    } else n += 3;
  }
  return n;
}
