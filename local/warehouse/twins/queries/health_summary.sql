-- DuckDB twin of sql/queries/health_summary.sql (windows documented there).
WITH params AS (
  SELECT
    CAST($as_of AS TIMESTAMPTZ) AS as_of,
    CAST(CAST($as_of AS TIMESTAMPTZ) AT TIME ZONE 'America/Los_Angeles' AS DATE) AS la_day,
    CAST(CAST($as_of AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS DATE) AS utc_day
),
runs AS (
  SELECT r.* FROM eros_scheduling_brain.automation_run_log AS r, params AS p
  WHERE r.run_date BETWEEN p.la_day - 8 AND p.la_day + 1
    AND r.started_at > p.as_of - INTERVAL 7 DAY AND r.started_at <= p.as_of
),
stats AS (
  SELECT b.last_updated, b.last_updated < p.as_of - INTERVAL 24 HOUR AS is_stale
  FROM eros_scheduling_brain.caption_bandit_stats AS b, params AS p
  WHERE CAST(b.last_updated AT TIME ZONE 'UTC' AS DATE) BETWEEN p.utc_day - 365 AND p.utc_day
    AND b.last_updated <= p.as_of
),
locks AS (
  SELECT a.is_active, a.is_active AND a.lock_window_end <= p.as_of AS is_overdue
  FROM eros_scheduling_brain.active_caption_assignments AS a, params AS p
  WHERE a.scheduled_send_date BETWEEN p.la_day - 8 AND p.la_day + 60
),
exports AS (
  SELECT e.status FROM eros_scheduling_brain.schedule_export_log AS e, params AS p
  WHERE CAST(e.export_timestamp AT TIME ZONE 'UTC' AS DATE) BETWEEN p.utc_day - 7 AND p.utc_day
    AND e.export_timestamp > p.as_of - INTERVAL 7 DAY AND e.export_timestamp <= p.as_of
)
SELECT
  (SELECT count(*) FILTER (WHERE parent_run_id IS NULL) FROM runs) AS runs_7d,
  (SELECT count(*) FILTER (WHERE parent_run_id IS NULL AND status = 'FAILED') FROM runs) AS failed_runs_7d,
  (SELECT count(*) FILTER (WHERE parent_run_id IS NULL AND status = 'PARTIAL') FROM runs) AS partial_runs_7d,
  (SELECT CAST(coalesce(sum(pages_failed) FILTER (WHERE parent_run_id IS NULL), 0) AS BIGINT) FROM runs) AS pages_failed_7d,
  (SELECT count(*) FILTER (WHERE parent_run_id IS NOT NULL AND status = 'FAILED') FROM runs) AS failed_steps_7d,
  (SELECT CAST(coalesce(sum(TRY_CAST(json_extract_string(details, '$.unmatched_messages') AS BIGINT))
      FILTER (WHERE run_kind = 'PERFORMANCE' AND status = 'SUCCEEDED'), 0) AS BIGINT) FROM runs) AS unmatched_messages_7d,
  (SELECT count(*) FROM stats) AS bandit_stats_rows,
  (SELECT count(*) FILTER (WHERE is_stale) FROM stats) AS stale_bandit_stats,
  (SELECT max(last_updated) FROM stats) AS latest_bandit_update,
  (SELECT count(*) FILTER (WHERE is_active) FROM locks) AS active_locks,
  (SELECT count(*) FROM locks) AS total_locks,
  (SELECT count(*) FILTER (WHERE is_overdue) FROM locks) AS overdue_active_locks,
  (SELECT count(*) FILTER (WHERE status = 'EXPORTED') FROM exports) AS exports_exported_7d,
  (SELECT count(*) FILTER (WHERE status = 'SKIPPED') FROM exports) AS exports_skipped_7d,
  (SELECT count(*) FILTER (WHERE status = 'INVALID') FROM exports) AS exports_invalid_7d,
  (SELECT count(*) FILTER (WHERE status = 'FAILED') FROM exports) AS exports_failed_7d;
