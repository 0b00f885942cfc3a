-- mass_message_history(page_names, window_start, window_end): the cleaned message history the
-- analysis table functions share. One row per well-formed message of the requested pages sent on
-- a Los Angeles date in [window_start, window_end).
--   page_names: empty or NULL array = every page.
--   Partition filter: DATE(sending_time) (UTC) in [window_start, window_end] covers every LA date
--   of the window (LA is behind UTC), then the exact LA-date filter applies.
--   Malformed rows are skipped, not repaired: NULL page_name, NULL or negative sent_count,
--   negative viewed/purchased/earnings/price, purchased_count > sent_count, absurd earnings
--   (above 1 000 USD per recipient). page_analysis reports each kind in data_issues.
--   NULL viewed_count, purchased_count, earnings and price read as 0 (nothing happened).
--   A message is a PPV when it has a price > 0 or its type says PPV (old exports use free text).
--   emv (earnings per recipient), conversion_rate (purchased / sent) and unlock_rate
--   (purchased / viewed) are NULL when their denominator is 0.
CREATE OR REPLACE TABLE FUNCTION eros_scheduling_brain.mass_message_history(
  page_names ARRAY<STRING>, window_start DATE, window_end DATE)
AS (
  SELECT
    m.page_name,
    m.message_id,
    m.sending_time,
    DATE(m.sending_time, 'America/Los_Angeles') AS local_date,
    EXTRACT(HOUR FROM m.sending_time AT TIME ZONE 'America/Los_Angeles') AS local_hour,
    (IFNULL(m.price, 0) > 0 OR IFNULL(UPPER(TRIM(m.message_type)) = 'PPV', FALSE)) AS is_ppv,
    m.caption_id,
    m.caption_text,
    IFNULL(m.price, 0) AS price,
    m.sent_count,
    IFNULL(m.viewed_count, 0) AS viewed_count,
    IFNULL(m.purchased_count, 0) AS purchased_count,
    IFNULL(m.earnings, 0) AS earnings,
    IF(m.sent_count = 0, NULL, IFNULL(m.earnings, 0) / m.sent_count) AS emv,
    IF(m.sent_count = 0, NULL, IFNULL(m.purchased_count, 0) / m.sent_count) AS conversion_rate,
    IF(IFNULL(m.viewed_count, 0) = 0, NULL, IFNULL(m.purchased_count, 0) / m.viewed_count) AS unlock_rate
  FROM eros_scheduling_brain.mass_messages AS m
  WHERE DATE(m.sending_time) BETWEEN window_start AND window_end
    AND DATE(m.sending_time, 'America/Los_Angeles') >= window_start
    AND DATE(m.sending_time, 'America/Los_Angeles') < window_end
    AND m.page_name IS NOT NULL
    AND (IFNULL(ARRAY_LENGTH(page_names), 0) = 0 OR m.page_name IN UNNEST(page_names))
    AND m.sent_count >= 0
    AND IFNULL(m.viewed_count, 0) >= 0
    AND IFNULL(m.purchased_count, 0) >= 0
    AND IFNULL(m.purchased_count, 0) <= m.sent_count
    AND IFNULL(m.earnings, 0) >= 0
    AND IFNULL(m.earnings, 0) <= 1000 * GREATEST(m.sent_count, 1)
    AND IFNULL(m.price, 0) >= 0
);
