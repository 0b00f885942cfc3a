-- Input (the agency's export): one row per mass message a page sent.
-- Partitioned by send date: every query must filter on DATE(sending_time).
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.mass_messages (
  message_id STRING NOT NULL,
  page_name STRING,
  sending_time TIMESTAMP NOT NULL,
  message_type STRING,          -- PPV, BUMP, TEASER, FOLLOW_UP (free text in old exports)
  caption_id INT64,             -- NULL when the export only kept the text
  caption_text STRING,
  price FLOAT64,                -- USD, NULL or 0 for free messages
  sent_count INT64,
  viewed_count INT64,
  purchased_count INT64,
  earnings FLOAT64              -- USD earned by this message
)
PARTITION BY DATE(sending_time)
CLUSTER BY page_name, caption_id;
