-- analyze_creator_performance(page_names, as_of, lookback_days): one row per requested ACTIVE
-- page (same page rules as classify_account_size) with PPV performance over the lookback window
-- [as_of - lookback_days, as_of) in Los Angeles dates. lookback_days NULL or < 1 means 90; more
-- than 365 is capped at 365.
--   avg_emv              mean earnings per recipient of the PPVs (NULL when none)
--   avg_conversion_rate  purchased / sent over the PPVs (NULL when nothing was sent)
--   median_emv           median earnings per recipient (linear interpolation)
--   emv_trend_pct        100 x (mean EMV of the last 14 days - mean EMV before) / mean EMV before;
--                        NULL when either period has no PPV or the earlier mean is 0
--   trend_direction      up (> +5 %), down (< -5 %), else stable (also when the trend is NULL)
--   best_hours           LA hours 0-23 with >= 3 PPV sends, best earnings per recipient first
--                        (ties: earlier hour first); empty array when none qualifies
CREATE OR REPLACE TABLE FUNCTION eros_scheduling_brain.analyze_creator_performance(
  page_names ARRAY<STRING>, as_of DATE, lookback_days INT64)
AS (
  WITH pages AS (
    SELECT p.page_name FROM eros_scheduling_brain.requested_pages(page_names) AS p
  ),
  ppv AS (
    SELECT h.*
    FROM eros_scheduling_brain.mass_message_history(
      page_names,
      DATE_SUB(as_of, INTERVAL IF(lookback_days IS NULL OR lookback_days < 1, 90, LEAST(lookback_days, 365)) DAY),
      as_of) AS h
    WHERE h.is_ppv
  ),
  totals AS (
    SELECT
      page_name,
      COUNT(*) AS messages_analyzed,
      AVG(emv) AS avg_emv,
      SAFE_DIVIDE(SUM(purchased_count), SUM(sent_count)) AS avg_conversion_rate,
      AVG(IF(local_date >= DATE_SUB(as_of, INTERVAL 14 DAY), emv, NULL)) AS recent_emv,
      AVG(IF(local_date < DATE_SUB(as_of, INTERVAL 14 DAY), emv, NULL)) AS prior_emv
    FROM ppv
    GROUP BY page_name
  ),
  medians AS (
    SELECT DISTINCT page_name, PERCENTILE_CONT(emv, 0.5) OVER (PARTITION BY page_name) AS median_emv
    FROM ppv
    WHERE emv IS NOT NULL
  ),
  hours AS (
    SELECT page_name, local_hour, IFNULL(SAFE_DIVIDE(SUM(earnings), SUM(sent_count)), 0) AS hour_emv
    FROM ppv
    GROUP BY page_name, local_hour
    HAVING COUNT(*) >= 3
  ),
  best AS (
    SELECT page_name, ARRAY_AGG(local_hour ORDER BY hour_emv DESC, local_hour) AS best_hours
    FROM hours
    GROUP BY page_name
  ),
  trends AS (
    SELECT t.*, SAFE_DIVIDE(t.recent_emv - t.prior_emv, t.prior_emv) * 100 AS emv_trend_pct
    FROM totals AS t
  )
  SELECT
    p.page_name,
    IFNULL(t.messages_analyzed, 0) AS messages_analyzed,
    t.avg_emv,
    t.avg_conversion_rate,
    m.median_emv,
    t.recent_emv,
    t.prior_emv,
    t.emv_trend_pct,
    CASE WHEN t.emv_trend_pct > 5 THEN 'up' WHEN t.emv_trend_pct < -5 THEN 'down' ELSE 'stable' END AS trend_direction,
    IFNULL(b.best_hours, []) AS best_hours
  FROM pages AS p
  LEFT JOIN trends AS t ON t.page_name = p.page_name
  LEFT JOIN medians AS m ON m.page_name = p.page_name
  LEFT JOIN best AS b ON b.page_name = p.page_name
);
