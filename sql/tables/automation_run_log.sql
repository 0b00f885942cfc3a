-- One row per run: what happened, for the Runs and Health tabs.
-- run_kind, by writer:
--   DAILY        the script's daily generation run (daily trigger), via log_exports
--   MENU         the script's generation run started from the menu (one page or all), via log_exports
--   DAILY_QUEUE  procedure run_daily_automation (the day's page queue); the script calls it at the
--                start of every DAILY and MENU run, so each such run also leaves one of these
--   PERFORMANCE  procedure update_caption_performance, and the script's maintenance run that calls
--                it (via log_exports): a trigger-driven call leaves one row of each
--   SWEEP        procedure sweep_expired_caption_locks, and likewise the script's maintenance run
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.automation_run_log (
  run_id STRING NOT NULL,
  run_date DATE NOT NULL,             -- Los Angeles date the run was for
  run_kind STRING NOT NULL,           -- DAILY, MENU, DAILY_QUEUE, PERFORMANCE, SWEEP (see above)
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP,
  status STRING NOT NULL,             -- SUCCEEDED, PARTIAL, FAILED (rows are written when a run ends)
  pages_total INT64,
  pages_generated INT64,
  pages_skipped INT64,
  pages_failed INT64,
  details STRING                      -- JSON: per-page reasons (generation runs), counts (procedures)
)
PARTITION BY run_date;
