// The Warehouse port over the Advanced BigQuery Service: Jobs.insert (so maximumBytesBilled
// applies), then Jobs.getQueryResults polled with back-off while the job runs, following pageToken.
import type { Sleeper } from '../core/ports';
import type { QueryOptions, QueryParam, QueryResult, Warehouse } from '../core/run/ports';
import { qualify } from '../core/run/qualify';
import { WarehouseError } from '../core/run/retry';
import type { Settings } from '../core/run/settings';
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
  statistics?: { query?: { totalBytesProcessed?: string } };
}
export interface QueryResultsResponse {
  jobComplete?: boolean;
  jobReference?: JobReference;
  schema?: { fields?: SchemaField[] };
  rows?: RestRow[];
  pageToken?: string;
  totalBytesProcessed?: string;
  errors?: ErrorProto[];
}

/** The part of the `BigQuery` Advanced Service global this adapter uses. */
export interface BigQueryApi {
  Jobs: {
    insert(job: object, projectId: string): JobResource;
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
    const label = options.label ?? 'query';
    const { project, dataset, location } = this.settings;
    const job = {
      jobReference: { projectId: project, location },
      configuration: {
        labels: { app: 'eros-scheduler', job: label.toLowerCase().replace(/[^a-z0-9_-]/g, '_').slice(0, 63) },
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
    const first = this.awaitCompletion(label, jobId, jobLocation);
    const fields = first.schema?.fields ?? [];
    const rows = decodeRows(fields, first.rows ?? []);
    let pageToken = first.pageToken;
    while (pageToken) {
      const token = pageToken;
      const page = this.call(label, 'getQueryResults', () => this.api.Jobs.getQueryResults(project, jobId, { location: jobLocation, pageToken: token, maxResults: this.options.maxResults ?? 10_000 }));
      rows.push(...decodeRows(fields, page.rows ?? []));
      pageToken = page.pageToken;
    }
    const bytes = Number(first.totalBytesProcessed ?? inserted.statistics?.query?.totalBytesProcessed ?? 0);
    return { rows, bytesProcessed: Number.isFinite(bytes) ? bytes : 0, jobId };
  }

  private awaitCompletion(label: string, jobId: string, location: string): QueryResultsResponse {
    const { project } = this.settings;
    const budget = this.options.pollBudgetMs ?? 240_000;
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    let waited = 0;
    for (let attempt = 0; ; attempt += 1) {
      const res = this.call(label, 'getQueryResults', () =>
        this.api.Jobs.getQueryResults(project, jobId, { location, timeoutMs, maxResults: this.options.maxResults ?? 10_000 }),
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

  private jobFailed(label: string, jobId: string | undefined, error: ErrorProto): never {
    throw new WarehouseError(`${label}: BigQuery job ${jobId ?? '(no id)'} failed — ${describeError(error)}`, error.reason);
  }
}
