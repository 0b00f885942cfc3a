-- DuckDB twin of sql/queries/write_schedules.sql (contract documented there). Script variables
-- are DuckDB session variables (SET VARIABLE / getvariable); array parameters are unnested with
-- unnest($param) into a struct column.
SET VARIABLE min_week = (SELECT min(x.week_start) FROM (SELECT unnest($schedules) AS x));
SET VARIABLE max_week = (SELECT max(x.week_start) FROM (SELECT unnest($schedules) AS x));

BEGIN TRANSACTION;

SET VARIABLE replaced_ids = (
  SELECT coalesce(list(DISTINCT s.schedule_id ORDER BY s.schedule_id), CAST([] AS VARCHAR[]))
  FROM eros_scheduling_brain.schedules AS s
  JOIN (SELECT unnest($schedules) AS n) AS q ON q.n.page_name = s.page_name AND q.n.week_start = s.week_start
  WHERE s.week_start BETWEEN getvariable('min_week') AND getvariable('max_week')
    AND s.is_active
    AND s.schedule_id NOT IN (SELECT x.schedule_id FROM (SELECT unnest($schedules) AS x))
);

UPDATE eros_scheduling_brain.schedules
SET is_active = false
WHERE week_start BETWEEN getvariable('min_week') AND getvariable('max_week')
  AND list_contains(getvariable('replaced_ids'), schedule_id);

UPDATE eros_scheduling_brain.schedule_messages
SET is_active = false
WHERE week_start BETWEEN getvariable('min_week') AND getvariable('max_week')
  AND list_contains(getvariable('replaced_ids'), schedule_id);

UPDATE eros_scheduling_brain.active_caption_assignments
SET is_active = false, deactivated_at = $generated_at, deactivation_reason = 'REPLACED'
WHERE scheduled_send_date BETWEEN CAST(getvariable('min_week') AS DATE) - 1 AND CAST(getvariable('max_week') AS DATE) + 8
  AND is_active
  AND list_contains(getvariable('replaced_ids'), schedule_id);

DELETE FROM eros_scheduling_brain.schedules
WHERE week_start BETWEEN getvariable('min_week') AND getvariable('max_week')
  AND schedule_id IN (SELECT x.schedule_id FROM (SELECT unnest($schedules) AS x));

DELETE FROM eros_scheduling_brain.schedule_messages
WHERE week_start BETWEEN getvariable('min_week') AND getvariable('max_week')
  AND schedule_id IN (SELECT x.schedule_id FROM (SELECT unnest($schedules) AS x));

DELETE FROM eros_scheduling_brain.active_caption_assignments
WHERE scheduled_send_date BETWEEN CAST(getvariable('min_week') AS DATE) - 1 AND CAST(getvariable('max_week') AS DATE) + 8
  AND schedule_id IN (SELECT x.schedule_id FROM (SELECT unnest($schedules) AS x));

INSERT INTO eros_scheduling_brain.schedules
  (schedule_id, run_id, page_name, week_start, generated_at, size_tier, risk_level,
   saturation_light, caption_target, message_count, is_active)
SELECT x.schedule_id, $run_id, x.page_name, x.week_start, $generated_at, x.size_tier, x.risk_level,
  x.saturation_light, x.caption_target, x.message_count, true
FROM (SELECT unnest($schedules) AS x);

INSERT INTO eros_scheduling_brain.schedule_messages
  (schedule_id, page_name, week_start, slot_index, scheduled_send_time, message_type, funnel_step,
   caption_id, price, selection_draw, selection_reason, is_active)
SELECT m.schedule_id, m.page_name, m.week_start, m.slot_index, m.scheduled_send_time, m.message_type,
  m.funnel_step, m.caption_id, m.price, m.selection_draw, m.selection_reason, true
FROM (SELECT unnest($messages) AS m);

INSERT INTO eros_scheduling_brain.active_caption_assignments
  (assignment_id, schedule_id, page_name, caption_id, scheduled_send_time, scheduled_send_date,
   lock_window_end, locked_at, is_active, deactivated_at, deactivation_reason)
SELECT
  m.schedule_id || ':' || CAST(m.slot_index AS VARCHAR),
  m.schedule_id,
  m.page_name,
  m.caption_id,
  m.scheduled_send_time,
  CAST(m.scheduled_send_time AT TIME ZONE 'America/Los_Angeles' AS DATE),
  m.scheduled_send_time + INTERVAL 7 DAY,
  $generated_at,
  true,
  NULL,
  NULL
FROM (SELECT unnest($messages) AS m)
WHERE m.caption_id IS NOT NULL;

COMMIT;

SELECT
  (SELECT count(*) FROM (SELECT unnest($schedules))) AS schedules_written,
  (SELECT count(*) FROM (SELECT unnest($messages))) AS messages_written,
  (SELECT count(*) FROM (SELECT unnest($messages) AS m) WHERE m.caption_id IS NOT NULL) AS locks_written,
  CAST(len(getvariable('replaced_ids')) AS BIGINT) AS schedules_replaced;
