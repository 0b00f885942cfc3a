// Ports the run machinery needs beyond src/core/ports.ts: the warehouse, key-value state, the
// run lock, the follow-up trigger and the workbook. Apps Script adapters live in src/gas.
import type { Clock, Logger, Sleeper } from '../ports';

/** A BigQuery standard-SQL parameter type, as the REST API spells it. */
export interface QueryParameterType {
  type: string;
  arrayType?: QueryParameterType;
  structTypes?: Array<{ name: string; type: QueryParameterType }>;
}

/** A parameter value, as the REST API spells it: scalars are strings (or null for NULL). */
export interface QueryParameterValue {
  value?: string | null;
  arrayValues?: QueryParameterValue[];
  structValues?: Record<string, QueryParameterValue>;
}

/** One named parameter in the Advanced Service's `queryParameters` shape. */
export interface QueryParam {
  name: string;
  parameterType: QueryParameterType;
  parameterValue: QueryParameterValue;
}

export interface QueryOptions {
  /** A short name for logs, the run's job list and test fakes (e.g. the sql/queries file name). */
  label?: string;
  /** Overrides the adapter's maximumBytesBilled for this job. */
  maximumBytesBilled?: number;
  /** Rows per result page for a paged read (maxResults; BigQuery may send fewer, ≤ 10 MB a page). */
  pageRows?: number;
}

/**
 * Rows decoded by the result schema: INT64 → number, FLOAT64 → number, BOOL → boolean,
 * TIMESTAMP → Date, DATE → 'YYYY-MM-DD', ARRAY → array, STRUCT → object, NULL → null.
 */
export type Row = Record<string, unknown>;

export interface QueryResult {
  rows: Row[];
  bytesProcessed: number;
  jobId: string;
}

/**
 * One job's result read page by page (getQueryResults with pageToken), so a large result is never
 * held whole. A failed fetch throws and leaves the cursor where it was: calling nextPage() again
 * retries that same page.
 */
export interface RowCursor {
  readonly jobId: string;
  readonly bytesProcessed: number;
  /** Rows in the whole result, when the warehouse says. */
  readonly totalRows: number | null;
  /** The next page of rows, or null after the last one. */
  nextPage(): Row[] | null;
}

/** A load job's outcome. */
export interface LoadResult {
  jobId: string;
  /** Rows the table received. */
  rows: number;
  /** Bytes sent (the newline-delimited JSON). */
  bytes: number;
}

export interface Warehouse {
  query(sql: string, params: QueryParam[], options?: QueryOptions): QueryResult;
  /** Starts one job and returns its result as pages (needed by paged reads). */
  openCursor?(sql: string, params: QueryParam[], options?: QueryOptions): RowCursor;
  /**
   * Appends rows to a dataset table in one load job (newline-delimited JSON; Date → ISO text).
   * Needed by the daily run's write; a request with ARRAY<STRUCT> parameters would pass
   * BigQuery's 10 MB request limit for a few hundred pages.
   */
  load?(table: string, rows: ReadonlyArray<Record<string, unknown>>, options?: QueryOptions): LoadResult;
}

/** String key-value state (PropertiesService in Apps Script). */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** The lock two runs of one document never both hold. */
export interface RunLock {
  /** True when acquired within waitMs. Never throws on timeout. */
  tryAcquire(waitMs: number): boolean;
  release(): void;
}

/**
 * What runs this document again if an execution stops: a run arms it before its first durable
 * step (a killed execution gets no chance to), and disarms it when the run finishes. Apps Script
 * kills an execution at 6 minutes, so a follow-up made at a pause would come too late.
 */
export interface FollowUpScheduler {
  /** Makes sure a later execution continues this document's run (throws when it cannot). */
  arm(): void;
  /** The run finished: the follow-up made for it is dropped (an installed automation stays). */
  disarm(): void;
}

/** The warehouse jobs shared by every document pointing at one dataset. */
export type SharedJob = 'DAILY_QUEUE' | 'PERFORMANCE' | 'SWEEP';

/**
 * A claim on a shared job, per dataset: several documents (agencies' sheets, or two sheets of one
 * agency) may point at one dataset, and its maintenance must run once, not once per document.
 */
export interface WarehouseClaims {
  /** True when this execution may run `job` now: it is due for the dataset and nobody runs it. */
  claim(job: SharedJob): boolean;
  /** The claimed job ended: `ok` records it as done (else the next due check tries again). */
  settle(job: SharedJob, ok: boolean): void;
}

export type Cell = string | number | boolean | Date | null;

/** A block of cells with its header: written in one call by the adapter. */
export interface Table {
  header: string[];
  rows: Cell[][];
  /** Spreadsheet number format per column (same length as header); '' leaves the default. */
  numberFormats?: string[];
  /** 0-based column holding GREEN/YELLOW/RED: the adapter adds background colour rules for it. */
  lightColumn?: number;
  /**
   * Rows (header included) the adapter writes, blanks after the table's own: any earlier table of
   * the tab fits the block, so it is overwritten without clearing the tab first. A longer table
   * is refused before anything is written.
   */
  blockRows?: number;
}

/** The workbook: one method per kind of tab; adapters make a constant number of calls per tab. */
export interface Workbook {
  /** Replaces the page's schedule tab (created when missing). */
  writeScheduleTab(pageName: string, table: Table): void;
  /** Appends rows to the "Runs" tab (header written when the tab is new); a row whose Run ID is there replaces it. */
  appendRuns(table: Table): void;
  /** The row of the "Runs" tab with this Run ID (among the recent rows appendRuns replaces), or null. */
  runsRow(runId: string): Cell[] | null;
  /** Rewrites the "Overview" tab: one row per page. */
  writeOverview(table: Table): void;
  /** Rewrites the "Health" tab. */
  writeHealth(table: Table): void;
  /** The schedule id shown on the page's tab (its last column), or null when there is none. */
  scheduleIdOnTab(pageName: string): string | null;
  /** The page whose schedule this tab shows (schedule tabs are tagged when made), or null. */
  pageOfTab(tabName: string): string | null;
}

/** What every run (daily, maintenance, undo, health) is given: built once by the entry point. */
export interface RunPorts {
  warehouse: Warehouse;
  workbook: Workbook;
  lock: RunLock;
  clock: Clock;
  sleeper: Sleeper;
  logger: Logger;
}
