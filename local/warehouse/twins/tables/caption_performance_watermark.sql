-- DuckDB twin of sql/tables/caption_performance_watermark.sql.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.caption_performance_watermark (
  processed_through TIMESTAMPTZ NOT NULL,
  run_at TIMESTAMPTZ NOT NULL,
  messages_processed BIGINT NOT NULL,
  stats_rows_touched BIGINT NOT NULL
);
