-- DuckDB twin of sql/views/schedule_recommendations_messages.sql. LA formatting via strftime on
-- the LA wall-clock timestamp; CURRENT_DATE('America/Los_Angeles') is the LA date of bq_now (the job's clock).
CREATE OR REPLACE VIEW eros_scheduling_brain.schedule_recommendations_messages AS
WITH stats AS (
  SELECT b.page_name, b.caption_id, b.successes, b.failures, b.avg_emv
  FROM eros_scheduling_brain.caption_bandit_stats AS b
  WHERE CAST(b.last_updated AT TIME ZONE 'UTC' AS DATE) >= CAST(getvariable('bq_now') AT TIME ZONE 'America/Los_Angeles' AS DATE) - 400
  QUALIFY row_number() OVER (PARTITION BY b.page_name, b.caption_id ORDER BY b.last_updated DESC) = 1
),
joined AS (
  SELECT
    s.page_name, s.schedule_id, s.run_id, s.week_start, s.generated_at, s.size_tier, s.risk_level,
    s.saturation_light, s.caption_target, m.slot_index, m.scheduled_send_time, m.message_type,
    m.funnel_step, m.caption_id, c.caption_text, c.content_category, c.psychological_trigger,
    m.price, m.selection_draw, m.selection_reason,
    coalesce(st.successes, 0) AS successes,
    coalesce(st.failures, 0) AS failures,
    st.avg_emv
  FROM eros_scheduling_brain.schedules AS s
  JOIN eros_scheduling_brain.schedule_messages AS m
    ON m.schedule_id = s.schedule_id AND m.week_start = s.week_start
  LEFT JOIN eros_scheduling_brain.caption_bank AS c ON c.caption_id = m.caption_id
  LEFT JOIN stats AS st ON st.page_name = s.page_name AND st.caption_id = m.caption_id
  WHERE s.is_active AND m.is_active
)
SELECT
  j.page_name, j.schedule_id, j.run_id, j.week_start, j.generated_at, j.size_tier, j.risk_level,
  j.saturation_light, j.caption_target, j.slot_index, j.scheduled_send_time,
  strftime(j.scheduled_send_time AT TIME ZONE 'America/Los_Angeles', '%Y-%m-%d') AS local_date,
  strftime(j.scheduled_send_time AT TIME ZONE 'America/Los_Angeles', '%H:%M') AS local_time,
  strftime(j.scheduled_send_time AT TIME ZONE 'America/Los_Angeles', '%a') AS day_of_week,
  j.message_type, j.funnel_step, j.caption_id, j.caption_text, j.content_category,
  j.psychological_trigger, j.price, j.selection_draw, j.selection_reason, j.successes, j.failures,
  j.avg_emv,
  eros_scheduling_brain.wilson_score_bounds(j.successes, j.failures).lower_bound AS confidence_lower_bound,
  eros_scheduling_brain.wilson_score_bounds(j.successes, j.failures).upper_bound AS confidence_upper_bound
FROM joined AS j;
