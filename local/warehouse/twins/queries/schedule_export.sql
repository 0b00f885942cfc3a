-- DuckDB twin of sql/queries/schedule_export.sql (parameters and columns documented there).
SELECT
  v.page_name, v.schedule_id, v.week_start, v.slot_index, v.scheduled_send_time, v.local_date,
  v.local_time, v.day_of_week, v.message_type, v.funnel_step, v.caption_id, v.caption_text,
  v.content_category, v.psychological_trigger, v.price, v.selection_reason, v.saturation_light,
  v.successes, v.failures, v.confidence_lower_bound, v.confidence_upper_bound
FROM eros_scheduling_brain.schedule_recommendations_messages AS v
WHERE v.week_start BETWEEN CAST(getvariable('bq_now') AT TIME ZONE 'America/Los_Angeles' AS DATE) - 400
    AND CAST(getvariable('bq_now') AT TIME ZONE 'America/Los_Angeles' AS DATE) + 35
  AND list_contains($schedule_ids, v.schedule_id)
ORDER BY v.page_name, v.scheduled_send_time, v.slot_index;
