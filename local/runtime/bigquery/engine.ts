// The stand-in's engine: resolves GoogleSQL to DuckDB twins, runs jobs in the worker, keeps the
// job store (for paging and polling) and the job log benchmarks read.
import * as fs from 'node:fs';
import { bindCall, CallError, parseCall } from './call';
import { apiError, GoogleJsonResponseException } from './errors';
import { Concurrency, conflict } from './concurrency';
import { Faults, type JobError, type Method } from './faults';
import { decodeParameters, ParameterError } from './params';
import { parseProgram, programTexts, resolveCalls } from './program';
import { paramValues } from './constant';
import { partitionWhere, plannedScans } from './pruning';
import { jobText, scanCatalog } from './scan-catalog';
import type { TwinRegistry } from './registry';
import { billedBytes } from './estimate';
import { atToDollar, CANONICAL_DATASET, normalizeSql } from './sql-text';
import type { SyncWorker } from './sync-worker';
import { WorkerFailure } from './sync-worker';
import type { Block, BoundParam, ExecResult, RawCell } from './types';
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
  readonly concurrency = new Concurrency();
  private readonly store = new Map<string, StoredJob>();
  private seq = 0;

  constructor(
    readonly worker: SyncWorker,
    readonly registry: TwinRegistry,
    readonly options: EngineOptions,
  ) {}

  private lastMicros = 0;

  /**
   * The job's start on the stand-in's clock, in epoch microseconds: a millisecond after the client
   * sent it and after the last job started, as in BigQuery no job starts the instant it is sent or
   * with another (a run id made from a procedure's start is then one per job, and never the id of
   * a run the script named at its own clock's time).
   */
  nowMicros(): string {
    this.lastMicros = Math.max((this.options.now().getTime() + 1) * 1000, this.lastMicros + 1000);
    return String(this.lastMicros);
  }

  /** Follow another clock from now on (a stand-in shared by several runtimes follows the latest). */
  useClock(now: () => Date): void {
    this.options.now = now;
    this.lastMicros = 0;
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

  /** A twin's text as a program: its blocks, and each CALL filled with the procedure's twin. */
  private program(text: string): { statements: string[]; program: Block } {
    const program = resolveCalls(parseProgram(text), (name) => {
      const proc = this.registry.procedures.get(name.toLowerCase());
      return proc ? { text: readTwin(proc.twinPath), params: (proc.args ?? []).filter((a) => a.mode !== 'OUT') } : undefined;
    });
    return { statements: programTexts(program), program };
  }

  /** The statements to run and their parameters, or an invalidQuery error. */
  private resolve(method: Method, config: JobConfig): { statements: string[]; program?: Block; params: BoundParam[]; twin: string; transaction: boolean } {
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
        return { ...this.program(readTwin(proc.twinPath)), params: bound, twin: `procedure:${proc.name}`, transaction: true };
      } catch (e) {
        if (e instanceof CallError || e instanceof ParameterError) throw apiError(method, 'invalidQuery', `${e.message}`);
        throw e;
      }
    }
    const hit = this.registry.lookup(config.query, datasets);
    if (hit) return { ...this.program(hit.twin), params, twin: `query:${hit.name}`, transaction: true };
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

  /**
   * Resolves, checks the bytes-billed cap and executes one query job; throws the job's error.
   * Also the tables it bills (BigQuery's minimum is per table read).
   */
  private execute(method: Method, projectId: string, config: JobConfig, record: JobRecord): { result: ExecResult; tables: number } {
    const r = this.resolve(method, config);
    record.twin = r.twin;
    record.params = r.params;
    const abortAtCommit = this.runAlongside(method, projectId, config.query, r.statements);
    const reads = this.reads(config.query, r);
    if (config.maximumBytesBilled !== undefined && config.maximumBytesBilled !== null) {
      const limit = Number(config.maximumBytesBilled);
      const est = reads ?? this.worker.call<{ bytesProcessed: number; tables: string[] }>({ op: 'exec', statements: r.statements, params: r.params, transaction: false, estimateOnly: true });
      const billed = 'bytes' in est ? billedBytes(est.bytes, est.tables) : billedBytes(est.bytesProcessed, est.tables.length);
      if (Number.isFinite(limit) && billed > limit) {
        throw apiError(method, 'bytesBilledLimitExceeded', `Query exceeded limit for bytes billed: ${limit}. ${billed} or higher required.`);
      }
    }
    const nowMicros = this.nowMicros();
    try {
      const result = this.worker.call<ExecResult>({
        op: 'exec', statements: r.statements, program: r.program, params: r.params, transaction: r.transaction, abortAtCommit,
        bytesEstimate: reads, log: { creationMicros: nowMicros, userEmail: this.options.userEmail }, keepAs: record.jobId, nowMicros,
      });
      return { result, tables: reads?.tables ?? result.tables.length };
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
      const { result, tables } = this.execute(method, projectId, config, record);
      record.statementType = result.statementType;
      record.bytesProcessed = result.bytesProcessed;
      record.bytesBilled = billedBytes(result.bytesProcessed, tables);
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

  /**
   * What a job answered from sql/ reads, as BigQuery bills it: its partitions and columns by the
   * pruning rules (pruning.ts), counted on the warehouse. Undefined for a passthrough statement,
   * or when sql/ declares no tables (a test's own registry): the worker's whole-table estimate.
   */
  private reads(query: string, r: { twin: string; params: BoundParam[] }): { bytes: number; rows: number; tables: number } | undefined {
    if (!r.twin.startsWith('query:') && !r.twin.startsWith('procedure:')) return undefined;
    const catalog = scanCatalog(this.registry.dirs.sqlDir);
    if (catalog.tables.size === 0) return undefined;
    // A query's own file (what the bundle sends is the same, squeezed); a CALL as sent.
    const file = r.twin.startsWith('query:') ? `${this.registry.dirs.sqlDir}/queries/${r.twin.slice(6)}.sql` : null;
    const sql = file ? fs.readFileSync(file, 'utf8') : normalizeSql(query, [this.options.dataset]);
    const scans = plannedScans(jobText(sql, catalog), { tables: catalog.tables, routines: catalog.routines, params: paramValues(r.params), now: this.options.now() });
    const requests = scans.map((s) => ({ table: s.table, where: partitionWhere(s, catalog.tables.get(s.table)?.partition ?? null), columns: s.columns }));
    return this.worker.call<{ bytes: number; rows: number; tables: number }>({ op: 'scan', requests });
  }

  /**
   * A writer waiting to run alongside this job (concurrency.ts) runs now, as its own job; the
   * abort this job then meets at its COMMIT, if their writes conflict.
   */
  private runAlongside(method: Method, projectId: string, sql: string, statements: string[]): string | undefined {
    const writer = this.concurrency.take(sql);
    if (!writer) return undefined;
    const config: JobConfig = { query: writer.sql, useLegacySql: false, parameterMode: 'NAMED', queryParameters: writer.queryParameters ?? [], labels: { job: 'concurrent_writer' } };
    const theirs = this.resolve(method, config).statements;
    this.run(method, projectId, config);
    return conflict(statements, theirs, (t) => `${projectId}:${this.options.dataset}.${t}`, this.newJobId().replace(/^job_/, 'txn_')) ?? undefined;
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
