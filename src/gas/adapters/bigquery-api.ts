// The shapes of the Advanced BigQuery Service this add-on uses (REST v2: Job, JobStatus,
// ErrorProto, getQueryResults), as the adapter reads them.
// https://cloud.google.com/bigquery/docs/reference/rest/v2/Job
import type { RestRow, SchemaField } from './bigquery-decode';

export interface ErrorProto {
  reason?: string;
  message?: string;
  location?: string;
}
export interface JobReference {
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

