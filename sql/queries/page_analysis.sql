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
--   restricted_keywords ARRAY<STRING>, median_emv FLOAT64.
-- Malformed source rows are skipped (see mass_message_history).
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
  p.median_emv
FROM eros_scheduling_brain.classify_account_size(@page_names, @as_of) AS c
JOIN eros_scheduling_brain.analyze_saturation_status(@page_names, @as_of) AS s ON s.page_name = c.page_name
JOIN eros_scheduling_brain.analyze_creator_performance(@page_names, @as_of, @lookback_days) AS p ON p.page_name = c.page_name
LEFT JOIN eros_scheduling_brain.restrictions_view AS r ON r.page_name = c.page_name
ORDER BY c.page_name;
