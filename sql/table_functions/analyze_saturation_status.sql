-- analyze_saturation_status(page_names, as_of): one row per requested ACTIVE page (same page
-- rules as classify_account_size) with a saturation score in [0, 1] and its risk level.
-- Periods (Los Angeles dates): recent = the 14 days before as_of, prior = the 76 days before that.
-- Components, each clipped to [0, 1], missing data counts as 0:
--   volume_component     = (recent PPVs per day / daily_ppv_target_max - 1) / saturation_tolerance
--   unlock_decline       = (prior unlock rate - recent unlock rate) / prior unlock rate,
--                          unlock rate = purchased / viewed over the period's PPVs
--   conversion_decline   = the same on price-normalized conversion: purchased / sent of the
--                          period x (period's average PPV price / the 90-day average PPV price),
--                          so a drop in buying that only follows a price rise is not penalized
--                          as much as one at the same price.
--   saturation_score     = 0.4 volume + 0.3 unlock_decline + 0.3 conversion_decline
-- Risk from the score: < 0.2 HEALTHY, < 0.4 LOW, < 0.6 MODERATE, < 0.8 HIGH, else CRITICAL.
-- recommended_action / volume_adjustment_factor per risk:
--   HEALTHY increase_volume 1.10, LOW maintain_current_volume 1.00,
--   MODERATE maintain_current_volume 0.90, HIGH reduce_volume 0.75, CRITICAL pause_ppv 0.50
CREATE OR REPLACE TABLE FUNCTION eros_scheduling_brain.analyze_saturation_status(
  page_names ARRAY<STRING>, as_of DATE)
AS (
  WITH sizes AS (
    SELECT * FROM eros_scheduling_brain.classify_account_size(page_names, as_of)
  ),
  ppv AS (
    SELECT h.*, h.local_date >= DATE_SUB(as_of, INTERVAL 14 DAY) AS is_recent
    FROM eros_scheduling_brain.mass_message_history(page_names, DATE_SUB(as_of, INTERVAL 90 DAY), as_of) AS h
    WHERE h.is_ppv
  ),
  periods AS (
    SELECT
      page_name,
      COUNTIF(is_recent) / 14 AS recent_ppv_per_day,
      SAFE_DIVIDE(SUM(IF(is_recent, purchased_count, 0)), SUM(IF(is_recent, viewed_count, 0))) AS unlock_rate_recent,
      SAFE_DIVIDE(SUM(IF(is_recent, 0, purchased_count)), SUM(IF(is_recent, 0, viewed_count))) AS unlock_rate_prior,
      SAFE_DIVIDE(SUM(IF(is_recent, purchased_count, 0)), SUM(IF(is_recent, sent_count, 0)))
        * SAFE_DIVIDE(AVG(IF(is_recent, price, NULL)), AVG(price)) AS conversion_norm_recent,
      SAFE_DIVIDE(SUM(IF(is_recent, 0, purchased_count)), SUM(IF(is_recent, 0, sent_count)))
        * SAFE_DIVIDE(AVG(IF(is_recent, NULL, price)), AVG(price)) AS conversion_norm_prior
    FROM ppv
    GROUP BY page_name
  ),
  components AS (
    SELECT
      s.page_name,
      s.size_tier,
      IFNULL(p.recent_ppv_per_day, 0) AS recent_ppv_per_day,
      p.unlock_rate_recent,
      p.unlock_rate_prior,
      LEAST(1.0, GREATEST(0.0,
        IFNULL((IFNULL(p.recent_ppv_per_day, 0) / s.daily_ppv_target_max - 1) / s.saturation_tolerance, 0))) AS volume_component,
      IF(p.unlock_rate_prior IS NULL OR p.unlock_rate_prior = 0 OR p.unlock_rate_recent IS NULL, 0.0,
        LEAST(1.0, GREATEST(0.0, (p.unlock_rate_prior - p.unlock_rate_recent) / p.unlock_rate_prior))) AS unlock_decline,
      IF(p.conversion_norm_prior IS NULL OR p.conversion_norm_prior = 0 OR p.conversion_norm_recent IS NULL, 0.0,
        LEAST(1.0, GREATEST(0.0, (p.conversion_norm_prior - p.conversion_norm_recent) / p.conversion_norm_prior))) AS conversion_decline
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
    END AS volume_adjustment_factor,
    recent_ppv_per_day,
    unlock_rate_recent,
    unlock_rate_prior,
    volume_component,
    unlock_decline,
    conversion_decline
  FROM scored
);
