-- DuckDB twin of sql/table_functions/analyze_creator_performance.sql (rules documented there).
-- PERCENTILE_CONT(emv, 0.5) is quantile_cont (same linear interpolation).
CREATE OR REPLACE MACRO eros_scheduling_brain.analyze_creator_performance(page_names, as_of, lookback_days) AS TABLE
WITH pages AS (
  SELECT p.page_name FROM eros_scheduling_brain.requested_pages(page_names) AS p
),
ppv AS (
  SELECT h.*
  FROM eros_scheduling_brain.mass_message_history(
    page_names,
    CAST(as_of AS DATE) - CAST(CASE WHEN lookback_days IS NULL OR lookback_days < 1 THEN 90 ELSE least(lookback_days, 365) END AS INTEGER),
    CAST(as_of AS DATE)) AS h
  WHERE h.is_ppv
),
totals AS (
  SELECT
    page_name,
    count(*) AS messages_analyzed,
    avg(emv) AS avg_emv,
    sum(purchased_count) / NULLIF(sum(sent_count), 0) AS avg_conversion_rate,
    avg(CASE WHEN local_date >= CAST(as_of AS DATE) - 14 THEN emv END) AS recent_emv,
    avg(CASE WHEN local_date < CAST(as_of AS DATE) - 14 THEN emv END) AS prior_emv
  FROM ppv
  GROUP BY page_name
),
medians AS (
  SELECT page_name, quantile_cont(emv, 0.5) AS median_emv
  FROM ppv
  WHERE emv IS NOT NULL
  GROUP BY page_name
),
hours AS (
  SELECT page_name, local_hour, coalesce(sum(earnings) / NULLIF(sum(sent_count), 0), 0) AS hour_emv
  FROM ppv
  GROUP BY page_name, local_hour
  HAVING count(*) >= 3
),
best AS (
  SELECT page_name, list(local_hour ORDER BY hour_emv DESC, local_hour) AS best_hours
  FROM hours
  GROUP BY page_name
),
trends AS (
  SELECT t.*, (t.recent_emv - t.prior_emv) / NULLIF(t.prior_emv, 0) * 100 AS emv_trend_pct
  FROM totals AS t
)
SELECT
  p.page_name,
  CAST(coalesce(t.messages_analyzed, 0) AS BIGINT) AS messages_analyzed,
  CAST(t.avg_emv AS DOUBLE) AS avg_emv,
  CAST(t.avg_conversion_rate AS DOUBLE) AS avg_conversion_rate,
  CAST(m.median_emv AS DOUBLE) AS median_emv,
  CAST(t.recent_emv AS DOUBLE) AS recent_emv,
  CAST(t.prior_emv AS DOUBLE) AS prior_emv,
  CAST(t.emv_trend_pct AS DOUBLE) AS emv_trend_pct,
  CASE WHEN t.emv_trend_pct > 5 THEN 'up' WHEN t.emv_trend_pct < -5 THEN 'down' ELSE 'stable' END AS trend_direction,
  coalesce(b.best_hours, CAST([] AS BIGINT[])) AS best_hours
FROM pages AS p
LEFT JOIN trends AS t ON t.page_name = p.page_name
LEFT JOIN medians AS m ON m.page_name = p.page_name
LEFT JOIN best AS b ON b.page_name = p.page_name;
