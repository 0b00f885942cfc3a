-- The day's work prepared by run_daily_automation: one row per active page with its analysis.
-- Re-running the same run_date replaces that day's rows (delete-then-insert in the procedure).
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.daily_page_queue (
  run_date DATE NOT NULL,             -- Los Angeles date of the run
  page_name STRING NOT NULL,
  target_week_start DATE NOT NULL,    -- Monday of the week to generate (the week after run_date)
  queued_at TIMESTAMP NOT NULL,
  size_tier STRING NOT NULL,          -- NEW, SMALL, MEDIUM, LARGE, XL
  avg_audience FLOAT64,
  saturation_score FLOAT64,
  risk_level STRING NOT NULL,         -- HEALTHY, LOW, MODERATE, HIGH, CRITICAL
  recommended_action STRING,
  volume_adjustment_factor FLOAT64,
  status STRING NOT NULL              -- PENDING (the script reads PENDING rows)
)
PARTITION BY run_date
CLUSTER BY page_name;
