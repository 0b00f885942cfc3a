-- One row per execution of a run, whoever starts it: what happened, for the Runs and Health tabs.
-- Every writer keys its row by run_id (run_id_for: '<run_kind lower-case>-<UTC yyyymmddThhmmssSSS>Z')
-- and writes it once: a retried or repeated write replaces the row of that run_id.
-- Who writes which kind:
--   DAILY, MENU  the script's generation run (daily trigger, or the menu for one page or all), via
--                log_exports when the run ends (a run paused and resumed is still one row)
--   UNDO         the script's undo (undo_generation)
--   DAILY_QUEUE  procedure run_daily_automation; a step of the DAILY/MENU run that calls it
--   SWEEP        procedure sweep_expired_caption_locks (hourly trigger, scheduled query, console,
--                or a step of run_daily_automation)
--   PERFORMANCE  procedure update_caption_performance (trigger every 6 hours, scheduled query, console)
-- A procedure owns its row, so a call from the console or a scheduled query leaves one too; when
-- a procedure's job fails before its body runs, the script that sent it writes the FAILED row.
-- A step names its run in parent_run_id; rows without one are the runs counted on the Health tab.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.automation_run_log (
  run_id STRING NOT NULL,
  run_date DATE NOT NULL,             -- Los Angeles date the run was for
  run_kind STRING NOT NULL,           -- DAILY, MENU, UNDO, DAILY_QUEUE, SWEEP, PERFORMANCE (see above)
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP,              -- when the row was written, after the run's transaction
  status STRING NOT NULL,             -- SUCCEEDED, PARTIAL, FAILED (rows are written when a run ends)
  pages_total INT64,
  pages_generated INT64,
  pages_skipped INT64,
  pages_failed INT64,
  details STRING,                     -- JSON: per-page reasons (generation runs), counts (procedures)
  parent_run_id STRING,               -- the run this one is a step of; NULL for a run of its own
  error_message STRING                -- why a FAILED run failed (BigQuery's error text)
)
PARTITION BY run_date;
