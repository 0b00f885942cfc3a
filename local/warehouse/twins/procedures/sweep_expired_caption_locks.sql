-- DuckDB twin of sql/procedures/sweep_expired_caption_locks.sql (rules documented there).
-- Parameters: $run_id, $parent_run_id. The stand-in runs the marked blocks as BigQuery runs
-- BEGIN ... EXCEPTION WHEN ERROR THEN ... END (local/runtime/bigquery/program.ts): the handler
-- reads @@error.message as getvariable('bq_failure'); @@row_count is getvariable('bq_row_count').
SET VARIABLE sweep_started = getvariable('bq_now');
SET VARIABLE sweep_id = coalesce($run_id, eros_scheduling_brain.run_id_for('SWEEP', getvariable('sweep_started')));
SET VARIABLE sweep_today = CAST(getvariable('sweep_started') AT TIME ZONE 'America/Los_Angeles' AS DATE);
SET VARIABLE sweep_expired = CAST(0 AS BIGINT);
SET VARIABLE sweep_past = CAST(0 AS BIGINT);
SET VARIABLE sweep_usual = CAST(NULL AS DOUBLE);
-- The run row's details, on success and on failure.
CREATE OR REPLACE TEMP MACRO sweep_facts() AS json_object('expired_locks', getvariable('sweep_expired'),
  'past_send_date_locks', getvariable('sweep_past'), 'locks_released', getvariable('sweep_expired') + getvariable('sweep_past'),
  'usual_volume', getvariable('sweep_usual'))::VARCHAR;
-- BEGIN
UPDATE eros_scheduling_brain.active_caption_assignments
SET is_active = false, deactivated_at = getvariable('sweep_started'), deactivation_reason = 'EXPIRED'
WHERE scheduled_send_date BETWEEN CAST(getvariable('bq_now') AT TIME ZONE 'America/Los_Angeles' AS DATE) - 35
    AND CAST(getvariable('bq_now') AT TIME ZONE 'America/Los_Angeles' AS DATE) - 1
  AND is_active
  AND lock_window_end <= getvariable('sweep_started');
SET VARIABLE sweep_expired = getvariable('bq_row_count');

UPDATE eros_scheduling_brain.active_caption_assignments
SET is_active = false, deactivated_at = getvariable('sweep_started'), deactivation_reason = 'PAST_SEND_DATE'
WHERE scheduled_send_date BETWEEN CAST(getvariable('bq_now') AT TIME ZONE 'America/Los_Angeles' AS DATE) - 35
    AND CAST(getvariable('bq_now') AT TIME ZONE 'America/Los_Angeles' AS DATE) - 1
  AND is_active
  AND scheduled_send_date < getvariable('sweep_today')
  AND locked_at < getvariable('sweep_started') - INTERVAL 7 DAY;
SET VARIABLE sweep_past = getvariable('bq_row_count');

SET VARIABLE sweep_usual = (
  SELECT avg(CAST(json_extract_string(r.details, '$.locks_released') AS BIGINT))
  FROM eros_scheduling_brain.automation_run_log AS r
  WHERE r.run_date BETWEEN CAST(getvariable('bq_now') AT TIME ZONE 'America/Los_Angeles' AS DATE) - 8
      AND CAST(getvariable('bq_now') AT TIME ZONE 'America/Los_Angeles' AS DATE)
    AND r.run_kind = 'SWEEP' AND r.status = 'SUCCEEDED' AND r.run_id <> getvariable('sweep_id')
    AND r.started_at >= getvariable('sweep_started') - INTERVAL 7 DAY AND r.started_at < getvariable('sweep_started'));

INSERT INTO eros_scheduling_brain.automation_alerts
  (alert_id, run_id, alert_date, raised_at, alert_kind, severity, message, details)
SELECT
  getvariable('sweep_id') || ':UNUSUAL_SWEEP_VOLUME', getvariable('sweep_id'), getvariable('sweep_today'),
  getvariable('sweep_started'), 'UNUSUAL_SWEEP_VOLUME', 'WARNING',
  'The lock sweep released ' || CAST(getvariable('sweep_expired') + getvariable('sweep_past') AS VARCHAR)
    || ' caption locks, more than 50 and 3 x the usual ' || printf('%.1f', coalesce(getvariable('sweep_usual'), 0))
    || ' a sweep of the last 7 days: were sweeps stopped, or were locks written wrong?',
  json_object('expired_locks', getvariable('sweep_expired'), 'past_send_date_locks', getvariable('sweep_past'),
    'usual_volume', getvariable('sweep_usual'))::VARCHAR
WHERE getvariable('sweep_expired') + getvariable('sweep_past') > greatest(50, 3 * coalesce(getvariable('sweep_usual'), 0));

CALL eros_scheduling_brain.log_automation_run(getvariable('sweep_id'), $parent_run_id, 'SWEEP', getvariable('sweep_started'), 'SUCCEEDED', NULL, sweep_facts(), NULL);
SELECT getvariable('sweep_id') AS run_id, getvariable('sweep_expired') AS expired_locks, getvariable('sweep_past') AS past_send_date_locks;
-- EXCEPTION WHEN ERROR THEN
CALL eros_scheduling_brain.fail_run(getvariable('sweep_id'), $parent_run_id, 'SWEEP', getvariable('sweep_started'), sweep_facts(), getvariable('bq_failure'));
-- END
