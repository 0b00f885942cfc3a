-- schedule_export: the rows the Sheets exporter writes, for the schedules of a run.
-- @param schedule_ids ARRAY<STRING>
--   schedule_ids  schedules to export; unknown or inactive ids give no rows; empty = no rows
-- Reads the view schedule_recommendations_messages; partition filter: week_start from 400 days
-- before today (LA) to 35 days after - the weeks the add-on writes schedules for.
-- Columns: page_name, schedule_id, week_start DATE, slot_index INT64, scheduled_send_time
--   TIMESTAMP, local_date STRING ('YYYY-MM-DD', LA), local_time STRING ('HH:MM', LA),
--   day_of_week STRING (Mon..Sun, LA), message_type, funnel_step, caption_id INT64, caption_text,
--   content_category, psychological_trigger, price FLOAT64, selection_reason, saturation_light,
--   successes INT64, failures INT64, confidence_lower_bound FLOAT64, confidence_upper_bound FLOAT64.
-- Ordered by page_name, scheduled_send_time, slot_index.
SELECT
  v.page_name,
  v.schedule_id,
  v.week_start,
  v.slot_index,
  v.scheduled_send_time,
  v.local_date,
  v.local_time,
  v.day_of_week,
  v.message_type,
  v.funnel_step,
  v.caption_id,
  v.caption_text,
  v.content_category,
  v.psychological_trigger,
  v.price,
  v.selection_reason,
  v.saturation_light,
  v.successes,
  v.failures,
  v.confidence_lower_bound,
  v.confidence_upper_bound
FROM eros_scheduling_brain.schedule_recommendations_messages AS v
WHERE v.week_start BETWEEN DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 400 DAY)
    AND DATE_ADD(CURRENT_DATE('America/Los_Angeles'), INTERVAL 35 DAY)
  AND v.schedule_id IN UNNEST(@schedule_ids)
ORDER BY v.page_name, v.scheduled_send_time, v.slot_index;
