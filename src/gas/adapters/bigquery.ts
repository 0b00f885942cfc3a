// The Warehouse port over the Advanced BigQuery Service: Jobs.insert under a job id of our own (so
// maximumBytesBilled applies, and a failed call can be followed up), then Jobs.getQueryResults
// polled with back-off while the job runs, following pageToken one page at a time (openCursor).
// Load jobs: Jobs.insert(job, projectId, blob) with newline-delimited JSON, then Jobs.get polled
// until DONE. No wait outlasts the execution's time budget. A failed call is classified by the
// job's status.errorResult when Jobs.get shows one (in the job's own location), else by its text.
import type { Sleeper } from '../../core/ports';
import type { LoadResult, QueryOptions, QueryParam, QueryResult, Row, RowCursor, Warehouse } from '../../core/run/ports';
import { assertDatasetId, qualify } from '../../core/run/qualify';
import { ExecutionBudgetError, WarehouseError } from '../../core/run/retry';
import type { Settings } from '../../core/run/settings';
import { decodeRows } from './bigquery-decode';
import { utf8Length } from './properties';

import type { BigQueryApi, ErrorProto, JobResource, QueryResultsResponse } from './bigquery-api';

export type { BigQueryApi, ErrorProto, JobResource, QueryResultsResponse } from './bigquery-api';

export interface BigQueryWarehouseOptions {
  /** Rows per result page. */
  maxResults?: number;
  /** How long one getQueryResults call may wait server-side (ms). */
  timeoutMs?: number;
  /** Total time to wait for a job to complete before giving up (ms). */
  pollBudgetMs?: number;
  /** Makes the load job's data blob (default: Utilities.newBlob in Apps Script). */
  newBlob?: (data: string, contentType: string, name: string) => unknown;
  /** Time left in the execution's budget (ms): no job wait outlasts it. */
  timeLeftMs?: () => number;
  /** A new job id for a job labelled `label` (default: eros_<label>_<Utilities.getUuid()>). */
  newJobId?: (label: string) => string;
}

const TABLE_ID = /^[A-Za-z_][A-Za-z0-9_]{0,1023}$/;
/** Apps Script's Blob limit is 50 MB; keep a margin for the multipart envelope. */
export const MAX_LOAD_BYTES = 45 * 1024 * 1024;

function defaultNewBlob(): ((data: string, contentType: string, name: string) => unknown) | undefined {
  return typeof Utilities === 'undefined' ? undefined : (data, contentType, name) => Utilities.newBlob(data, contentType, name);
}

/** A job id of our own (JobReference.jobId: letters, digits, _ and -): after a failed insert, Jobs.get tells whether the job exists. */
function defaultJobId(label: string): string {
  const unique = typeof Utilities === 'undefined' ? `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}` : Utilities.getUuid();
  return `eros_${label.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40)}_${unique.replace(/[^A-Za-z0-9_-]/g, '')}`;
}

export const POLL_DELAYS_MS: readonly number[] = [500, 1000, 2000, 4000, 8000];

const describeError = (e: ErrorProto): string => `${e.reason ?? 'error'}: ${e.message ?? 'no message'}${e.location ? ` (at ${e.location})` : ''}`;

