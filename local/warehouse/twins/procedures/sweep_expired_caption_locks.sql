-- DuckDB twin of sql/procedures/sweep_expired_caption_locks.sql (rules documented there).
-- No parameters. Result: expired_locks, past_send_date_locks.
SET VARIABLE sweep_now = getvariable('bq_now');
SET VARIABLE sweep_today = CAST(getvariable('sweep_now') AT TIME ZONE 'America/Los_Angeles' AS DATE);

BEGIN TRANSACTION;

SET VARIABLE sweep_counts = (
  SELECT {
    'expired_locks': count(*) FILTER (WHERE a.lock_window_end <= getvariable('sweep_now')),
    'past_send_date_locks': count(*) FILTER (WHERE a.lock_window_end > getvariable('sweep_now'))
  }
  FROM eros_scheduling_brain.active_caption_assignments AS a
  WHERE a.scheduled_send_date >= getvariable('sweep_today') - 400
    AND a.is_active
    AND (a.lock_window_end <= getvariable('sweep_now')
      OR (a.scheduled_send_date < getvariable('sweep_today') AND a.locked_at < getvariable('sweep_now') - INTERVAL 7 DAY)));

UPDATE eros_scheduling_brain.active_caption_assignments
SET is_active = false,
  deactivated_at = getvariable('sweep_now'),
  deactivation_reason = CASE WHEN lock_window_end <= getvariable('sweep_now') THEN 'EXPIRED' ELSE 'PAST_SEND_DATE' END
WHERE scheduled_send_date >= getvariable('sweep_today') - 400
  AND is_active
  AND (lock_window_end <= getvariable('sweep_now')
    OR (scheduled_send_date < getvariable('sweep_today') AND locked_at < getvariable('sweep_now') - INTERVAL 7 DAY));

INSERT INTO eros_scheduling_brain.automation_run_log
  (run_id, run_date, run_kind, started_at, finished_at, status, pages_total, pages_generated,
   pages_skipped, pages_failed, details)
VALUES (
  'sweep-' || strftime(getvariable('sweep_now') AT TIME ZONE 'UTC', '%Y%m%dT%H%M%S'),
  getvariable('sweep_today'), 'SWEEP', getvariable('sweep_now'), getvariable('bq_now'), 'SUCCEEDED', NULL, NULL, NULL, NULL,
  format('{{"expired_locks":{},"past_send_date_locks":{}}}',
    getvariable('sweep_counts').expired_locks, getvariable('sweep_counts').past_send_date_locks));

COMMIT;

SELECT
  CAST(getvariable('sweep_counts').expired_locks AS BIGINT) AS expired_locks,
  CAST(getvariable('sweep_counts').past_send_date_locks AS BIGINT) AS past_send_date_locks;
