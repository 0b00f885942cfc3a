-- undo_generation: takes back one generated schedule (menu "undo"), in ONE job (script).
-- @param page_name STRING
-- @param schedule_id STRING
-- @param undone_at TIMESTAMP
-- Deactivates the schedule, its messages and its active locks (deactivation_reason 'UNDONE',
-- deactivated_at = undone_at). Decision: when the undone schedule was ACTIVE and had replaced an
-- earlier schedule of the same page and week, the most recently generated of those earlier
-- schedules is reactivated with its messages, and its REPLACED locks whose send time is still
-- after undone_at are reactivated - but only if that week has not started yet (LA). A schedule
-- that is unknown, inactive or of another page changes nothing.
-- Partition filter: week_start within 400 days before undone_at (LA); locks by send date.
-- Result: undone_schedule_id (NULL when nothing was undone), reactivated_schedule_id (or NULL),
-- locks_released, locks_reactivated.
DECLARE target_week DATE DEFAULT (
  SELECT MAX(s.week_start) FROM eros_scheduling_brain.schedules AS s
  WHERE s.week_start >= DATE_SUB(DATE(@undone_at, 'America/Los_Angeles'), INTERVAL 400 DAY)
    AND s.schedule_id = @schedule_id AND s.page_name = @page_name AND s.is_active);
DECLARE previous_id STRING DEFAULT (
  SELECT ARRAY_AGG(s.schedule_id ORDER BY s.generated_at DESC, s.schedule_id LIMIT 1)[SAFE_OFFSET(0)]
  FROM eros_scheduling_brain.schedules AS s
  WHERE s.week_start = target_week
    AND s.page_name = @page_name
    AND s.schedule_id != @schedule_id
    AND NOT s.is_active
    AND TIMESTAMP(target_week, 'America/Los_Angeles') > @undone_at);
DECLARE locks_released INT64 DEFAULT 0;
DECLARE locks_reactivated INT64 DEFAULT 0;

BEGIN TRANSACTION;

SET locks_released = (
  SELECT COUNT(*) FROM eros_scheduling_brain.active_caption_assignments AS a
  WHERE a.scheduled_send_date BETWEEN DATE_SUB(target_week, INTERVAL 1 DAY) AND DATE_ADD(target_week, INTERVAL 8 DAY)
    AND a.schedule_id = @schedule_id AND a.is_active);

UPDATE eros_scheduling_brain.schedules
SET is_active = FALSE
WHERE week_start = target_week AND schedule_id = @schedule_id;

UPDATE eros_scheduling_brain.schedule_messages
SET is_active = FALSE
WHERE week_start = target_week AND schedule_id = @schedule_id;

UPDATE eros_scheduling_brain.active_caption_assignments
SET is_active = FALSE, deactivated_at = @undone_at, deactivation_reason = 'UNDONE'
WHERE scheduled_send_date BETWEEN DATE_SUB(target_week, INTERVAL 1 DAY) AND DATE_ADD(target_week, INTERVAL 8 DAY)
  AND schedule_id = @schedule_id AND is_active;

UPDATE eros_scheduling_brain.schedules
SET is_active = TRUE
WHERE week_start = target_week AND schedule_id = previous_id;

UPDATE eros_scheduling_brain.schedule_messages
SET is_active = TRUE
WHERE week_start = target_week AND schedule_id = previous_id;

SET locks_reactivated = (
  SELECT COUNT(*) FROM eros_scheduling_brain.active_caption_assignments AS a
  WHERE a.scheduled_send_date BETWEEN DATE_SUB(target_week, INTERVAL 1 DAY) AND DATE_ADD(target_week, INTERVAL 8 DAY)
    AND a.schedule_id = previous_id AND NOT a.is_active
    AND a.deactivation_reason = 'REPLACED' AND a.scheduled_send_time > @undone_at);

UPDATE eros_scheduling_brain.active_caption_assignments
SET is_active = TRUE, deactivated_at = NULL, deactivation_reason = NULL
WHERE scheduled_send_date BETWEEN DATE_SUB(target_week, INTERVAL 1 DAY) AND DATE_ADD(target_week, INTERVAL 8 DAY)
  AND schedule_id = previous_id AND NOT is_active
  AND deactivation_reason = 'REPLACED' AND scheduled_send_time > @undone_at;

COMMIT TRANSACTION;

SELECT
  IF(target_week IS NULL, NULL, @schedule_id) AS undone_schedule_id,
  previous_id AS reactivated_schedule_id,
  locks_released,
  locks_reactivated;