/** Where a job is: its id and the location it runs in (every later call names it). */
interface JobPlace {
  readonly id: string;
  location: string;
}

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
    const { project, dataset } = this.settings;
    const maxResults = options.pageRows ?? this.options.maxResults ?? 10_000;
    const { place, inserted } = this.start(label, {
      query: {
        query: qualify(sql, dataset),
        useLegacySql: false,
        parameterMode: 'NAMED',
        queryParameters: params,
        maximumBytesBilled: String(options.maximumBytesBilled ?? this.settings.maximumBytesBilled),
        defaultDataset: { projectId: project, datasetId: dataset },
      },
    });
    return this.cursor(label, place, maxResults, this.awaitCompletion(label, place, maxResults), inserted);
  }

  /** Inserts a job under an id of our own, in the dataset's location. */
  private start(label: string, configuration: object, media?: unknown): { place: JobPlace; inserted: JobResource } {
    const { project, location } = this.settings;
    const place: JobPlace = { id: (this.options.newJobId ?? defaultJobId)(label), location };
    const job = { jobReference: { projectId: project, location, jobId: place.id }, configuration: { labels: this.labels(label), ...configuration } };
    const inserted = this.insert(label, place, () => (media === undefined ? this.api.Jobs.insert(job, project) : this.api.Jobs.insert(job, project, media)));
    // Every later call names the job's location, as BigQuery reports it.
    place.location = inserted.jobReference?.location ?? location;
    return { place, inserted };
  }

  private cursor(label: string, place: JobPlace, maxResults: number, first: QueryResultsResponse, inserted: JobResource): RowCursor {
    const { project } = this.settings;
    const fields = first.schema?.fields ?? [];
    const bytes = Number(first.totalBytesProcessed ?? inserted.statistics?.query?.totalBytesProcessed ?? 0);
    const total = first.totalRows === undefined ? null : Number(first.totalRows);
    let pending: QueryResultsResponse | null = first;
    let pageToken = first.pageToken;
    let done = false;
    const fetchPage = (token: string): QueryResultsResponse =>
      this.call(label, 'getQueryResults', place, () => this.api.Jobs.getQueryResults(project, place.id, { location: place.location, pageToken: token, maxResults }));
    return {
      jobId: place.id,
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
    const { project, dataset } = this.settings;
    assertDatasetId(dataset);
    if (!TABLE_ID.test(table)) throw new WarehouseError(`${label}: table id ${JSON.stringify(table)} is not valid`);
    const newBlob = this.options.newBlob ?? defaultNewBlob();
    if (!newBlob) throw new WarehouseError(`${label}: no Blob factory (Utilities) for the load job's data`);
    const text = rows.map((r) => JSON.stringify(r)).join('\n');
    const bytes = utf8Length(text);
    if (bytes > MAX_LOAD_BYTES) throw new WarehouseError(`${label}: ${bytes} bytes of rows exceed the ${MAX_LOAD_BYTES}-byte load limit of one Apps Script blob`, 'invalid');
    const blob = newBlob(text, 'application/octet-stream', `${table}.json`);
    const load = { destinationTable: { projectId: project, datasetId: dataset, tableId: table }, sourceFormat: 'NEWLINE_DELIMITED_JSON', writeDisposition: 'WRITE_APPEND', createDisposition: 'CREATE_NEVER' };
    const { place, inserted } = this.start(label, { load }, blob);
    const state = this.awaitLoad(label, place, inserted);
    if (state.status?.errorResult) this.jobFailed(label, place.id, state.status.errorResult, state.status.errors);
    const loaded = Number(state.statistics?.load?.outputRows ?? rows.length);
    return { jobId: place.id, rows: Number.isFinite(loaded) ? loaded : rows.length, bytes };
  }

  /** Follows a load job with Jobs.get until DONE, within the poll budget and the time left. */
  private awaitLoad(label: string, place: JobPlace, inserted: JobResource): JobResource {
    const { project } = this.settings;
    const get = this.api.Jobs.get;
    let state = inserted;
    const wait = this.waitBudget();
    let waited = 0;
    for (let attempt = 0; state.status?.state !== 'DONE'; attempt += 1) {
      if (!get) throw new WarehouseError(`${label}: the BigQuery service has no Jobs.get to follow load job ${place.id}`);
      const delay = POLL_DELAYS_MS[Math.min(attempt, POLL_DELAYS_MS.length - 1)] as number;
      if (waited + delay > wait.ms) this.outOfWait(label, place.id, wait);
      this.sleeper.sleep(delay);
      waited += delay;
      state = this.call(label, 'get', place, () => get.call(this.api.Jobs, project, place.id, { location: place.location }));
    }
    return state;
  }

  private labels(label: string): Record<string, string> {
    return { app: 'eros-scheduler', job: label.toLowerCase().replace(/[^a-z0-9_-]/g, '_').slice(0, 63) };
  }

  /** How long a job may be waited for: the poll budget, or less when the execution's time is shorter. */
  private waitBudget(): { ms: number; byTimeLeft: boolean } {
    const budget = this.options.pollBudgetMs ?? 240_000;
    const left = this.options.timeLeftMs?.();
    return left !== undefined && left < budget ? { ms: Math.max(0, left), byTimeLeft: true } : { ms: budget, byTimeLeft: false };
  }

  private outOfWait(label: string, jobId: string, wait: { ms: number; byTimeLeft: boolean }): never {
    if (wait.byTimeLeft) throw new ExecutionBudgetError(`${label}: BigQuery job ${jobId} was still running when this execution's time ran out; a later execution goes on`);
    throw new WarehouseError(`${label}: BigQuery job ${jobId} did not complete within ${Math.round(wait.ms / 1000)} s; it may still finish in BigQuery`, 'jobIncomplete');
  }

  private awaitCompletion(label: string, place: JobPlace, maxResults: number): QueryResultsResponse {
    const { project } = this.settings;
    const wait = this.waitBudget();
    const timeoutMs = Math.min(this.options.timeoutMs ?? 10_000, wait.ms);
    let waited = 0;
    for (let attempt = 0; ; attempt += 1) {
      const res = this.call(label, 'getQueryResults', place, () => this.api.Jobs.getQueryResults(project, place.id, { location: place.location, timeoutMs, maxResults }));
      if (res.jobComplete) return res;
      // The server already waited up to timeoutMs; count that too.
      waited += timeoutMs;
      const delay = POLL_DELAYS_MS[Math.min(attempt, POLL_DELAYS_MS.length - 1)] as number;
      if (waited + delay > wait.ms) this.outOfWait(label, place.id, wait);
      this.sleeper.sleep(delay);
      waited += delay;
    }
  }

  /**
   * Sends the insert. When the call fails, the job may still exist (BigQuery: "If you receive
   * this error when making a jobs.insert call, it's unclear if the job succeeded"): Jobs.get on our
   * own job id says. A job that exists and has not failed is carried on with.
   */
  private insert(label: string, place: JobPlace, fn: () => JobResource): JobResource {
    let inserted: JobResource;
    try {
      inserted = fn();
    } catch (e) {
      const job = this.lookUp(place);
      if (!job || job.status?.errorResult) this.failed(label, 'insert', place, e, job);
      return job;
    }
    if (inserted.status?.errorResult) this.jobFailed(label, inserted.jobReference?.jobId ?? place.id, inserted.status.errorResult, inserted.status.errors);
    return inserted;
  }

  /** Calls the service about a job; a failure is classified by the job's status when it has failed. */
  private call<T>(label: string, what: string, place: JobPlace, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      return this.failed(label, what, place, e, this.lookUp(place));
    }
  }

  /** The job as Jobs.get sees it (in its own location), or null when it does not exist or cannot be read. */
  private lookUp(place: JobPlace): JobResource | null {
    const get = this.api.Jobs.get;
    if (!get) return null;
    try {
      return get.call(this.api.Jobs, this.settings.project, place.id, { location: place.location });
    } catch {
      return null;
    }
  }

  /** Throws the failure: by the job's errorResult when it failed, else by the call's own text. */
  private failed(label: string, what: string, place: JobPlace, e: unknown, job: JobResource | null): never {
    if (job?.status?.errorResult) this.jobFailed(label, place.id, job.status.errorResult, job.status.errors);
    const message = e instanceof Error ? e.message : String(e);
    throw new WarehouseError(`${label}: BigQuery ${what} failed: ${message}`);
  }

  private jobFailed(label: string, jobId: string | undefined, error: ErrorProto, details?: ErrorProto[]): never {
    // A load job's errorResult is a summary; the first row-level error says what and where.
    const first = details?.find((d) => d.message && d.message !== error.message);
    const more = first ? `; first error: ${describeError(first)}` : '';
    throw new WarehouseError(`${label}: BigQuery job ${jobId ?? '(no id)'} failed — ${describeError(error)}${more}`, error.reason);
  }
}
