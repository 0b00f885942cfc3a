-- DuckDB twin of sql/tables/schedule_messages.sql.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.schedule_messages (
  schedule_id VARCHAR NOT NULL,
  page_name VARCHAR NOT NULL,
  week_start DATE NOT NULL,
  slot_index BIGINT NOT NULL,
  scheduled_send_time TIMESTAMPTZ NOT NULL,
  message_type VARCHAR NOT NULL,
  funnel_step VARCHAR,
  caption_id BIGINT,
  price DOUBLE,
  selection_draw DOUBLE,
  selection_reason VARCHAR,
  is_active BOOLEAN NOT NULL
);
