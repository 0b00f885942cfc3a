-- health_alerts: the alerts the maintenance procedures raised in the 7 days up to as_of, for the
-- Health tab (automation_alerts: UNUSUAL_SWEEP_VOLUME, UNMATCHED_MESSAGES), newest first, at most 50.
-- @param as_of TIMESTAMP
-- Partition filter: alert_date (LA) from 8 days before as_of to the day after.
-- Columns: raised_at TIMESTAMP, alert_kind STRING, severity STRING, message STRING, run_id STRING.
SELECT a.raised_at, a.alert_kind, a.severity, a.message, a.run_id
FROM eros_scheduling_brain.automation_alerts AS a
WHERE a.alert_date BETWEEN DATE_SUB(DATE(@as_of, 'America/Los_Angeles'), INTERVAL 8 DAY)
    AND DATE_ADD(DATE(@as_of, 'America/Los_Angeles'), INTERVAL 1 DAY)
  AND a.raised_at > TIMESTAMP_SUB(@as_of, INTERVAL 7 DAY) AND a.raised_at <= @as_of
ORDER BY a.raised_at DESC, a.alert_id
LIMIT 50;
