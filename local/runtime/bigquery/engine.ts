// The stand-in's engine: resolves GoogleSQL to DuckDB twins, runs jobs in the worker, keeps the
// job store (for paging and polling) and the job log benchmarks read.
import * as fs from 'node:fs';
import { bindCall, CallError, parseCall } from './call';
import { apiError, GoogleJsonResponseException } from './errors';
import { Faults, type JobError, type Method } from './faults';
import { decodeParameters, ParameterError } from './params';
import type { TwinRegistry } from './registry';
import { billedBytes } from './estimate';
import { atToDollar, CANONICAL_DATASET, normalizeSql } from './sql-text';
import type { SyncWorker } from './sync-worker';
import { WorkerFailure } from './sync-worker';
import type { BoundParam, ExecResult, RawCell } from './types';
import type { LoadOutcome } from './load';

export type LoadDisposition = 'WRITE_APPEND' | 'WRITE_TRUNCATE' | 'WRITE_EMPTY';

export interface JobConfig {
  query: string;
  useLegacySql?: boolean;
  parameterMode?: string;
  queryParameters?: unknown;
  defaultDataset?: { projectId?: string; datasetId?: string };
  location?: string;
  maximumBytesBilled?: string | number;
  labels?: Record<string, string>;
  /** jobReference.jobId when the client chose it. */
  jobId?: string;
}

/** BigQuery's job id rule (cloud.google.com/bigquery/docs/reference/rest/v2/JobReference). */
const JOB_ID = /^[A-Za-z0-9_-]{1,1024}$/;

/** One job as benchmarks and tests see it. */
export interface JobRecord {
  jobId: string;
  method: Method;
  /** What answered: `query:<file>`, `procedure:<name>`, `passthrough` or `load:<table>`. */
  twin: string;
  /** The job's `labels.job` (what the bundle called it), when given. */
  label?: string;
  sql: string;
  params: BoundParam[];
  location: string;
  statementType?: string;
  bytesProcessed: number;
  bytesBilled: number;
  /** Result rows (a load job: rows appended). */
  rows: number;
  /** Rows of the tables the job reads (views expanded): the scan proxy beside bytesProcessed. */
  rowsScanned: number;
  /** Bytes of the request (query text and parameters, or a load job's data). */
  requestBytes: number;
  durationMs: number;
  error?: string;
  reason?: string;
}

/** BigQuery refuses API requests over 10 MB, query parameters included (cloud.google.com/bigquery/quotas). */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

/** A load job's outcome, as jobs.get reports it. */
export interface LoadState {
  table: string;
  outputRows: number;
  inputBytes: number;
  errors?: Array<{ reason: string; message: string }>;
}

export interface StoredJob {
  record: JobRecord;
  projectId: string;
  result?: ExecResult;
  /** Set when the job ran and failed (its status.errorResult). */
  error?: JobError;
  load?: LoadState;
  pendingPolls: number;
  created: number;
  config: JobConfig;
}

export interface EngineOptions {
  /** Prefix of the job ids this engine makes (several stand-ins behind one service need distinct ids). */
  jobIdPrefix?: string;
  projectId: string;
  dataset: string;
  location: string;
  passthrough: boolean;
  now: () => Date;
  userEmail: string;
}

export class Engine {
  readonly jobs: JobRecord[] = [];
  readonly faults = new Faults();
  private readonly store = new Map<string, StoredJob>();
  private seq = 0;

  constructor(
    readonly worker: SyncWorker,
    readonly registry: TwinRegistry,
    readonly options: EngineOptions,
  ) {}

  /** The job's creation time on the stand-in's clock, in epoch microseconds. */
  nowMicros(): string {
    return String(this.options.now().getTime() * 1000);
  }

  /** Follow another clock from now on (a stand-in shared by several runtimes follows the latest). */
  useClock(now: () => Date): void {
    this.options.now = now;
  }

  private newJobId(): string {
    this.seq += 1;
    const stamp = (this.seq * 2654435761) % 4294967296;
    return `${this.options.jobIdPrefix ?? 'job_'}${stamp.toString(36)}${this.seq.toString(36).padStart(6, '0')}`;
  }

  private checkLocation(method: Method, requested: string | undefined): void {
    if (requested === undefined || requested === '') return;
    if (requested.toLowerCase() !== this.options.location.toLowerCase()) {
      throw apiError(
        method,
        'notFound',
        `Not found: Dataset ${this.options.projectId}:${this.options.dataset} was not found in location ${requested}`,
      );
    }
  }

