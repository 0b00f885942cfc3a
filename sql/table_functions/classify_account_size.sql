-- classify_account_size(page_names, as_of): one row per requested ACTIVE page (empty or NULL
-- array = all active pages; unknown or inactive pages give no row) with its size tier and the
-- sending limits that go with it. Window: the 90 Los Angeles days before as_of.
--   avg_audience = average sent_count of the page's PPVs in the window (0 when none).
--   Size tiers (the same numbers as the engine's src/core/config.ts, TIER_AUDIENCE_THRESHOLDS and
--   NEW_TIER_MIN_HISTORY_DAYS; test/sql/parity.test.ts evaluates this function against them):
--     NEW     fewer than 7 days of history in the window, or no PPV
--     SMALL   avg_audience <  5000
--     MEDIUM  avg_audience < 20000
--     LARGE   avg_audience < 75000
--     XL      avg_audience >= 75000
--   Limits per tier: daily_ppv_target_min/max, daily_bump_target, min_ppv_gap_minutes,
--   saturation_tolerance (analyze_saturation_status: how far above daily_ppv_target_max, as a
--   fraction, before the volume counts as fully saturating; the engine also cuts volume when the
--   saturation score passes it):
--     NEW 1/2/1/240/0.30, SMALL 2/3/2/180/0.40, MEDIUM 3/5/3/150/0.50,
--     LARGE 4/6/3/120/0.60, XL 5/8/4/90/0.70
--   These are the engine's TIER_CONFIG, which plans the weeks. The seed's mock analyzer sample
--   (LARGE 8/12/6/120/0.6) is not used: 12 PPVs 120 minutes apart need 22 hours a day, and the
--   engine requires (max - 1) x gap to fit the default 08:00-24:00 window less an hour.
CREATE OR REPLACE TABLE FUNCTION eros_scheduling_brain.classify_account_size(
  page_names ARRAY<STRING>, as_of DATE)
AS (
  WITH pages AS (
    SELECT p.page_name FROM eros_scheduling_brain.requested_pages(page_names) AS p
  ),
  history AS (
    SELECT
      h.page_name,
      COUNT(*) AS messages_analyzed,
      AVG(IF(h.is_ppv, h.sent_count, NULL)) AS avg_audience,
      DATE_DIFF(as_of, MIN(h.local_date), DAY) AS history_days
    FROM eros_scheduling_brain.mass_message_history(page_names, DATE_SUB(as_of, INTERVAL 90 DAY), as_of) AS h
    GROUP BY h.page_name
  ),
  tiers AS (
    SELECT
      p.page_name,
      IFNULL(h.avg_audience, 0) AS avg_audience,
      IFNULL(h.messages_analyzed, 0) AS messages_analyzed,
      IFNULL(h.history_days, 0) AS history_days,
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
  limits AS (
    SELECT * FROM UNNEST([
      STRUCT('NEW' AS size_tier, 1 AS daily_ppv_target_min, 2 AS daily_ppv_target_max,
             1 AS daily_bump_target, 240 AS min_ppv_gap_minutes, 0.30 AS saturation_tolerance),
      STRUCT('SMALL', 2, 3, 2, 180, 0.40),
      STRUCT('MEDIUM', 3, 5, 3, 150, 0.50),
      STRUCT('LARGE', 4, 6, 3, 120, 0.60),
      STRUCT('XL', 5, 8, 4, 90, 0.70)
    ])
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
  JOIN limits AS l ON l.size_tier = t.size_tier
);
