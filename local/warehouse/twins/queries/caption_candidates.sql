-- DuckDB twin of sql/queries/caption_candidates.sql (parameters and columns documented there).
-- The pool's twin is the one that avoids the pages × captions product (its header says how); a
-- TypeScript oracle (test/sql/helpers/candidates-oracle.ts) checks it at demo scale.
SELECT
  page_name, caption_id, caption_text, caption_type, content_category, price_tier, suggested_price,
  has_urgency, psychological_trigger, successes, failures, avg_emv, last_used,
  global_successes, global_failures, candidate_rank, is_home
FROM eros_scheduling_brain.caption_candidate_pool($page_names, $week_start, $week_end, $cooldown_days, $per_page)
ORDER BY page_name, candidate_rank;
