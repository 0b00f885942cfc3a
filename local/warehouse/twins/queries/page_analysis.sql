-- DuckDB twin of sql/queries/page_analysis.sql (parameters and columns documented there).
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
  p.median_emv
FROM eros_scheduling_brain.classify_account_size($page_names, $as_of) AS c
JOIN eros_scheduling_brain.analyze_saturation_status($page_names, $as_of) AS s ON s.page_name = c.page_name
JOIN eros_scheduling_brain.analyze_creator_performance($page_names, $as_of, $lookback_days) AS p ON p.page_name = c.page_name
LEFT JOIN eros_scheduling_brain.restrictions_view AS r ON r.page_name = c.page_name
ORDER BY c.page_name;
