-- page_analysis: the analyzer output for a whole run in one job.
-- @param page_names ARRAY<STRING>
-- @param as_of DATE
-- @param lookback_days INT64
--   page_names     pages to analyze; empty (or NULL) = every active page
--   as_of          Los Angeles date of the run; classification and saturation use the 90 days
--                  before it, performance uses lookback_days before it (NULL/<1 = 90, max 365)
-- One row per requested ACTIVE page, ordered by page_name. Unknown or inactive pages produce no
-- row: the caller compares with what it asked for and reports them.
-- Columns: page_name STRING, avg_audience FLOAT64, size_tier STRING (NEW|SMALL|MEDIUM|LARGE|XL;
--   thresholds in sql/table_functions/classify_account_size.sql: SMALL < 5000, MEDIUM < 20000,
--   LARGE < 75000, XL >= 75000, NEW = < 7 days of history or no PPV),
--   messages_analyzed INT64 (well-formed messages in the 90-day window),
--   saturation_score FLOAT64 (0..1), risk_level STRING (HEALTHY|LOW|MODERATE|HIGH|CRITICAL),
--   avg_emv FLOAT64, avg_conversion_rate FLOAT64, emv_trend_pct FLOAT64 (NULL when no data),
--   trend_direction STRING (up|stable|down), best_hours ARRAY<INT64>, price_floor FLOAT64,
--   price_ceiling FLOAT64 (NULL = no limit), restricted_categories ARRAY<STRING>,
--   restricted_keywords ARRAY<STRING>, median_emv FLOAT64, data_issues ARRAY<STRING> (sorted).
-- Malformed source rows are skipped (see mass_message_history); data_issues names each kind the
-- page's analysis or candidates met (table: count and column; rows left out), so nothing bad is
-- absorbed silently.
-- Absurd: counts above 1e9, earnings above 1 000 USD per recipient, suggested_price above 10 000.
-- Partition filters: DATE(sending_time) from as_of - 91 days to as_of + 366 (sends after the run
-- date are an issue it reports), DATE(last_updated) within the year before as_of.
WITH bad_messages AS (
  SELECT
    m.page_name,
    COUNTIF(m.sent_count IS NULL OR m.sent_count < 0 OR m.sent_count > 1000000000) AS sent,
    COUNTIF(m.purchased_count > m.sent_count) AS purchased,
    COUNTIF(m.viewed_count < 0 OR m.purchased_count < 0) AS counts,
    COUNTIF(m.earnings < 0 OR m.earnings > 1000 * GREATEST(IFNULL(m.sent_count, 0), 1)) AS earnings,
    COUNTIF(m.price < 0) AS price,
    COUNTIF(m.message_type IS NULL) AS message_type,
    COUNTIF(DATE(m.sending_time, 'America/Los_Angeles') > @as_of) AS future
  FROM eros_scheduling_brain.mass_messages AS m
  WHERE DATE(m.sending_time) BETWEEN DATE_SUB(@as_of, INTERVAL 91 DAY) AND DATE_ADD(@as_of, INTERVAL 366 DAY)
    AND (DATE(m.sending_time, 'America/Los_Angeles') >= DATE_SUB(@as_of, INTERVAL 90 DAY))
  GROUP BY m.page_name
),
bad_captions AS (
  SELECT
    COUNTIF(b.suggested_price < 0 OR b.suggested_price > 10000) AS price,
    COUNTIF(b.content_category IS NULL OR b.psychological_trigger IS NULL) AS untagged,
    COUNTIF(IFNULL(b.caption_type NOT IN ('PPV', 'BUMP'), TRUE)) AS bad_type
  FROM eros_scheduling_brain.caption_bank AS b
  WHERE b.is_active
),
issues AS (
  SELECT page_name, CONCAT('mass_messages: ', CAST(sent AS STRING), ' NULL/negative/absurd sent_count') AS issue FROM bad_messages WHERE sent > 0
  UNION ALL SELECT page_name, CONCAT('mass_messages: ', CAST(purchased AS STRING), ' purchased_count > sent_count') FROM bad_messages WHERE purchased > 0
  UNION ALL SELECT page_name, CONCAT('mass_messages: ', CAST(counts AS STRING), ' negative viewed/purchased_count') FROM bad_messages WHERE counts > 0
  UNION ALL SELECT page_name, CONCAT('mass_messages: ', CAST(earnings AS STRING), ' negative/absurd earnings') FROM bad_messages WHERE earnings > 0
  UNION ALL SELECT page_name, CONCAT('mass_messages: ', CAST(price AS STRING), ' negative price') FROM bad_messages WHERE price > 0
  UNION ALL SELECT page_name, CONCAT('mass_messages: ', CAST(message_type AS STRING), ' NULL message_type (typed by price)') FROM bad_messages WHERE message_type > 0
  UNION ALL SELECT page_name, CONCAT('mass_messages: ', CAST(future AS STRING), ' sending_time after the run date') FROM bad_messages WHERE future > 0
  UNION ALL SELECT page_name, 'creators: subscriber_count NULL/negative/absurd (unused)' FROM eros_scheduling_brain.creators WHERE subscriber_count IS NULL OR subscriber_count < 0 OR subscriber_count > 1000000000
  UNION ALL SELECT page_name, 'creators: active_fans_30d NULL/negative/absurd (unused)' FROM eros_scheduling_brain.creators WHERE active_fans_30d IS NULL OR active_fans_30d < 0 OR active_fans_30d > 1000000000
  UNION ALL
  SELECT page_name, CONCAT('caption_bandit_stats: ', CAST(COUNT(*) AS STRING), ' negative/absurd successes/failures')
  FROM eros_scheduling_brain.caption_bandit_stats
  WHERE DATE(last_updated) BETWEEN DATE_SUB(@as_of, INTERVAL 365 DAY) AND DATE_ADD(@as_of, INTERVAL 1 DAY)
    AND (successes < 0 OR failures < 0 OR successes > 1000000000 OR failures > 1000000000)
  GROUP BY page_name
  UNION ALL
  SELECT r.page_name, IF(r.price_floor < 0 OR r.price_ceiling < 0,
    'page_restrictions: negative price_floor/price_ceiling (no limit)',
    'page_restrictions: price_floor > price_ceiling')
  FROM (
    SELECT x.page_name, x.price_floor, x.price_ceiling FROM eros_scheduling_brain.page_restrictions AS x
    WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY x.page_name ORDER BY x.updated_at DESC) = 1
  ) AS r
  WHERE r.price_floor < 0 OR r.price_ceiling < 0 OR r.price_floor > r.price_ceiling
  UNION ALL
  SELECT c.page_name, CONCAT('caption_bank: ', CAST(b.price AS STRING), ' negative/absurd suggested_price')
  FROM eros_scheduling_brain.creators AS c CROSS JOIN bad_captions AS b WHERE b.price > 0
  UNION ALL
  SELECT c.page_name, CONCAT('caption_bank: ', CAST(b.untagged AS STRING), ' NULL content_category/trigger')
  FROM eros_scheduling_brain.creators AS c CROSS JOIN bad_captions AS b WHERE b.untagged > 0
  UNION ALL
  SELECT c.page_name, CONCAT('caption_bank: ', CAST(b.bad_type AS STRING), ' caption_type not PPV/BUMP (dropped)')
  FROM eros_scheduling_brain.creators AS c CROSS JOIN bad_captions AS b WHERE b.bad_type > 0
  -- A row without a page could be any page's: every page is told.
  UNION ALL
  SELECT c.page_name, CONCAT('mass_messages: ', CAST(b.n AS STRING), ' NULL page_name (any page)')
  FROM eros_scheduling_brain.creators AS c
  CROSS JOIN (SELECT COUNT(*) AS n FROM eros_scheduling_brain.mass_messages AS m
    WHERE DATE(m.sending_time) BETWEEN DATE_SUB(@as_of, INTERVAL 91 DAY) AND DATE_ADD(@as_of, INTERVAL 366 DAY) AND m.page_name IS NULL
      AND DATE(m.sending_time, 'America/Los_Angeles') >= DATE_SUB(@as_of, INTERVAL 90 DAY)) AS b
  WHERE b.n > 0
),
issues_by_page AS (
  SELECT page_name, ARRAY_AGG(issue ORDER BY issue) AS data_issues
  FROM issues
  WHERE page_name IS NOT NULL
  GROUP BY page_name
)
SELECT
  c.page_name,
  c.avg_audience,
  c.size_tier,
  c.messages_analyzed,
  s.saturation_score,
  s.risk_level,
  p.avg_emv,
  p.avg_conversion_rate,
  p.emv_trend_pct,
  p.trend_direction,
  p.best_hours,
  r.price_floor,
  r.price_ceiling,
  IFNULL(r.restricted_categories, []) AS restricted_categories,
  IFNULL(r.restricted_keywords, []) AS restricted_keywords,
  p.median_emv,
  IFNULL(i.data_issues, []) AS data_issues
FROM eros_scheduling_brain.classify_account_size(@page_names, @as_of) AS c
JOIN eros_scheduling_brain.analyze_saturation_status(@page_names, @as_of) AS s ON s.page_name = c.page_name
JOIN eros_scheduling_brain.analyze_creator_performance(@page_names, @as_of, @lookback_days) AS p ON p.page_name = c.page_name
LEFT JOIN eros_scheduling_brain.restrictions_view AS r ON r.page_name = c.page_name
LEFT JOIN issues_by_page AS i ON i.page_name = c.page_name
ORDER BY c.page_name;
