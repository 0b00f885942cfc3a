-- DuckDB twin of sql/queries/health_alerts.sql (window documented there).
SELECT a.raised_at, a.alert_kind, a.severity, a.message, a.run_id
FROM eros_scheduling_brain.automation_alerts AS a
WHERE a.alert_date BETWEEN CAST(CAST($as_of AS TIMESTAMPTZ) AT TIME ZONE 'America/Los_Angeles' AS DATE) - 8
    AND CAST(CAST($as_of AS TIMESTAMPTZ) AT TIME ZONE 'America/Los_Angeles' AS DATE) + 1
  AND a.raised_at > CAST($as_of AS TIMESTAMPTZ) - INTERVAL 7 DAY AND a.raised_at <= CAST($as_of AS TIMESTAMPTZ)
ORDER BY a.raised_at DESC, a.alert_id
LIMIT 50;
