-- DuckDB twin of sql/tables/creators.sql.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.creators (
  page_name VARCHAR NOT NULL,
  display_name VARCHAR,
  is_active BOOLEAN NOT NULL,
  page_type VARCHAR,
  subscriber_count BIGINT,
  active_fans_30d BIGINT,
  joined_date DATE,
  assigned_scheduler VARCHAR
);
