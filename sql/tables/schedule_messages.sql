-- One row per slot of a generated schedule.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.schedule_messages (
  schedule_id STRING NOT NULL,
  page_name STRING NOT NULL,
  week_start DATE NOT NULL,
  slot_index INT64 NOT NULL,
  scheduled_send_time TIMESTAMP NOT NULL,
  message_type STRING NOT NULL,       -- PPV, BUMP, TEASER, FOLLOW_UP
  funnel_step STRING,                 -- teaser, main, follow_up, standalone
  caption_id INT64,
  price FLOAT64,
  selection_draw FLOAT64,             -- the Thompson draw that chose the caption
  selection_reason STRING,
  is_active BOOL NOT NULL
)
PARTITION BY week_start
CLUSTER BY page_name, schedule_id;
