-- One row per run (daily trigger or menu): what happened, for the Runs and Health tabs.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.automation_run_log (
  run_id STRING NOT NULL,
  run_date DATE NOT NULL,             -- Los Angeles date the run was for
  run_kind STRING NOT NULL,           -- DAILY, MENU, PERFORMANCE, SWEEP
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP,
  status STRING NOT NULL,             -- RUNNING, SUCCEEDED, PARTIAL, FAILED
  pages_total INT64,
  pages_generated INT64,
  pages_skipped INT64,
  pages_failed INT64,
  details STRING                      -- JSON: per-page reasons
)
PARTITION BY run_date;
