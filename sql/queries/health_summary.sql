-- health_summary: one row for the Health tab.
-- @param as_of TIMESTAMP
-- Windows (all relative to as_of, partition-filtered):
--   runs_7d, failed_runs_7d, partial_runs_7d, pages_failed_7d: automation_run_log rows started in
--     the 7 days up to as_of (run_date filter: LA dates from 8 days before);
--   bandit_stats_rows, stale_bandit_stats: caption_bandit_stats rows updated in the 365 days before
--     as_of, and those of them not updated in the last 24 hours; latest_bandit_update;
--   active_locks, total_locks, overdue_active_locks: locks with a send date from 8 days before
--     as_of onward; overdue = still active although their lock window ended before as_of
--     (the hourly sweep is not running);
--   exports_*_7d: schedule_export_log rows of the 7 days up to as_of by status.
-- Counts are 0 (never NULL) when nothing matches; latest_bandit_update is NULL then.
SELECT
  (SELECT COUNT(*) FROM eros_scheduling_brain.automation_run_log AS r
    WHERE r.run_date >= DATE_SUB(DATE(@as_of, 'America/Los_Angeles'), INTERVAL 8 DAY)
      AND r.started_at > TIMESTAMP_SUB(@as_of, INTERVAL 7 DAY) AND r.started_at <= @as_of) AS runs_7d,
  (SELECT COUNTIF(r.status = 'FAILED') FROM eros_scheduling_brain.automation_run_log AS r
    WHERE r.run_date >= DATE_SUB(DATE(@as_of, 'America/Los_Angeles'), INTERVAL 8 DAY)
      AND r.started_at > TIMESTAMP_SUB(@as_of, INTERVAL 7 DAY) AND r.started_at <= @as_of) AS failed_runs_7d,
  (SELECT COUNTIF(r.status = 'PARTIAL') FROM eros_scheduling_brain.automation_run_log AS r
    WHERE r.run_date >= DATE_SUB(DATE(@as_of, 'America/Los_Angeles'), INTERVAL 8 DAY)
      AND r.started_at > TIMESTAMP_SUB(@as_of, INTERVAL 7 DAY) AND r.started_at <= @as_of) AS partial_runs_7d,
  (SELECT IFNULL(SUM(r.pages_failed), 0) FROM eros_scheduling_brain.automation_run_log AS r
    WHERE r.run_date >= DATE_SUB(DATE(@as_of, 'America/Los_Angeles'), INTERVAL 8 DAY)
      AND r.started_at > TIMESTAMP_SUB(@as_of, INTERVAL 7 DAY) AND r.started_at <= @as_of) AS pages_failed_7d,
  (SELECT COUNT(*) FROM eros_scheduling_brain.caption_bandit_stats AS b
    WHERE DATE(b.last_updated) >= DATE_SUB(DATE(@as_of), INTERVAL 365 DAY)
      AND b.last_updated <= @as_of) AS bandit_stats_rows,
  (SELECT COUNTIF(b.last_updated < TIMESTAMP_SUB(@as_of, INTERVAL 24 HOUR)) FROM eros_scheduling_brain.caption_bandit_stats AS b
    WHERE DATE(b.last_updated) >= DATE_SUB(DATE(@as_of), INTERVAL 365 DAY)
      AND b.last_updated <= @as_of) AS stale_bandit_stats,
  (SELECT MAX(b.last_updated) FROM eros_scheduling_brain.caption_bandit_stats AS b
    WHERE DATE(b.last_updated) >= DATE_SUB(DATE(@as_of), INTERVAL 365 DAY)
      AND b.last_updated <= @as_of) AS latest_bandit_update,
  (SELECT COUNTIF(a.is_active) FROM eros_scheduling_brain.active_caption_assignments AS a
    WHERE a.scheduled_send_date >= DATE_SUB(DATE(@as_of, 'America/Los_Angeles'), INTERVAL 8 DAY)) AS active_locks,
  (SELECT COUNT(*) FROM eros_scheduling_brain.active_caption_assignments AS a
    WHERE a.scheduled_send_date >= DATE_SUB(DATE(@as_of, 'America/Los_Angeles'), INTERVAL 8 DAY)) AS total_locks,
  (SELECT COUNTIF(a.is_active AND a.lock_window_end <= @as_of) FROM eros_scheduling_brain.active_caption_assignments AS a
    WHERE a.scheduled_send_date >= DATE_SUB(DATE(@as_of, 'America/Los_Angeles'), INTERVAL 8 DAY)) AS overdue_active_locks,
  (SELECT COUNTIF(e.status = 'EXPORTED') FROM eros_scheduling_brain.schedule_export_log AS e
    WHERE DATE(e.export_timestamp) >= DATE_SUB(DATE(@as_of), INTERVAL 7 DAY)
      AND e.export_timestamp > TIMESTAMP_SUB(@as_of, INTERVAL 7 DAY) AND e.export_timestamp <= @as_of) AS exports_exported_7d,
  (SELECT COUNTIF(e.status = 'SKIPPED') FROM eros_scheduling_brain.schedule_export_log AS e
    WHERE DATE(e.export_timestamp) >= DATE_SUB(DATE(@as_of), INTERVAL 7 DAY)
      AND e.export_timestamp > TIMESTAMP_SUB(@as_of, INTERVAL 7 DAY) AND e.export_timestamp <= @as_of) AS exports_skipped_7d,
  (SELECT COUNTIF(e.status = 'INVALID') FROM eros_scheduling_brain.schedule_export_log AS e
    WHERE DATE(e.export_timestamp) >= DATE_SUB(DATE(@as_of), INTERVAL 7 DAY)
      AND e.export_timestamp > TIMESTAMP_SUB(@as_of, INTERVAL 7 DAY) AND e.export_timestamp <= @as_of) AS exports_invalid_7d,
  (SELECT COUNTIF(e.status = 'FAILED') FROM eros_scheduling_brain.schedule_export_log AS e
    WHERE DATE(e.export_timestamp) >= DATE_SUB(DATE(@as_of), INTERVAL 7 DAY)
      AND e.export_timestamp > TIMESTAMP_SUB(@as_of, INTERVAL 7 DAY) AND e.export_timestamp <= @as_of) AS exports_failed_7d;
