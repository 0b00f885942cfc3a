// Shapes shared by the stand-in (main thread) and its DuckDB worker. Everything here crosses a
// worker boundary by structured clone, so it is plain data: no bigint, no class instances.
//
// References for the Advanced Service shapes:
//   https://developers.google.com/apps-script/advanced/bigquery
//   https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query
//   https://cloud.google.com/bigquery/docs/reference/rest/v2/jobs/getQueryResults

/** A GoogleSQL parameter type reduced to what the twins need. */
export type ParamType =
  | { kind: 'STRING' | 'INT64' | 'FLOAT64' | 'NUMERIC' | 'BOOL' | 'DATE' | 'TIMESTAMP' }
  | { kind: 'ARRAY'; element: ParamType }
  | { kind: 'STRUCT'; fields: Array<{ name: string; type: ParamType }> };

/**
 * A decoded parameter value: scalars as strings (INT64/NUMERIC kept as decimal text so no
 * precision is lost; TIMESTAMP as epoch microseconds text), arrays as arrays, structs as objects.
 */
export type ParamValue = string | null | ParamValue[] | { [field: string]: ParamValue };

export interface BoundParam {
  name: string;
  type: ParamType;
  value: ParamValue;
}

/** A BigQuery result field (TableFieldSchema). */
export interface Field {
  name: string;
  type: 'STRING' | 'INTEGER' | 'FLOAT' | 'NUMERIC' | 'BOOLEAN' | 'TIMESTAMP' | 'DATE' | 'DATETIME' | 'TIME' | 'BYTES' | 'JSON' | 'RECORD';
  mode: 'NULLABLE' | 'REPEATED';
  fields?: Field[];
}

/**
 * A raw cell from the worker: scalars as strings (TIMESTAMP as epoch microseconds), a REPEATED
 * field as an array, a RECORD as an array of its field cells (in schema order).
 */
export type RawCell = string | null | RawCell[];

export interface ExecResult {
  /** Fields of the last statement that returned rows (empty for DML-only scripts). */
  fields: Field[];
  /** The rows, unless `stored` (then the worker keeps them and serves slices: op 'rows'). */
  rows: RawCell[][];
  rowCount: number;
  /** True when a large result stayed in the worker, as BigQuery keeps results server-side. */
  stored: boolean;
  /** True when the last statement returning rows was a query (SELECT/WITH/VALUES/CALL result). */
  hasResult: boolean;
  /** Rows changed when the whole job was a single DML statement. */
  dmlAffectedRows?: number;
  statementType: string;
  /** Estimated bytes a BigQuery scan of the same tables would process (see worker). */
  bytesProcessed: number;
  /** Rows of the tables the statements name (views expanded): the scan's row count proxy. */
  rowsScanned: number;
  /** Tables the statements read or wrote (dataset.table), for the bytes estimate and billing. */
  tables: string[];
  durationMs: number;
}

/** A twin as blocks with exception handlers and CALLs (program.ts reads and runs it). */
export type ProgramItem =
  | { kind: 'sql'; text: string }
  | { kind: 'call'; procedure: string; args: string[]; bind?: string[]; block?: Block }
  | { kind: 'block'; block: Block };

export interface Block {
  body: ProgramItem[];
  handler: ProgramItem[] | null;
}

/** What the main thread asks the worker to do. */
export type WorkerRequest =
  | { op: 'open'; path: string; initSql: string[] }
  | { op: 'build'; options: Record<string, unknown> }
  | {
      op: 'exec';
      statements: string[];
      params: BoundParam[];
      transaction: boolean;
      estimateOnly?: boolean;
      /** Appends a row to eros_scheduling_brain.jobs_by_project (the INFORMATION_SCHEMA stand-in). */
      log?: { creationMicros: string; userEmail: string };
      /** Keep a result larger than the inline limit in the worker under this id. */
      keepAs?: string;
      /** The stand-in's clock (epoch microseconds): the twins' CURRENT_TIMESTAMP(). */
      nowMicros?: string;
      /** The twin as blocks and CALLs (program.ts), when it has any; `statements` are its texts. */
      program?: Block;
      /** A concurrent writer cancels this job's transaction at its COMMIT with this text (concurrency.ts). */
      abortAtCommit?: string;
      /** The job's reads as BigQuery bills them (pruning.ts), when its GoogleSQL is known. */
      bytesEstimate?: { bytes: number; rows: number; tables: number };
    }
  | { op: 'rows'; id: string; offset: number; limit: number }
  | { op: 'scan'; requests: Array<{ table: string; where: string | null; columns: string[] }> }
  | {
      op: 'load';
      /** dataset.table */
      table: string;
      /** Newline-delimited JSON, one object per line. */
      data: string;
      disposition: 'WRITE_APPEND' | 'WRITE_TRUNCATE' | 'WRITE_EMPTY';
      log?: { creationMicros: string; userEmail: string };
    }
  | { op: 'sql'; sql: string; nowMicros?: string }
  | { op: 'close' };

export type WorkerResponse = { ok: true; value: unknown } | { ok: false; message: string; stack?: string };
