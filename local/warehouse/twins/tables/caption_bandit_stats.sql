-- DuckDB twin of sql/tables/caption_bandit_stats.sql.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.caption_bandit_stats (
  page_name VARCHAR NOT NULL,
  caption_id BIGINT NOT NULL,
  successes BIGINT NOT NULL,
  failures BIGINT NOT NULL,
  total_observations BIGINT NOT NULL,
  total_revenue DOUBLE,
  avg_emv DOUBLE,
  confidence_lower_bound DOUBLE,
  confidence_upper_bound DOUBLE,
  last_used TIMESTAMPTZ,
  last_updated TIMESTAMPTZ NOT NULL
);
