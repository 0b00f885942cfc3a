-- DuckDB twin of sql/tables/schedule_staging.sql (the BigQuery stand-in's load jobs append here).
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.schedule_staging (
  load_id VARCHAR NOT NULL,
  staged_on DATE NOT NULL,
  run_id VARCHAR NOT NULL,
  schedule_id VARCHAR NOT NULL,
  page_name VARCHAR NOT NULL,
  week_start DATE NOT NULL,
  size_tier VARCHAR,
  risk_level VARCHAR,
  saturation_light VARCHAR,
  caption_target BIGINT,
  message_count BIGINT,
  messages STRUCT(
    slot_index BIGINT,
    scheduled_send_time TIMESTAMPTZ,
    message_type VARCHAR,
    funnel_step VARCHAR,
    caption_id BIGINT,
    price DOUBLE,
    selection_draw DOUBLE,
    selection_reason VARCHAR
  )[]
);
