-- Telemetry: one row per page per run saying whether its schedule was exported and why not.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.schedule_export_log (
  export_id STRING NOT NULL,
  run_id STRING NOT NULL,
  schedule_id STRING,
  page_name STRING NOT NULL,
  export_timestamp TIMESTAMP NOT NULL,
  status STRING NOT NULL,             -- EXPORTED, SKIPPED, INVALID, FAILED
  reason STRING,
  message_count INT64,
  duration_ms INT64
)
PARTITION BY DATE(export_timestamp)
CLUSTER BY page_name, status;
