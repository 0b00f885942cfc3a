-- DuckDB twin of sql/tables/caption_bank.sql.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.caption_bank (
  caption_id BIGINT NOT NULL,
  caption_text VARCHAR NOT NULL,
  caption_key VARCHAR,
  caption_type VARCHAR NOT NULL,
  content_category VARCHAR,
  price_tier VARCHAR,
  suggested_price DOUBLE,
  has_urgency BOOLEAN,
  psychological_trigger VARCHAR,
  is_active BOOLEAN NOT NULL,
  created_at TIMESTAMPTZ
);
