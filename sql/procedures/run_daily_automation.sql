-- run_daily_automation(run_date): prepares the day's work in BigQuery (daily 03:05 LA).
--   run_date  Los Angeles date of the run; NULL = today in Los Angeles.
-- 1. Sweeps caption locks (CALL sweep_expired_caption_locks).
-- 2. Replaces daily_page_queue rows of run_date with one PENDING row per ACTIVE page: its size
--    tier, saturation and risk (classify_account_size + analyze_saturation_status as of run_date)
--    and target_week_start = the Monday after run_date's week (the week to generate).
-- 3. Logs to automation_run_log (run_kind DAILY_QUEUE; the script's own generation run logs
--    DAILY). Re-running the same date replaces that date's queue; nothing is duplicated.
-- Result: one row queued_pages, target_week_start.
CREATE OR REPLACE PROCEDURE eros_scheduling_brain.run_daily_automation(run_date DATE)
BEGIN
  DECLARE target_date DATE DEFAULT IFNULL(run_date, CURRENT_DATE('America/Los_Angeles'));
  DECLARE started TIMESTAMP DEFAULT CURRENT_TIMESTAMP();
  DECLARE target_week DATE DEFAULT DATE_ADD(DATE_TRUNC(target_date, WEEK(MONDAY)), INTERVAL 7 DAY);
  DECLARE queued_pages INT64 DEFAULT 0;

  CALL eros_scheduling_brain.sweep_expired_caption_locks();

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

  INSERT INTO eros_scheduling_brain.automation_run_log
    (run_id, run_date, run_kind, started_at, finished_at, status, pages_total, pages_generated,
     pages_skipped, pages_failed, details)
  VALUES (
    CONCAT('queue-', FORMAT_DATE('%Y%m%d', target_date), '-', FORMAT_TIMESTAMP('%H%M%S', started)),
    target_date, 'DAILY_QUEUE', started, CURRENT_TIMESTAMP(), 'SUCCEEDED', queued_pages, 0, 0, 0,
    TO_JSON_STRING(STRUCT(target_week AS target_week_start, queued_pages)));

  COMMIT TRANSACTION;

  SELECT queued_pages, target_week AS target_week_start;
END;
