-- Schedules the daily run stages with ONE load job (newline-delimited JSON from the script): one
-- row per schedule, its messages nested. sql/queries/write_schedules.sql merges the rows of one
-- load_id into schedules, schedule_messages and active_caption_assignments in one transaction and
-- deletes them. A load job carries the write because 500 pages of messages as ARRAY<STRUCT> query
-- parameters would pass BigQuery's 10 MB request limit. Partitions expire after 3 days (rows a
-- failed write left behind).
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.schedule_staging (
  load_id STRING NOT NULL,            -- one per write: <run_id>_e<execution>
  staged_on DATE NOT NULL,            -- UTC date of the write
  run_id STRING NOT NULL,
  schedule_id STRING NOT NULL,
  page_name STRING NOT NULL,
  week_start DATE NOT NULL,
  size_tier STRING,
  risk_level STRING,
  saturation_light STRING,
  caption_target INT64,
  message_count INT64,
  messages ARRAY<STRUCT<
    slot_index INT64,
    scheduled_send_time TIMESTAMP,
    message_type STRING,
    funnel_step STRING,
    caption_id INT64,
    price FLOAT64,
    selection_draw FLOAT64,
    selection_reason STRING
  >>
)
PARTITION BY staged_on
CLUSTER BY load_id
OPTIONS (partition_expiration_days = 3);