  /** The statements to run and their parameters, or an invalidQuery error. */
  private resolve(method: Method, config: JobConfig): { statements: string[]; params: BoundParam[]; twin: string; transaction: boolean } {
    if (config.useLegacySql !== false) {
      throw apiError(method, 'invalidQuery', 'The stand-in runs GoogleSQL only: set useLegacySql: false (legacy SQL is the API default)');
    }
    let params: BoundParam[];
    try {
      const raw = config.queryParameters as unknown[] | undefined;
      if (raw && raw.length > 0 && config.parameterMode?.toUpperCase() !== 'NAMED') {
        throw new ParameterError('queryParameters need parameterMode: "NAMED" (positional parameters are not supported)');
      }
      params = decodeParameters(raw);
    } catch (e) {
      if (e instanceof ParameterError) throw apiError(method, 'invalidQuery', `${e.message}`);
      throw e;
    }
    const datasets = [this.options.dataset, config.defaultDataset?.datasetId ?? ''];
    const normalized = normalizeSql(config.query, datasets);
    const call = parseCall(normalized);
    if (call) {
      const proc = this.registry.procedures.get(call.procedure.toLowerCase());
      if (!proc) throw apiError(method, 'notFound', `Not found: Procedure ${this.options.projectId}:${this.options.dataset}.${call.procedure}`);
      try {
        const bound = bindCall(call, proc, params, this.options.now());
        return { statements: [readTwin(proc.twinPath)], params: bound, twin: `procedure:${proc.name}`, transaction: true };
      } catch (e) {
        if (e instanceof CallError || e instanceof ParameterError) throw apiError(method, 'invalidQuery', `${e.message}`);
        throw e;
      }
    }
    const hit = this.registry.lookup(config.query, datasets);
    if (hit) return { statements: [hit.twin], params, twin: `query:${hit.name}`, transaction: true };
    if (this.options.passthrough) return { statements: [atToDollar(normalized)], params, twin: 'passthrough', transaction: true };
    throw apiError(method, 'invalidQuery', `no DuckDB twin for this statement: ${normalized.slice(0, 80)}`);
  }

  /** A job id the client chose (checked) or a new one; a reused id is refused, as BigQuery does. */
  private jobIdFor(method: Method, projectId: string, requested: string | undefined): string {
    if (requested === undefined || requested === '') return this.newJobId();
    if (!JOB_ID.test(requested)) throw apiError(method, 'invalid', `Invalid job ID "${requested.slice(0, 80)}": it may contain letters, digits, underscores and dashes, at most 1024.`);
    if (this.store.has(requested)) throw apiError(method, 'duplicate', `Already Exists: Job ${projectId}:${this.options.location}.${requested}`);
    return requested;
  }

  /** Resolves, checks the bytes-billed cap and executes one query job; throws the job's error. */
  private execute(method: Method, config: JobConfig, record: JobRecord): ExecResult {
    const r = this.resolve(method, config);
    record.twin = r.twin;
    record.params = r.params;
    if (config.maximumBytesBilled !== undefined && config.maximumBytesBilled !== null) {
      const limit = Number(config.maximumBytesBilled);
      const est = this.worker.call<{ bytesProcessed: number; tables: string[] }>({ op: 'exec', statements: r.statements, params: r.params, transaction: false, estimateOnly: true });
      const billed = billedBytes(est.bytesProcessed, est.tables.length);
      if (Number.isFinite(limit) && billed > limit) {
        throw apiError(method, 'bytesBilledLimitExceeded', `Query exceeded limit for bytes billed: ${limit}. ${billed} or higher required.`);
      }
    }
    const nowMicros = this.nowMicros();
    try {
      return this.worker.call<ExecResult>({
        op: 'exec', statements: r.statements, params: r.params, transaction: r.transaction,
        log: { creationMicros: nowMicros, userEmail: this.options.userEmail }, keepAs: record.jobId, nowMicros,
      });
    } catch (e) {
      if (e instanceof WorkerFailure) throw apiError(method, 'invalidQuery', e.message);
      throw e;
    }
  }

  /**
   * Runs a query job to completion (the stand-in has no real asynchrony) and stores it. A request
   * BigQuery refuses throws; a job that fails while it runs throws for jobs.query, while
   * jobs.insert answers with the job, DONE with its status.errorResult (the job exists).
   */
  run(method: Method, projectId: string, config: JobConfig): StoredJob {
    this.faults.check({ method, sql: config.query });
    this.checkLocation(method, config.location);
    const requestBytes = Buffer.byteLength(JSON.stringify(config));
    if (requestBytes > MAX_REQUEST_BYTES) {
      throw apiError(method, 'invalid', `Request payload size exceeds the limit: ${MAX_REQUEST_BYTES} bytes.`);
    }
    const jobId = this.jobIdFor(method, projectId, config.jobId);
    const record: JobRecord = {
      jobId, method, twin: '', ...(config.labels?.job ? { label: config.labels.job } : {}), sql: config.query, params: [], location: this.options.location,
      bytesProcessed: 0, bytesBilled: 0, rows: 0, rowsScanned: 0, requestBytes, durationMs: 0,
    };
    const started = Date.now();
    const job: StoredJob = { record, projectId, pendingPolls: this.faults.pollsFor({ method, sql: config.query }), created: started, config };
    try {
      const injected = this.faults.jobFailure({ method, sql: config.query });
      if (injected) throw apiError(method, injected.reason, injected.message);
      const result = this.execute(method, config, record);
      record.statementType = result.statementType;
      record.bytesProcessed = result.bytesProcessed;
      record.bytesBilled = billedBytes(result.bytesProcessed, result.tables.length);
      record.rows = result.rowCount;
      record.rowsScanned = result.rowsScanned;
      job.result = result;
    } catch (e) {
      record.error = e instanceof Error ? e.message : String(e);
      if (e instanceof GoogleJsonResponseException) record.reason = e.reason;
      if (method !== 'insert' || !(e instanceof GoogleJsonResponseException)) throw e;
      job.error = { reason: e.reason, message: e.details.message };
    } finally {
      record.durationMs = Date.now() - started;
      this.jobs.push(record);
    }
    this.store.set(jobId, job);
    return job;
  }

