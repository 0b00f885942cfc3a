-- DuckDB twin of sql/tables/mass_messages.sql (no partitioning; clustering has no equivalent).
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.mass_messages (
  message_id VARCHAR NOT NULL,
  page_name VARCHAR,
  sending_time TIMESTAMPTZ NOT NULL,
  message_type VARCHAR,
  caption_id BIGINT,
  caption_text VARCHAR,
  price DOUBLE,
  sent_count BIGINT,
  viewed_count BIGINT,
  purchased_count BIGINT,
  earnings DOUBLE
);
