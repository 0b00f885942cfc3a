-- DuckDB twin of sql/procedures/run_daily_automation.sql (steps documented there).
-- Parameter: $run_date (DATE, NULL = today in Los Angeles). DuckDB scripts cannot CALL another
-- script, so the lock sweep (local/warehouse/twins/procedures/sweep_expired_caption_locks.sql)
-- is repeated here first; keep the two in step.
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

SET VARIABLE daily_target_date = coalesce(CAST($run_date AS DATE), CAST(getvariable('bq_now') AT TIME ZONE 'America/Los_Angeles' AS DATE));
SET VARIABLE daily_started = getvariable('bq_now');
SET VARIABLE daily_target_week = CAST(date_trunc('week', getvariable('daily_target_date')) AS DATE) + 7;

BEGIN TRANSACTION;

DELETE FROM eros_scheduling_brain.daily_page_queue
WHERE run_date = getvariable('daily_target_date');

INSERT INTO eros_scheduling_brain.daily_page_queue
  (run_date, page_name, target_week_start, queued_at, size_tier, avg_audience, saturation_score,
   risk_level, recommended_action, volume_adjustment_factor, status)
SELECT
  getvariable('daily_target_date'), c.page_name, getvariable('daily_target_week'), getvariable('daily_started'),
  c.size_tier, c.avg_audience, s.saturation_score, s.risk_level, s.recommended_action,
  s.volume_adjustment_factor, 'PENDING'
FROM eros_scheduling_brain.classify_account_size(CAST([] AS VARCHAR[]), getvariable('daily_target_date')) AS c
JOIN eros_scheduling_brain.analyze_saturation_status(CAST([] AS VARCHAR[]), getvariable('daily_target_date')) AS s
  ON s.page_name = c.page_name;

SET VARIABLE daily_queued = (
  SELECT count(*) FROM eros_scheduling_brain.daily_page_queue AS q WHERE q.run_date = getvariable('daily_target_date'));

INSERT INTO eros_scheduling_brain.automation_run_log
  (run_id, run_date, run_kind, started_at, finished_at, status, pages_total, pages_generated,
   pages_skipped, pages_failed, details)
VALUES (
  'queue-' || strftime(getvariable('daily_target_date'), '%Y%m%d') || '-' || strftime(getvariable('daily_started') AT TIME ZONE 'UTC', '%H%M%S'),
  getvariable('daily_target_date'), 'DAILY_QUEUE', getvariable('daily_started'), getvariable('bq_now'), 'SUCCEEDED',
  getvariable('daily_queued'), 0, 0, 0,
  format('{{"target_week_start":"{}","queued_pages":{}}}', getvariable('daily_target_week'), getvariable('daily_queued')));

COMMIT;

SELECT
  CAST(getvariable('daily_queued') AS BIGINT) AS queued_pages,
  CAST(getvariable('daily_target_week') AS DATE) AS target_week_start;
