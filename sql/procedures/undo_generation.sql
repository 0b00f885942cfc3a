-- undo_generation(undo_page, undo_schedule, undone_at, run_id): takes back one generated schedule
-- (menu "undo"), in one transaction.
--   undo_page      the page whose tab shows the schedule
--   undo_schedule  the schedule to take back
--   undone_at      when (the add-on's clock): deactivated_at of what it releases
--   run_id         the run's id (run_id_for format); the add-on passes the one it shows
-- Deactivates the schedule, its messages and its active locks (deactivation_reason 'UNDONE',
-- deactivated_at = undone_at). Decision: when the undone schedule was ACTIVE and had replaced an
-- earlier schedule of the same page and week, the most recently generated of those earlier
-- schedules is reactivated - but only if that week has not started yet (LA). Its REPLACED locks
-- whose send time is still after undone_at come back only where the caption is still free: when
-- another page holds the caption with a lock whose window overlaps (active, or released early as
-- PAST_SEND_DATE: the rule caption_candidate_pool excludes by), that slot's lock stays off and its
-- message stays inactive, so undo never hands one caption to two pages; captions_taken counts
-- those slots (the add-on reports them: regenerating the page fills them). A schedule that is
-- unknown, inactive or of another page changes nothing.
-- A procedure, not a script the add-on sends: the add-on's bundle has a size limit, and a CALL
-- from the console undoes the same way.
-- Run log: this procedure owns its automation_run_log row (run_kind UNDO), written after the
-- COMMIT: SUCCEEDED with what changed as details, or FAILED with BigQuery's error text (fail_run),
-- after which the error is raised again.
-- Partition filters: a schedule is known by its id only, so weeks from 400 days before today (LA)
-- to 35 days after (the add-on writes next weeks); locks by send date, a day more before and 8
-- after (24 after and 16 before for the other pages' locks, whose windows reach 16 days around a
-- send).
-- Result: undone_schedule_id (NULL when nothing was undone), reactivated_schedule_id (or NULL),
-- locks_released, locks_reactivated, captions_taken.
CREATE OR REPLACE PROCEDURE eros_scheduling_brain.undo_generation(
  undo_page STRING, undo_schedule STRING, undone_at TIMESTAMP, run_id STRING)
BEGIN
  DECLARE target_week DATE DEFAULT NULL;
  DECLARE previous_id STRING DEFAULT NULL;
  DECLARE locks_released INT64 DEFAULT 0;
  DECLARE locks_reactivated INT64 DEFAULT 0;
  DECLARE captions_taken INT64 DEFAULT 0;
  DECLARE failure STRING DEFAULT NULL;

  BEGIN
    SET target_week = (
      SELECT MAX(s.week_start) FROM eros_scheduling_brain.schedules AS s
      WHERE s.week_start BETWEEN DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 400 DAY) AND DATE_ADD(CURRENT_DATE('America/Los_Angeles'), INTERVAL 35 DAY)
        AND s.schedule_id = undo_schedule AND s.page_name = undo_page AND s.is_active);
    SET previous_id = (
      SELECT ARRAY_AGG(s.schedule_id ORDER BY s.generated_at DESC, s.schedule_id LIMIT 1)[SAFE_OFFSET(0)]
      FROM eros_scheduling_brain.schedules AS s
      WHERE s.week_start BETWEEN DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 400 DAY) AND DATE_ADD(CURRENT_DATE('America/Los_Angeles'), INTERVAL 35 DAY)
        AND s.week_start = target_week
        AND s.page_name = undo_page
        AND s.schedule_id != undo_schedule
        AND NOT s.is_active
        AND TIMESTAMP(target_week, 'America/Los_Angeles') > undone_at);

    BEGIN TRANSACTION;

    UPDATE eros_scheduling_brain.schedules
    SET is_active = IFNULL(schedule_id = previous_id, FALSE)
    WHERE week_start BETWEEN DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 400 DAY) AND DATE_ADD(CURRENT_DATE('America/Los_Angeles'), INTERVAL 35 DAY)
      AND week_start = target_week AND schedule_id IN (undo_schedule, previous_id);

    UPDATE eros_scheduling_brain.schedule_messages
    SET is_active = FALSE
    WHERE week_start BETWEEN DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 400 DAY) AND DATE_ADD(CURRENT_DATE('America/Los_Angeles'), INTERVAL 35 DAY)
      AND week_start = target_week AND schedule_id = undo_schedule;

    UPDATE eros_scheduling_brain.active_caption_assignments
    SET is_active = FALSE, deactivated_at = undone_at, deactivation_reason = 'UNDONE'
    WHERE scheduled_send_date BETWEEN DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 401 DAY) AND DATE_ADD(CURRENT_DATE('America/Los_Angeles'), INTERVAL 43 DAY)
      AND scheduled_send_date BETWEEN DATE_SUB(target_week, INTERVAL 1 DAY) AND DATE_ADD(target_week, INTERVAL 8 DAY)
      AND schedule_id = undo_schedule AND is_active;
    SET locks_released = @@row_count;

    -- The previous schedule's locks to restore, each with whether another page holds its caption now.
    CREATE TEMP TABLE restorable AS
    SELECT
      a.assignment_id,
      EXISTS (
        SELECT 1 FROM eros_scheduling_brain.active_caption_assignments AS o
        WHERE o.scheduled_send_date BETWEEN DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 416 DAY) AND DATE_ADD(CURRENT_DATE('America/Los_Angeles'), INTERVAL 59 DAY)
          AND (o.is_active OR o.deactivation_reason = 'PAST_SEND_DATE')
          AND o.caption_id = a.caption_id
          AND o.page_name != a.page_name
          AND TIMESTAMP_SUB(o.scheduled_send_time, INTERVAL 7 DAY) < a.lock_window_end
          AND TIMESTAMP_SUB(a.scheduled_send_time, INTERVAL 7 DAY) < o.lock_window_end) AS taken
    FROM eros_scheduling_brain.active_caption_assignments AS a
    WHERE a.scheduled_send_date BETWEEN DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 401 DAY) AND DATE_ADD(CURRENT_DATE('America/Los_Angeles'), INTERVAL 43 DAY)
      AND a.scheduled_send_date BETWEEN DATE_SUB(target_week, INTERVAL 1 DAY) AND DATE_ADD(target_week, INTERVAL 8 DAY)
      AND a.schedule_id = previous_id AND NOT a.is_active
      AND a.deactivation_reason = 'REPLACED' AND a.scheduled_send_time > undone_at;

    UPDATE eros_scheduling_brain.active_caption_assignments
    SET is_active = TRUE, deactivated_at = NULL, deactivation_reason = NULL
    WHERE scheduled_send_date BETWEEN DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 401 DAY) AND DATE_ADD(CURRENT_DATE('America/Los_Angeles'), INTERVAL 43 DAY)
      AND schedule_id = previous_id
      AND assignment_id IN (SELECT r.assignment_id FROM restorable AS r WHERE NOT r.taken);
    SET locks_reactivated = @@row_count;
    SET captions_taken = (SELECT COUNTIF(r.taken) FROM restorable AS r);

    UPDATE eros_scheduling_brain.schedule_messages
    SET is_active = TRUE
    WHERE week_start BETWEEN DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 400 DAY) AND DATE_ADD(CURRENT_DATE('America/Los_Angeles'), INTERVAL 35 DAY)
      AND week_start = target_week AND schedule_id = previous_id
      AND CONCAT(schedule_id, ':', CAST(slot_index AS STRING)) NOT IN (
        SELECT r.assignment_id FROM restorable AS r WHERE r.taken);

    COMMIT TRANSACTION;

    CALL eros_scheduling_brain.log_automation_run(run_id, NULL, 'UNDO', undone_at, 'SUCCEEDED', 1,
      TO_JSON_STRING(STRUCT(undo_page AS page_name, IF(target_week IS NULL, NULL, undo_schedule) AS undone_schedule_id,
        previous_id AS reactivated_schedule_id, locks_released, locks_reactivated, captions_taken)), NULL);

    SELECT
      IF(target_week IS NULL, NULL, undo_schedule) AS undone_schedule_id,
      previous_id AS reactivated_schedule_id,
      locks_released,
      locks_reactivated,
      captions_taken;
  EXCEPTION WHEN ERROR THEN
    SET failure = @@error.message;
    -- No transaction is open when the error came before BEGIN TRANSACTION or after COMMIT.
    BEGIN ROLLBACK TRANSACTION; EXCEPTION WHEN ERROR THEN SET failure = failure; END;
    CALL eros_scheduling_brain.fail_run(run_id, NULL, 'UNDO', undone_at,
      TO_JSON_STRING(STRUCT(undo_page AS page_name, undo_schedule AS schedule_id)), failure);
  END;
END;
