-- Per page and caption Beta posterior counts, kept by update_caption_performance.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.caption_bandit_stats (
  page_name STRING NOT NULL,
  caption_id INT64 NOT NULL,
  successes INT64 NOT NULL,           -- sends whose EMV beat the page median
  failures INT64 NOT NULL,
  total_observations INT64 NOT NULL,
  total_revenue FLOAT64,
  avg_emv FLOAT64,                    -- earnings per recipient
  confidence_lower_bound FLOAT64,     -- 95 % Wilson interval on successes / observations
  confidence_upper_bound FLOAT64,
  last_used TIMESTAMP,
  last_updated TIMESTAMP NOT NULL
)
PARTITION BY DATE(last_updated)
CLUSTER BY page_name, caption_id, last_used;
