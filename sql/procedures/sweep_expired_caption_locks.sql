-- sweep_expired_caption_locks(): hourly clean-up of caption locks (scheduled query or trigger).
-- An active lock is deactivated when
--   EXPIRED:         its lock window is over (lock_window_end <= now: the send was > 7 days ago), or
--   PAST_SEND_DATE:  its send date (LA) has passed and the lock is older than 7 days (locked_at).
-- Deactivated locks are kept (is_active FALSE, deactivated_at, deactivation_reason) for audit.
-- Counts are logged to automation_run_log (run_kind SWEEP) and returned as one row:
-- expired_locks, past_send_date_locks. Running it twice deactivates nothing the second time.
-- Partition filter: scheduled_send_date within the 400 days before today (older locks were swept).
CREATE OR REPLACE PROCEDURE eros_scheduling_brain.sweep_expired_caption_locks()
BEGIN
  DECLARE now_ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP();
  DECLARE today DATE DEFAULT DATE(now_ts, 'America/Los_Angeles');
  DECLARE expired_locks INT64 DEFAULT 0;
  DECLARE past_send_date_locks INT64 DEFAULT 0;

  BEGIN TRANSACTION;

  SET (expired_locks, past_send_date_locks) = (
    SELECT AS STRUCT
      COUNTIF(a.lock_window_end <= now_ts),
      COUNTIF(a.lock_window_end > now_ts)
    FROM eros_scheduling_brain.active_caption_assignments AS a
    WHERE a.scheduled_send_date >= DATE_SUB(today, INTERVAL 400 DAY)
      AND a.is_active
      AND (a.lock_window_end <= now_ts
        OR (a.scheduled_send_date < today AND a.locked_at < TIMESTAMP_SUB(now_ts, INTERVAL 7 DAY))));

  UPDATE eros_scheduling_brain.active_caption_assignments
  SET is_active = FALSE,
    deactivated_at = now_ts,
    deactivation_reason = IF(lock_window_end <= now_ts, 'EXPIRED', 'PAST_SEND_DATE')
  WHERE scheduled_send_date >= DATE_SUB(today, INTERVAL 400 DAY)
    AND is_active
    AND (lock_window_end <= now_ts
      OR (scheduled_send_date < today AND locked_at < TIMESTAMP_SUB(now_ts, INTERVAL 7 DAY)));

  INSERT INTO eros_scheduling_brain.automation_run_log
    (run_id, run_date, run_kind, started_at, finished_at, status, pages_total, pages_generated,
     pages_skipped, pages_failed, details)
  VALUES (
    CONCAT('sweep-', FORMAT_TIMESTAMP('%Y%m%dT%H%M%S', now_ts)), today, 'SWEEP', now_ts,
    CURRENT_TIMESTAMP(), 'SUCCEEDED', NULL, NULL, NULL, NULL,
    TO_JSON_STRING(STRUCT(expired_locks, past_send_date_locks)));

  COMMIT TRANSACTION;

  SELECT expired_locks, past_send_date_locks;
END;
