-- DuckDB twin of sql/tables/schedule_export_log.sql.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.schedule_export_log (
  export_id VARCHAR NOT NULL,
  run_id VARCHAR NOT NULL,
  schedule_id VARCHAR,
  page_name VARCHAR NOT NULL,
  export_timestamp TIMESTAMPTZ NOT NULL,
  status VARCHAR NOT NULL,
  reason VARCHAR,
  message_count BIGINT,
  duration_ms BIGINT
);
