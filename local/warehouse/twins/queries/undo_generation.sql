-- DuckDB twin of sql/queries/undo_generation.sql (contract and decision documented there).
SET VARIABLE target_week = (
  SELECT max(s.week_start) FROM eros_scheduling_brain.schedules AS s
  WHERE s.week_start >= CAST(CAST($undone_at AS TIMESTAMPTZ) AT TIME ZONE 'America/Los_Angeles' AS DATE) - 400
    AND s.schedule_id = $schedule_id AND s.page_name = $page_name AND s.is_active);
SET VARIABLE previous_id = (
  SELECT first(s.schedule_id ORDER BY s.generated_at DESC, s.schedule_id)
  FROM eros_scheduling_brain.schedules AS s
  WHERE s.week_start = getvariable('target_week')
    AND s.page_name = $page_name
    AND s.schedule_id <> $schedule_id
    AND NOT s.is_active
    AND timezone('America/Los_Angeles', CAST(getvariable('target_week') AS TIMESTAMP)) > $undone_at);

BEGIN TRANSACTION;

SET VARIABLE locks_released = (
  SELECT count(*) FROM eros_scheduling_brain.active_caption_assignments AS a
  WHERE a.scheduled_send_date BETWEEN CAST(getvariable('target_week') AS DATE) - 1 AND CAST(getvariable('target_week') AS DATE) + 8
    AND a.schedule_id = $schedule_id AND a.is_active);

UPDATE eros_scheduling_brain.schedules
SET is_active = false
WHERE week_start = getvariable('target_week') AND schedule_id = $schedule_id;

UPDATE eros_scheduling_brain.schedule_messages
SET is_active = false
WHERE week_start = getvariable('target_week') AND schedule_id = $schedule_id;

UPDATE eros_scheduling_brain.active_caption_assignments
SET is_active = false, deactivated_at = $undone_at, deactivation_reason = 'UNDONE'
WHERE scheduled_send_date BETWEEN CAST(getvariable('target_week') AS DATE) - 1 AND CAST(getvariable('target_week') AS DATE) + 8
  AND schedule_id = $schedule_id AND is_active;

UPDATE eros_scheduling_brain.schedules
SET is_active = true
WHERE week_start = getvariable('target_week') AND schedule_id = getvariable('previous_id');

UPDATE eros_scheduling_brain.schedule_messages
SET is_active = true
WHERE week_start = getvariable('target_week') AND schedule_id = getvariable('previous_id');

SET VARIABLE locks_reactivated = (
  SELECT count(*) FROM eros_scheduling_brain.active_caption_assignments AS a
  WHERE a.scheduled_send_date BETWEEN CAST(getvariable('target_week') AS DATE) - 1 AND CAST(getvariable('target_week') AS DATE) + 8
    AND a.schedule_id = getvariable('previous_id') AND NOT a.is_active
    AND a.deactivation_reason = 'REPLACED' AND a.scheduled_send_time > $undone_at);

UPDATE eros_scheduling_brain.active_caption_assignments
SET is_active = true, deactivated_at = NULL, deactivation_reason = NULL
WHERE scheduled_send_date BETWEEN CAST(getvariable('target_week') AS DATE) - 1 AND CAST(getvariable('target_week') AS DATE) + 8
  AND schedule_id = getvariable('previous_id') AND NOT is_active
  AND deactivation_reason = 'REPLACED' AND scheduled_send_time > $undone_at;

COMMIT;

SELECT
  CASE WHEN getvariable('target_week') IS NULL THEN NULL ELSE CAST($schedule_id AS VARCHAR) END AS undone_schedule_id,
  CAST(getvariable('previous_id') AS VARCHAR) AS reactivated_schedule_id,
  CAST(getvariable('locks_released') AS BIGINT) AS locks_released,
  CAST(getvariable('locks_reactivated') AS BIGINT) AS locks_reactivated;
