-- DuckDB twin of sql/tables/schedules.sql.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.schedules (
  schedule_id VARCHAR NOT NULL,
  run_id VARCHAR NOT NULL,
  page_name VARCHAR NOT NULL,
  week_start DATE NOT NULL,
  generated_at TIMESTAMPTZ NOT NULL,
  size_tier VARCHAR,
  risk_level VARCHAR,
  saturation_light VARCHAR,
  caption_target BIGINT,
  message_count BIGINT,
  is_active BOOLEAN NOT NULL
);
