-- Input: the pages the agency manages, with their audience figures.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.creators (
  page_name STRING NOT NULL,
  display_name STRING,
  is_active BOOL NOT NULL,
  page_type STRING,             -- paid or free
  subscriber_count INT64,       -- current fans (the audience a mass message reaches)
  active_fans_30d INT64,
  joined_date DATE,
  assigned_scheduler STRING
);
