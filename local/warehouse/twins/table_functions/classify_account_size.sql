-- DuckDB twin of sql/table_functions/classify_account_size.sql (tiers and limits documented there).
CREATE OR REPLACE MACRO eros_scheduling_brain.classify_account_size(page_names, as_of) AS TABLE
WITH pages AS (
  SELECT p.page_name FROM eros_scheduling_brain.requested_pages(page_names) AS p
),
history AS (
  SELECT
    h.page_name,
    count(*) AS messages_analyzed,
    avg(CASE WHEN h.is_ppv THEN h.sent_count END) AS avg_audience,
    date_diff('day', min(h.local_date), CAST(as_of AS DATE)) AS history_days
  FROM eros_scheduling_brain.mass_message_history(page_names, CAST(as_of AS DATE) - 90, CAST(as_of AS DATE)) AS h
  GROUP BY h.page_name
),
tiers AS (
  SELECT
    p.page_name,
    CAST(coalesce(h.avg_audience, 0) AS DOUBLE) AS avg_audience,
    CAST(coalesce(h.messages_analyzed, 0) AS BIGINT) AS messages_analyzed,
    CAST(coalesce(h.history_days, 0) AS BIGINT) AS history_days,
    CASE
      WHEN h.avg_audience IS NULL OR h.history_days < 7 THEN 'NEW'
      WHEN h.avg_audience < 5000 THEN 'SMALL'
      WHEN h.avg_audience < 20000 THEN 'MEDIUM'
      WHEN h.avg_audience < 75000 THEN 'LARGE'
      ELSE 'XL'
    END AS size_tier
  FROM pages AS p
  LEFT JOIN history AS h ON h.page_name = p.page_name
),
limits(size_tier, daily_ppv_target_min, daily_ppv_target_max, daily_bump_target, min_ppv_gap_minutes, saturation_tolerance) AS (
  VALUES
    ('NEW', 1::BIGINT, 2::BIGINT, 1::BIGINT, 240::BIGINT, 0.30::DOUBLE),
    ('SMALL', 2, 3, 2, 180, 0.40),
    ('MEDIUM', 3, 5, 3, 150, 0.50),
    ('LARGE', 4, 6, 3, 120, 0.60),
    ('XL', 5, 8, 4, 90, 0.70)
)
SELECT
  t.page_name,
  t.avg_audience,
  t.messages_analyzed,
  t.history_days,
  t.size_tier,
  l.daily_ppv_target_min,
  l.daily_ppv_target_max,
  l.daily_bump_target,
  l.min_ppv_gap_minutes,
  l.saturation_tolerance
FROM tiers AS t
JOIN limits AS l ON l.size_tier = t.size_tier;
