-- health_summary: one row for the Health tab.
-- @param as_of TIMESTAMP
-- Windows (all relative to as_of, partition-filtered with both bounds):
--   runs_7d, failed_runs_7d, partial_runs_7d, pages_failed_7d: runs of their own in
--     automation_run_log (no parent_run_id: one row per execution, whoever started it) started in
--     the 7 days up to as_of (run_date filter: LA dates from 8 days before to the day after);
--     failed_steps_7d: FAILED rows of steps (a sweep or queue inside another run);
--     unmatched_messages_7d: PPV messages update_caption_performance could not match to a caption
--     (details.unmatched_messages of its SUCCEEDED rows);
--   bandit_stats_rows, stale_bandit_stats: caption_bandit_stats rows updated in the 365 days before
--     as_of, and those of them not updated in the last 24 hours; latest_bandit_update;
--   active_locks, total_locks, overdue_active_locks: locks with a send date from 8 days before
--     as_of to 60 days after; overdue = still active although their lock window ended before
--     as_of (the hourly sweep is not running);
--   exports_*_7d: schedule_export_log rows of the 7 days up to as_of by status.
-- Counts are 0 (never NULL) when nothing matches; latest_bandit_update is NULL then.
WITH runs AS (
  SELECT r.*
  FROM eros_scheduling_brain.automation_run_log AS r
  WHERE r.run_date BETWEEN DATE_SUB(DATE(@as_of, 'America/Los_Angeles'), INTERVAL 8 DAY)
      AND DATE_ADD(DATE(@as_of, 'America/Los_Angeles'), INTERVAL 1 DAY)
    AND r.started_at > TIMESTAMP_SUB(@as_of, INTERVAL 7 DAY) AND r.started_at <= @as_of
),
stats AS (
  SELECT b.last_updated, b.last_updated < TIMESTAMP_SUB(@as_of, INTERVAL 24 HOUR) AS is_stale
  FROM eros_scheduling_brain.caption_bandit_stats AS b
  WHERE DATE(b.last_updated) BETWEEN DATE_SUB(DATE(@as_of), INTERVAL 365 DAY) AND DATE(@as_of)
    AND b.last_updated <= @as_of
),
locks AS (
  SELECT a.is_active, a.is_active AND a.lock_window_end <= @as_of AS is_overdue
  FROM eros_scheduling_brain.active_caption_assignments AS a
  WHERE a.scheduled_send_date BETWEEN DATE_SUB(DATE(@as_of, 'America/Los_Angeles'), INTERVAL 8 DAY)
    AND DATE_ADD(DATE(@as_of, 'America/Los_Angeles'), INTERVAL 60 DAY)
),
exports AS (
  SELECT e.status
  FROM eros_scheduling_brain.schedule_export_log AS e
  WHERE DATE(e.export_timestamp) BETWEEN DATE_SUB(DATE(@as_of), INTERVAL 7 DAY) AND DATE(@as_of)
    AND e.export_timestamp > TIMESTAMP_SUB(@as_of, INTERVAL 7 DAY) AND e.export_timestamp <= @as_of
)
SELECT
  (SELECT COUNTIF(r.parent_run_id IS NULL) FROM runs AS r) AS runs_7d,
  (SELECT COUNTIF(r.parent_run_id IS NULL AND r.status = 'FAILED') FROM runs AS r) AS failed_runs_7d,
  (SELECT COUNTIF(r.parent_run_id IS NULL AND r.status = 'PARTIAL') FROM runs AS r) AS partial_runs_7d,
  (SELECT IFNULL(SUM(IF(r.parent_run_id IS NULL, r.pages_failed, 0)), 0) FROM runs AS r) AS pages_failed_7d,
  (SELECT COUNTIF(r.parent_run_id IS NOT NULL AND r.status = 'FAILED') FROM runs AS r) AS failed_steps_7d,
  (SELECT IFNULL(SUM(IF(r.run_kind = 'PERFORMANCE' AND r.status = 'SUCCEEDED',
      SAFE_CAST(JSON_VALUE(r.details, '$.unmatched_messages') AS INT64), 0)), 0) FROM runs AS r) AS unmatched_messages_7d,
  (SELECT COUNT(*) FROM stats) AS bandit_stats_rows,
  (SELECT COUNTIF(s.is_stale) FROM stats AS s) AS stale_bandit_stats,
  (SELECT MAX(s.last_updated) FROM stats AS s) AS latest_bandit_update,
  (SELECT COUNTIF(l.is_active) FROM locks AS l) AS active_locks,
  (SELECT COUNT(*) FROM locks) AS total_locks,
  (SELECT COUNTIF(l.is_overdue) FROM locks AS l) AS overdue_active_locks,
  (SELECT COUNTIF(e.status = 'EXPORTED') FROM exports AS e) AS exports_exported_7d,
  (SELECT COUNTIF(e.status = 'SKIPPED') FROM exports AS e) AS exports_skipped_7d,
  (SELECT COUNTIF(e.status = 'INVALID') FROM exports AS e) AS exports_invalid_7d,
  (SELECT COUNTIF(e.status = 'FAILED') FROM exports AS e) AS exports_failed_7d;
