-- DuckDB twin of sql/tables/automation_run_log.sql.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.automation_run_log (
  run_id VARCHAR NOT NULL,
  run_date DATE NOT NULL,
  run_kind VARCHAR NOT NULL,
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ,
  status VARCHAR NOT NULL,
  pages_total BIGINT,
  pages_generated BIGINT,
  pages_skipped BIGINT,
  pages_failed BIGINT,
  details VARCHAR,
  parent_run_id VARCHAR,
  error_message VARCHAR
);
