-- DuckDB twin of sql/queries/caption_candidates.sql (parameters and columns documented there).
SELECT
  page_name, caption_id, caption_text, caption_type, content_category, price_tier, suggested_price,
  has_urgency, psychological_trigger, successes, failures, avg_emv, last_used,
  global_successes, global_failures, candidate_rank
FROM eros_scheduling_brain.caption_candidate_pool($page_names, $week_start, $week_end, $cooldown_days, $per_page)
ORDER BY page_name, candidate_rank;