  /** Rows [offset, end) of a finished query job's result (large results stay in the worker). */
  rowsOf(job: StoredJob, offset: number, end: number): RawCell[][] {
    const r = job.result;
    if (!r || end <= offset) return [];
    if (!r.stored) return r.rows.slice(offset, end);
    return this.worker.call<RawCell[][]>({ op: 'rows', id: job.record.jobId, offset, limit: end - offset });
  }

  /**
   * Runs a load job (configuration.load + media) to completion. The insert itself only fails on a
   * bad request; a missing table or bad rows fail the job (status.errorResult), as in BigQuery.
   */
  runLoad(
    projectId: string, location: string | undefined, table: { datasetId: string; tableId: string }, disposition: LoadDisposition, data: string, label?: string, requestedJobId?: string,
  ): StoredJob {
    const method: Method = 'insert';
    const sqlTag = `LOAD ${table.tableId}`;
    this.faults.check({ method, sql: sqlTag });
    this.checkLocation(method, location);
    const jobId = this.jobIdFor(method, projectId, requestedJobId);
    const record: JobRecord = {
      jobId, method, twin: `load:${table.tableId}`, ...(label ? { label } : {}), sql: sqlTag, params: [], location: this.options.location, statementType: undefined,
      bytesProcessed: 0, bytesBilled: 0, rows: 0, rowsScanned: 0, requestBytes: Buffer.byteLength(data), durationMs: 0,
    };
    const started = Date.now();
    const qualified = `${this.options.dataset}.${table.tableId}`;
    const known = [this.options.dataset, CANONICAL_DATASET].map((d) => d.toLowerCase());
    let state: LoadState;
    const injected = this.faults.jobFailure({ method, sql: sqlTag });
    if (injected) {
      state = { table: qualified, outputRows: 0, inputBytes: record.requestBytes, errors: [injected] };
    } else if (!known.includes(table.datasetId.toLowerCase())) {
      state = { table: qualified, outputRows: 0, inputBytes: record.requestBytes, errors: [{ reason: 'notFound', message: `Not found: Dataset ${projectId}:${table.datasetId}` }] };
    } else {
      const outcome = this.worker.call<LoadOutcome>({
        op: 'load',
        table: `${CANONICAL_DATASET}.${table.tableId}`,
        data,
        disposition,
        log: { creationMicros: this.nowMicros(), userEmail: this.options.userEmail },
      });
      state = outcome.ok
        ? { table: qualified, outputRows: outcome.rows, inputBytes: outcome.bytes }
        : {
            table: qualified,
            outputRows: 0,
            inputBytes: record.requestBytes,
            errors: outcome.errors.map((e) => (e.reason === 'notFound' ? { ...e, message: `Not found: Table ${projectId}:${this.options.dataset}.${table.tableId}` } : e)),
          };
    }
    record.rows = state.outputRows;
    record.durationMs = Date.now() - started;
    if (state.errors?.[0]) {
      record.error = state.errors[0].message;
      record.reason = state.errors[0].reason;
    }
    this.jobs.push(record);
    const job: StoredJob = {
      record,
      projectId,
      load: state,
      pendingPolls: this.faults.pollsFor({ method, sql: sqlTag }),
      created: started,
      config: { query: sqlTag, location },
    };
    this.store.set(jobId, job);
    return job;
  }

  /** Finds a stored job the way the API does: the location must match outside US/EU. */
  find(method: Method, projectId: string, jobId: string, location: string | undefined): StoredJob {
    const job = this.store.get(jobId);
    const multiRegion = /^(US|EU)$/i.test(this.options.location);
    const locationOk = location ? location.toLowerCase() === this.options.location.toLowerCase() : multiRegion;
    if (!job || job.projectId !== projectId || !locationOk) {
      throw apiError(method, 'notFound', `Not found: Job ${projectId}:${jobId}`);
    }
    this.faults.check({ method, sql: job.config.query });
    return job;
  }
}

/** Twins are read per call so an edited procedure twin is picked up without a restart. */
function readTwin(file: string): string {
  return fs.readFileSync(file, 'utf8');
}
