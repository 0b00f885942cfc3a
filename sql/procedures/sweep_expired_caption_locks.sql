-- sweep_expired_caption_locks(run_id, parent_run_id): hourly clean-up of caption locks (trigger,
-- scheduled query, console, or a step of run_daily_automation).
--   run_id         the run's id (run_id_for format), so the caller can show it; NULL = made here
--   parent_run_id  the run this sweep is a step of (run_daily_automation's), else NULL
-- An active lock is deactivated when
--   EXPIRED:         its lock window is over (lock_window_end <= now: the send was > 7 days ago), or
--   PAST_SEND_DATE:  its send date (LA) has passed and the lock is older than 7 days (locked_at).
-- Deactivated locks are kept (is_active FALSE, deactivated_at, deactivation_reason) for audit.
-- Running it twice deactivates nothing the second time.
-- Concurrency: each UPDATE is one DML statement outside any transaction, so a concurrent writer of
-- the lock table (write_schedules, undo_generation) makes BigQuery queue it, never cancel it; each
-- lock's deactivation stands on its own, so the two statements need no common transaction.
-- Alert (automation_alerts, UNUSUAL_SWEEP_VOLUME): when the locks released exceed both 50 and 3 x
-- the average released per successful sweep of the 7 days before (sweeps stopped for a while, or
-- locks were written wrong).
-- Run log: this procedure owns its automation_run_log row (log_automation_run), so every call
-- leaves one, whoever makes it: SUCCEEDED with the counts as details, or FAILED with BigQuery's
-- error text (fail_run), after which the error is raised again (the job still fails).
-- Result: one row run_id, expired_locks, past_send_date_locks.
-- Partition filter: scheduled_send_date within the 35 days before today (LA). Either rule releases
-- a lock by 8 days after its send date, and sweeps run hourly, so 35 days leave four weeks of
-- stopped sweeps; a lock older than that stays active, and nothing reads it (the candidate pool,
-- write_schedules and undo look at locks within 24 days of the weeks they plan).
CREATE OR REPLACE PROCEDURE eros_scheduling_brain.sweep_expired_caption_locks(run_id STRING, parent_run_id STRING)
BEGIN
  DECLARE started TIMESTAMP DEFAULT CURRENT_TIMESTAMP();
  DECLARE id STRING DEFAULT IFNULL(run_id, eros_scheduling_brain.run_id_for('SWEEP', started));
  DECLARE today DATE DEFAULT DATE(started, 'America/Los_Angeles');
  DECLARE expired_locks INT64 DEFAULT 0;
  DECLARE past_send_date_locks INT64 DEFAULT 0;
  DECLARE usual_volume FLOAT64 DEFAULT NULL;
  DECLARE failure STRING DEFAULT NULL;

  BEGIN
    UPDATE eros_scheduling_brain.active_caption_assignments
    SET is_active = FALSE, deactivated_at = started, deactivation_reason = 'EXPIRED'
    WHERE scheduled_send_date BETWEEN DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 35 DAY)
        AND DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 1 DAY)
      AND is_active
      AND lock_window_end <= started;
    SET expired_locks = @@row_count;

    UPDATE eros_scheduling_brain.active_caption_assignments
    SET is_active = FALSE, deactivated_at = started, deactivation_reason = 'PAST_SEND_DATE'
    WHERE scheduled_send_date BETWEEN DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 35 DAY)
        AND DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 1 DAY)
      AND is_active
      AND scheduled_send_date < today
      AND locked_at < TIMESTAMP_SUB(started, INTERVAL 7 DAY);
    SET past_send_date_locks = @@row_count;

    SET usual_volume = (
      SELECT AVG(CAST(JSON_VALUE(r.details, '$.locks_released') AS INT64))
      FROM eros_scheduling_brain.automation_run_log AS r
      WHERE r.run_date BETWEEN DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 8 DAY)
          AND CURRENT_DATE('America/Los_Angeles')
        AND r.run_kind = 'SWEEP' AND r.status = 'SUCCEEDED' AND r.run_id != id
        AND r.started_at >= TIMESTAMP_SUB(started, INTERVAL 7 DAY) AND r.started_at < started);

    INSERT INTO eros_scheduling_brain.automation_alerts
      (alert_id, run_id, alert_date, raised_at, alert_kind, severity, message, details)
    SELECT
      CONCAT(id, ':UNUSUAL_SWEEP_VOLUME'), id, today, started, 'UNUSUAL_SWEEP_VOLUME', 'WARNING',
      CONCAT('The lock sweep released ', CAST(expired_locks + past_send_date_locks AS STRING),
        ' caption locks, more than 50 and 3 x the usual ', FORMAT('%.1f', IFNULL(usual_volume, 0)),
        ' a sweep of the last 7 days: were sweeps stopped, or were locks written wrong?'),
      TO_JSON_STRING(STRUCT(expired_locks, past_send_date_locks, usual_volume))
    FROM UNNEST([1])
    WHERE expired_locks + past_send_date_locks > GREATEST(50, 3 * IFNULL(usual_volume, 0));

    CALL eros_scheduling_brain.log_automation_run(id, parent_run_id, 'SWEEP', started, 'SUCCEEDED', NULL,
      TO_JSON_STRING(STRUCT(expired_locks, past_send_date_locks,
        expired_locks + past_send_date_locks AS locks_released, usual_volume)), NULL);

    SELECT id AS run_id, expired_locks, past_send_date_locks;
  EXCEPTION WHEN ERROR THEN
    SET failure = @@error.message;
    CALL eros_scheduling_brain.fail_run(id, parent_run_id, 'SWEEP', started,
      TO_JSON_STRING(STRUCT(expired_locks, past_send_date_locks, expired_locks + past_send_date_locks AS locks_released, usual_volume)), failure);
  END;
END;
