-- DuckDB twin of sql/queries/page_analysis.sql (parameters and columns documented there).
WITH bad_messages AS (
  SELECT
    m.page_name,
    count(*) FILTER (WHERE m.sent_count IS NULL OR m.sent_count < 0 OR m.sent_count > 1000000000) AS sent,
    count(*) FILTER (WHERE m.purchased_count > m.sent_count) AS purchased,
    count(*) FILTER (WHERE m.viewed_count < 0 OR m.purchased_count < 0) AS counts,
    count(*) FILTER (WHERE m.earnings < 0 OR m.earnings > 1000 * greatest(coalesce(m.sent_count, 0), 1)) AS earnings,
    count(*) FILTER (WHERE m.price < 0) AS price,
    count(*) FILTER (WHERE m.message_type IS NULL) AS message_type,
    count(*) FILTER (WHERE CAST(m.sending_time AT TIME ZONE 'America/Los_Angeles' AS DATE) > CAST($as_of AS DATE)) AS future
  FROM eros_scheduling_brain.mass_messages AS m
  WHERE CAST(m.sending_time AT TIME ZONE 'UTC' AS DATE) BETWEEN CAST($as_of AS DATE) - 91 AND CAST($as_of AS DATE) + 366
    AND (CAST(m.sending_time AT TIME ZONE 'America/Los_Angeles' AS DATE) >= CAST($as_of AS DATE) - 90)
  GROUP BY m.page_name
),
bad_captions AS (
  SELECT
    count(*) FILTER (WHERE b.suggested_price < 0 OR b.suggested_price > 10000) AS price,
    count(*) FILTER (WHERE b.content_category IS NULL OR b.psychological_trigger IS NULL) AS untagged,
    count(*) FILTER (WHERE coalesce(b.caption_type NOT IN ('PPV', 'BUMP'), true)) AS bad_type
  FROM eros_scheduling_brain.caption_bank AS b
  WHERE b.is_active
),
issues AS (
  SELECT page_name, concat('mass_messages: ', CAST(sent AS VARCHAR), ' NULL/negative/absurd sent_count') AS issue FROM bad_messages WHERE sent > 0
  UNION ALL SELECT page_name, concat('mass_messages: ', CAST(purchased AS VARCHAR), ' purchased_count > sent_count') FROM bad_messages WHERE purchased > 0
  UNION ALL SELECT page_name, concat('mass_messages: ', CAST(counts AS VARCHAR), ' negative viewed/purchased_count') FROM bad_messages WHERE counts > 0
  UNION ALL SELECT page_name, concat('mass_messages: ', CAST(earnings AS VARCHAR), ' negative/absurd earnings') FROM bad_messages WHERE earnings > 0
  UNION ALL SELECT page_name, concat('mass_messages: ', CAST(price AS VARCHAR), ' negative price') FROM bad_messages WHERE price > 0
  UNION ALL SELECT page_name, concat('mass_messages: ', CAST(message_type AS VARCHAR), ' NULL message_type (typed by price)') FROM bad_messages WHERE message_type > 0
  UNION ALL SELECT page_name, concat('mass_messages: ', CAST(future AS VARCHAR), ' sending_time after the run date') FROM bad_messages WHERE future > 0
  UNION ALL SELECT page_name, 'creators: subscriber_count NULL/negative/absurd (unused)' FROM eros_scheduling_brain.creators WHERE subscriber_count IS NULL OR subscriber_count < 0 OR subscriber_count > 1000000000
  UNION ALL SELECT page_name, 'creators: active_fans_30d NULL/negative/absurd (unused)' FROM eros_scheduling_brain.creators WHERE active_fans_30d IS NULL OR active_fans_30d < 0 OR active_fans_30d > 1000000000
  UNION ALL
  SELECT page_name, concat('caption_bandit_stats: ', CAST(count(*) AS VARCHAR), ' negative/absurd successes/failures')
  FROM eros_scheduling_brain.caption_bandit_stats
  WHERE CAST(last_updated AT TIME ZONE 'UTC' AS DATE) BETWEEN CAST($as_of AS DATE) - 365 AND CAST($as_of AS DATE) + 1
    AND (successes < 0 OR failures < 0 OR successes > 1000000000 OR failures > 1000000000)
  GROUP BY page_name
  UNION ALL
  SELECT r.page_name, CASE WHEN r.price_floor < 0 OR r.price_ceiling < 0
    THEN 'page_restrictions: negative price_floor/price_ceiling (no limit)'
    ELSE 'page_restrictions: price_floor > price_ceiling' END
  FROM (
    SELECT x.page_name, x.price_floor, x.price_ceiling FROM eros_scheduling_brain.page_restrictions AS x
    QUALIFY row_number() OVER (PARTITION BY x.page_name ORDER BY x.updated_at DESC NULLS LAST) = 1
  ) AS r
  WHERE r.price_floor < 0 OR r.price_ceiling < 0 OR r.price_floor > r.price_ceiling
  UNION ALL
  SELECT c.page_name, concat('caption_bank: ', CAST(b.price AS VARCHAR), ' negative/absurd suggested_price')
  FROM eros_scheduling_brain.creators AS c CROSS JOIN bad_captions AS b WHERE b.price > 0
  UNION ALL
  SELECT c.page_name, concat('caption_bank: ', CAST(b.untagged AS VARCHAR), ' NULL content_category/trigger')
  FROM eros_scheduling_brain.creators AS c CROSS JOIN bad_captions AS b WHERE b.untagged > 0
  UNION ALL
  SELECT c.page_name, concat('caption_bank: ', CAST(b.bad_type AS VARCHAR), ' caption_type not PPV/BUMP (dropped)')
  FROM eros_scheduling_brain.creators AS c CROSS JOIN bad_captions AS b WHERE b.bad_type > 0
  UNION ALL
  SELECT c.page_name, concat('mass_messages: ', CAST(b.n AS VARCHAR), ' NULL page_name (any page)')
  FROM eros_scheduling_brain.creators AS c
  CROSS JOIN (SELECT count(*) AS n FROM eros_scheduling_brain.mass_messages AS m
    WHERE CAST(m.sending_time AT TIME ZONE 'UTC' AS DATE) BETWEEN CAST($as_of AS DATE) - 91 AND CAST($as_of AS DATE) + 366 AND m.page_name IS NULL
      AND CAST(m.sending_time AT TIME ZONE 'America/Los_Angeles' AS DATE) >= CAST($as_of AS DATE) - 90) AS b
  WHERE b.n > 0
),
issues_by_page AS (
  SELECT page_name, list(issue ORDER BY issue) AS data_issues
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
  coalesce(r.restricted_categories, CAST([] AS VARCHAR[])) AS restricted_categories,
  coalesce(r.restricted_keywords, CAST([] AS VARCHAR[])) AS restricted_keywords,
  p.median_emv,
  coalesce(i.data_issues, CAST([] AS VARCHAR[])) AS data_issues
FROM eros_scheduling_brain.classify_account_size($page_names, $as_of) AS c
JOIN eros_scheduling_brain.analyze_saturation_status($page_names, $as_of) AS s ON s.page_name = c.page_name
JOIN eros_scheduling_brain.analyze_creator_performance($page_names, $as_of, $lookback_days) AS p ON p.page_name = c.page_name
LEFT JOIN eros_scheduling_brain.restrictions_view AS r ON r.page_name = c.page_name
LEFT JOIN issues_by_page AS i ON i.page_name = c.page_name
ORDER BY c.page_name;
