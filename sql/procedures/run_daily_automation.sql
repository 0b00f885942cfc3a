-- run_daily_automation(run_date, run_id, parent_run_id): prepares the day's work in BigQuery (daily
-- 03:05 LA: the add-on's daily and menu runs call it first; or a scheduled query, or the console).
--   run_date       Los Angeles date of the run; NULL = today in Los Angeles.
--   run_id         this run's id (run_id_for format), so a CALL sent again logs the same row;
--                  NULL = made here
--   parent_run_id  the run this is a step of (the add-on's DAILY or MENU run), else NULL.
-- 1. Sweeps caption locks (CALL sweep_expired_caption_locks, a step of this run: its own row, with
--    this run's run_id as parent). A failed sweep is in its own FAILED row and does not stop step 2.
-- 2. Replaces daily_page_queue rows of run_date with one PENDING row per ACTIVE page: its size
--    tier, saturation and risk (classify_account_size + analyze_saturation_status as of run_date)
--    and target_week_start = the Monday after run_date's week (the week to generate).
--    Re-running the same date replaces that date's queue; nothing is duplicated.
-- Run log: this procedure owns its automation_run_log row (run_kind DAILY_QUEUE, through
-- log_automation_run, after the COMMIT so finished_at is the real end): SUCCEEDED with
-- pages_total = the pages queued, or FAILED with BigQuery's error text, after which the error is
-- raised again. The add-on's own generation run logs DAILY or MENU itself.
-- Result: one row run_id, queued_pages, target_week_start.
CREATE OR REPLACE PROCEDURE eros_scheduling_brain.run_daily_automation(run_date DATE, run_id STRING, parent_run_id STRING)
BEGIN
  DECLARE started TIMESTAMP DEFAULT CURRENT_TIMESTAMP();
  DECLARE id STRING DEFAULT IFNULL(run_id, eros_scheduling_brain.run_id_for('DAILY_QUEUE', started));
  DECLARE target_date DATE DEFAULT IFNULL(run_date, CURRENT_DATE('America/Los_Angeles'));
  DECLARE target_week DATE DEFAULT DATE_ADD(DATE_TRUNC(target_date, WEEK(MONDAY)), INTERVAL 7 DAY);
  DECLARE queued_pages INT64 DEFAULT 0;
  DECLARE sweep_failure STRING DEFAULT NULL;
  DECLARE failure STRING DEFAULT NULL;

  BEGIN
    BEGIN
      CALL eros_scheduling_brain.sweep_expired_caption_locks(NULL, id);
    EXCEPTION WHEN ERROR THEN
      SET sweep_failure = @@error.message;
    END;

    BEGIN TRANSACTION;

    DELETE FROM eros_scheduling_brain.daily_page_queue
    WHERE run_date = target_date;

    INSERT INTO eros_scheduling_brain.daily_page_queue
      (run_date, page_name, target_week_start, queued_at, size_tier, avg_audience, saturation_score,
       risk_level, recommended_action, volume_adjustment_factor, status)
    SELECT
      target_date, c.page_name, target_week, started, c.size_tier, c.avg_audience, s.saturation_score,
      s.risk_level, s.recommended_action, s.volume_adjustment_factor, 'PENDING'
    FROM eros_scheduling_brain.classify_account_size(ARRAY<STRING>[], target_date) AS c
    JOIN eros_scheduling_brain.analyze_saturation_status(ARRAY<STRING>[], target_date) AS s
      ON s.page_name = c.page_name;

    SET queued_pages = (
      SELECT COUNT(*) FROM eros_scheduling_brain.daily_page_queue AS q WHERE q.run_date = target_date);

    COMMIT TRANSACTION;

    CALL eros_scheduling_brain.log_automation_run(id, parent_run_id, 'DAILY_QUEUE', started, 'SUCCEEDED', queued_pages,
      TO_JSON_STRING(STRUCT(target_date AS run_date, target_week AS target_week_start, queued_pages, sweep_failure)), NULL);

    SELECT id AS run_id, queued_pages, target_week AS target_week_start;
  EXCEPTION WHEN ERROR THEN
    SET failure = @@error.message;
    -- No transaction is open when the error came before BEGIN TRANSACTION or after COMMIT.
    BEGIN ROLLBACK TRANSACTION; EXCEPTION WHEN ERROR THEN SET failure = failure; END;
    CALL eros_scheduling_brain.fail_run(id, parent_run_id, 'DAILY_QUEUE', started,
      TO_JSON_STRING(STRUCT(target_date AS run_date, target_week AS target_week_start, queued_pages, sweep_failure)), failure);
  END;
END;
