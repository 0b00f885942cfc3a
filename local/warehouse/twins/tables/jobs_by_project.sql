-- Local stand-in for BigQuery's `region-<location>`.INFORMATION_SCHEMA.JOBS_BY_PROJECT (BigQuery
-- provides the real view, so there is no sql/tables file). The BigQuery stand-in appends a row
-- per job it runs; local/warehouse/twins/queries/bytes_billed_7d.sql reads it.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.jobs_by_project (
  creation_time TIMESTAMPTZ NOT NULL,
  total_bytes_billed BIGINT,
  job_type VARCHAR,
  statement_type VARCHAR,
  state VARCHAR,
  user_email VARCHAR
);
