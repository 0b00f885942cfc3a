-- One row per generated week for a page; schedule_id is made once by the builder.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.schedules (
  schedule_id STRING NOT NULL,
  run_id STRING NOT NULL,
  page_name STRING NOT NULL,
  week_start DATE NOT NULL,           -- Monday, Los Angeles
  generated_at TIMESTAMP NOT NULL,
  size_tier STRING,
  risk_level STRING,
  saturation_light STRING,            -- GREEN, YELLOW, RED
  caption_target INT64,
  message_count INT64,
  is_active BOOL NOT NULL             -- FALSE once replaced by a re-run or undone
)
PARTITION BY week_start
CLUSTER BY page_name;
