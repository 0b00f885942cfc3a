-- DuckDB twin of sql/procedures/undo_generation.sql (contract and decision documented there).
-- Parameters: $undo_page, $undo_schedule, $undone_at, $run_id. The stand-in runs the marked
-- blocks as BigQuery runs BEGIN ... EXCEPTION WHEN ERROR THEN ... END (rolling back an open
-- transaction first); @@row_count is getvariable('bq_row_count').
SET VARIABLE undo_today = CAST(getvariable('bq_now') AT TIME ZONE 'America/Los_Angeles' AS DATE);
SET VARIABLE target_week = CAST(NULL AS DATE);
SET VARIABLE previous_id = CAST(NULL AS VARCHAR);
-- BEGIN
SET VARIABLE target_week = (
  SELECT max(s.week_start) FROM eros_scheduling_brain.schedules AS s
  WHERE s.week_start BETWEEN getvariable('undo_today') - 400 AND getvariable('undo_today') + 35
    AND s.schedule_id = $undo_schedule AND s.page_name = $undo_page AND s.is_active);
SET VARIABLE previous_id = (
  SELECT first(s.schedule_id ORDER BY s.generated_at DESC, s.schedule_id)
  FROM eros_scheduling_brain.schedules AS s
  WHERE s.week_start BETWEEN getvariable('undo_today') - 400 AND getvariable('undo_today') + 35
    AND s.week_start = getvariable('target_week')
    AND s.page_name = $undo_page
    AND s.schedule_id <> $undo_schedule
    AND NOT s.is_active
    AND timezone('America/Los_Angeles', CAST(getvariable('target_week') AS TIMESTAMP)) > $undone_at);

BEGIN TRANSACTION;

UPDATE eros_scheduling_brain.schedules
SET is_active = coalesce(schedule_id = getvariable('previous_id'), false)
WHERE week_start BETWEEN getvariable('undo_today') - 400 AND getvariable('undo_today') + 35
  AND week_start = getvariable('target_week') AND schedule_id IN ($undo_schedule, getvariable('previous_id'));

UPDATE eros_scheduling_brain.schedule_messages
SET is_active = false
WHERE week_start BETWEEN getvariable('undo_today') - 400 AND getvariable('undo_today') + 35
  AND week_start = getvariable('target_week') AND schedule_id = $undo_schedule;

UPDATE eros_scheduling_brain.active_caption_assignments
SET is_active = false, deactivated_at = $undone_at, deactivation_reason = 'UNDONE'
WHERE scheduled_send_date BETWEEN getvariable('undo_today') - 401 AND getvariable('undo_today') + 43
  AND scheduled_send_date BETWEEN CAST(getvariable('target_week') AS DATE) - 1 AND CAST(getvariable('target_week') AS DATE) + 8
  AND schedule_id = $undo_schedule AND is_active;
SET VARIABLE locks_released = getvariable('bq_row_count');

CREATE OR REPLACE TEMP TABLE restorable AS
SELECT
  a.assignment_id,
  EXISTS (
    SELECT 1 FROM eros_scheduling_brain.active_caption_assignments AS o
    WHERE o.scheduled_send_date BETWEEN getvariable('undo_today') - 416 AND getvariable('undo_today') + 59
      AND (o.is_active OR o.deactivation_reason = 'PAST_SEND_DATE')
      AND o.caption_id = a.caption_id
      AND o.page_name <> a.page_name
      AND o.scheduled_send_time - INTERVAL 7 DAY < a.lock_window_end
      AND a.scheduled_send_time - INTERVAL 7 DAY < o.lock_window_end) AS taken
FROM eros_scheduling_brain.active_caption_assignments AS a
WHERE a.scheduled_send_date BETWEEN getvariable('undo_today') - 401 AND getvariable('undo_today') + 43
  AND a.scheduled_send_date BETWEEN CAST(getvariable('target_week') AS DATE) - 1 AND CAST(getvariable('target_week') AS DATE) + 8
  AND a.schedule_id = getvariable('previous_id') AND NOT a.is_active
  AND a.deactivation_reason = 'REPLACED' AND a.scheduled_send_time > $undone_at;

UPDATE eros_scheduling_brain.active_caption_assignments
SET is_active = true, deactivated_at = NULL, deactivation_reason = NULL
WHERE scheduled_send_date BETWEEN getvariable('undo_today') - 401 AND getvariable('undo_today') + 43
  AND schedule_id = getvariable('previous_id')
  AND assignment_id IN (SELECT r.assignment_id FROM restorable AS r WHERE NOT r.taken);
SET VARIABLE locks_reactivated = getvariable('bq_row_count');
SET VARIABLE captions_taken = (SELECT count(*) FILTER (WHERE r.taken) FROM restorable AS r);

UPDATE eros_scheduling_brain.schedule_messages
SET is_active = true
WHERE week_start BETWEEN getvariable('undo_today') - 400 AND getvariable('undo_today') + 35
  AND week_start = getvariable('target_week') AND schedule_id = getvariable('previous_id')
  AND schedule_id || ':' || CAST(slot_index AS VARCHAR) NOT IN (
    SELECT r.assignment_id FROM restorable AS r WHERE r.taken);

COMMIT;

CALL eros_scheduling_brain.log_automation_run($run_id, NULL, 'UNDO', $undone_at, 'SUCCEEDED', 1,
  json_object('page_name', $undo_page,
    'undone_schedule_id', CASE WHEN getvariable('target_week') IS NULL THEN NULL ELSE CAST($undo_schedule AS VARCHAR) END,
    'reactivated_schedule_id', getvariable('previous_id'), 'locks_released', getvariable('locks_released'),
    'locks_reactivated', getvariable('locks_reactivated'), 'captions_taken', getvariable('captions_taken'))::VARCHAR,
  NULL);

SELECT
  CASE WHEN getvariable('target_week') IS NULL THEN NULL ELSE CAST($undo_schedule AS VARCHAR) END AS undone_schedule_id,
  CAST(getvariable('previous_id') AS VARCHAR) AS reactivated_schedule_id,
  CAST(getvariable('locks_released') AS BIGINT) AS locks_released,
  CAST(getvariable('locks_reactivated') AS BIGINT) AS locks_reactivated,
  CAST(getvariable('captions_taken') AS BIGINT) AS captions_taken;
-- EXCEPTION WHEN ERROR THEN
CALL eros_scheduling_brain.fail_run($run_id, NULL, 'UNDO', $undone_at,
  json_object('page_name', $undo_page, 'schedule_id', $undo_schedule)::VARCHAR, getvariable('bq_failure'));
-- END
