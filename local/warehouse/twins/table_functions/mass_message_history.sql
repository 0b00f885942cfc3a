-- DuckDB twin of sql/table_functions/mass_message_history.sql (rules documented there).
-- LA dates/hours via AT TIME ZONE; UTC partition date via AT TIME ZONE 'UTC'.
CREATE OR REPLACE MACRO eros_scheduling_brain.mass_message_history(page_names, window_start, window_end) AS TABLE
SELECT
  m.page_name,
  m.message_id,
  m.sending_time,
  CAST(m.sending_time AT TIME ZONE 'America/Los_Angeles' AS DATE) AS local_date,
  CAST(hour(m.sending_time AT TIME ZONE 'America/Los_Angeles') AS BIGINT) AS local_hour,
  (coalesce(m.price, 0) > 0 OR coalesce(upper(eros_scheduling_brain.bq_trim(m.message_type)) = 'PPV', false)) AS is_ppv,
  m.caption_id,
  m.caption_text,
  CAST(coalesce(m.price, 0) AS DOUBLE) AS price,
  m.sent_count,
  coalesce(m.viewed_count, 0) AS viewed_count,
  coalesce(m.purchased_count, 0) AS purchased_count,
  CAST(coalesce(m.earnings, 0) AS DOUBLE) AS earnings,
  CASE WHEN m.sent_count = 0 THEN NULL ELSE coalesce(m.earnings, 0) / m.sent_count END AS emv,
  CASE WHEN m.sent_count = 0 THEN NULL ELSE coalesce(m.purchased_count, 0) / m.sent_count END AS conversion_rate,
  CASE WHEN coalesce(m.viewed_count, 0) = 0 THEN NULL ELSE coalesce(m.purchased_count, 0) / m.viewed_count END AS unlock_rate
FROM eros_scheduling_brain.mass_messages AS m
WHERE CAST(m.sending_time AT TIME ZONE 'UTC' AS DATE) BETWEEN window_start AND window_end
  AND CAST(m.sending_time AT TIME ZONE 'America/Los_Angeles' AS DATE) >= window_start
  AND CAST(m.sending_time AT TIME ZONE 'America/Los_Angeles' AS DATE) < window_end
  AND m.page_name IS NOT NULL
  AND (coalesce(len(page_names), 0) = 0 OR list_contains(page_names, m.page_name))
  AND m.sent_count >= 0
  AND coalesce(m.viewed_count, 0) >= 0
  AND coalesce(m.purchased_count, 0) >= 0
  AND coalesce(m.purchased_count, 0) <= m.sent_count
  AND coalesce(m.earnings, 0) >= 0
  AND coalesce(m.earnings, 0) <= 1000 * greatest(m.sent_count, 1)
  AND coalesce(m.price, 0) >= 0;
