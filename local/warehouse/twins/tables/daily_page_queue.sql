-- DuckDB twin of sql/tables/daily_page_queue.sql.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.daily_page_queue (
  run_date DATE NOT NULL,
  page_name VARCHAR NOT NULL,
  target_week_start DATE NOT NULL,
  queued_at TIMESTAMPTZ NOT NULL,
  size_tier VARCHAR NOT NULL,
  avg_audience DOUBLE,
  saturation_score DOUBLE,
  risk_level VARCHAR NOT NULL,
  recommended_action VARCHAR,
  volume_adjustment_factor DOUBLE,
  status VARCHAR NOT NULL
);
