-- DuckDB twin of sql/table_functions/analyze_saturation_status.sql (formula documented there).
-- SAFE_DIVIDE is x / NULLIF(y, 0); greatest/least only see non-NULL values.
CREATE OR REPLACE MACRO eros_scheduling_brain.analyze_saturation_status(page_names, as_of) AS TABLE
WITH sizes AS (
  SELECT * FROM eros_scheduling_brain.classify_account_size(page_names, as_of)
),
ppv AS (
  SELECT h.*, h.local_date >= CAST(as_of AS DATE) - 14 AS is_recent
  FROM eros_scheduling_brain.mass_message_history(page_names, CAST(as_of AS DATE) - 90, CAST(as_of AS DATE)) AS h
  WHERE h.is_ppv
),
periods AS (
  SELECT
    page_name,
    count(*) FILTER (WHERE is_recent) / 14 AS recent_ppv_per_day,
    sum(CASE WHEN is_recent THEN purchased_count ELSE 0 END)
      / NULLIF(sum(CASE WHEN is_recent THEN viewed_count ELSE 0 END), 0) AS unlock_rate_recent,
    sum(CASE WHEN is_recent THEN 0 ELSE purchased_count END)
      / NULLIF(sum(CASE WHEN is_recent THEN 0 ELSE viewed_count END), 0) AS unlock_rate_prior,
    sum(CASE WHEN is_recent THEN purchased_count ELSE 0 END)
      / NULLIF(sum(CASE WHEN is_recent THEN sent_count ELSE 0 END), 0)
      * (avg(CASE WHEN is_recent THEN price END) / NULLIF(avg(price), 0)) AS conversion_norm_recent,
    sum(CASE WHEN is_recent THEN 0 ELSE purchased_count END)
      / NULLIF(sum(CASE WHEN is_recent THEN 0 ELSE sent_count END), 0)
      * (avg(CASE WHEN is_recent THEN NULL ELSE price END) / NULLIF(avg(price), 0)) AS conversion_norm_prior
  FROM ppv
  GROUP BY page_name
),
components AS (
  SELECT
    s.page_name,
    s.size_tier,
    CAST(coalesce(p.recent_ppv_per_day, 0) AS DOUBLE) AS recent_ppv_per_day,
    CAST(p.unlock_rate_recent AS DOUBLE) AS unlock_rate_recent,
    CAST(p.unlock_rate_prior AS DOUBLE) AS unlock_rate_prior,
    least(1.0, greatest(0.0,
      coalesce((coalesce(p.recent_ppv_per_day, 0) / s.daily_ppv_target_max - 1) / s.saturation_tolerance, 0)))::DOUBLE AS volume_component,
    CASE WHEN p.unlock_rate_prior IS NULL OR p.unlock_rate_prior = 0 OR p.unlock_rate_recent IS NULL THEN 0.0
      ELSE least(1.0, greatest(0.0, (p.unlock_rate_prior - p.unlock_rate_recent) / p.unlock_rate_prior)) END::DOUBLE AS unlock_decline,
    CASE WHEN p.conversion_norm_prior IS NULL OR p.conversion_norm_prior = 0 OR p.conversion_norm_recent IS NULL THEN 0.0
      ELSE least(1.0, greatest(0.0, (p.conversion_norm_prior - p.conversion_norm_recent) / p.conversion_norm_prior)) END::DOUBLE AS conversion_decline
  FROM sizes AS s
  LEFT JOIN periods AS p ON p.page_name = s.page_name
),
scored AS (
  SELECT c.*, 0.4 * c.volume_component + 0.3 * c.unlock_decline + 0.3 * c.conversion_decline AS saturation_score
  FROM components AS c
)
SELECT
  page_name,
  size_tier,
  saturation_score,
  CASE
    WHEN saturation_score < 0.2 THEN 'HEALTHY'
    WHEN saturation_score < 0.4 THEN 'LOW'
    WHEN saturation_score < 0.6 THEN 'MODERATE'
    WHEN saturation_score < 0.8 THEN 'HIGH'
    ELSE 'CRITICAL'
  END AS risk_level,
  CASE
    WHEN saturation_score < 0.2 THEN 'increase_volume'
    WHEN saturation_score < 0.6 THEN 'maintain_current_volume'
    WHEN saturation_score < 0.8 THEN 'reduce_volume'
    ELSE 'pause_ppv'
  END AS recommended_action,
  CASE
    WHEN saturation_score < 0.2 THEN 1.10
    WHEN saturation_score < 0.4 THEN 1.00
    WHEN saturation_score < 0.6 THEN 0.90
    WHEN saturation_score < 0.8 THEN 0.75
    ELSE 0.50
  END::DOUBLE AS volume_adjustment_factor,
  recent_ppv_per_day,
  unlock_rate_recent,
  unlock_rate_prior,
  volume_component,
  unlock_decline,
  conversion_decline
FROM scored;
