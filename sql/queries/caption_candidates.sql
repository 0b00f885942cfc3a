-- caption_candidates: ranked caption candidates for every page of a run, in one job.
-- @param page_names ARRAY<STRING>
-- @param week_start DATE
-- @param week_end DATE
-- @param cooldown_days INT64
-- @param per_page INT64
--   page_names     pages to serve; empty (or NULL) = every active page; unknown pages: no rows
--   week_start     Los Angeles Monday of the week being generated; week_end is exclusive
--   cooldown_days  a page does not reuse a caption it sent in this many days before week_start
--   per_page       candidates per page (NULL or < 1 = none)
-- Rules and ranking: sql/table_functions/caption_candidate_pool.sql (70/30 PPV/BUMP split, 20 %
-- reserved for captions the page never used, locks of other pages, restrictions, cooldown).
-- Columns: page_name STRING, caption_id INT64, caption_text STRING, caption_type STRING,
--   content_category STRING, price_tier STRING, suggested_price FLOAT64, has_urgency BOOL,
--   psychological_trigger STRING, successes INT64, failures INT64 (this page's record),
--   avg_emv FLOAT64, last_used TIMESTAMP, global_successes INT64, global_failures INT64 (the
--   caption's record on other pages), candidate_rank INT64 (1 = best, per page), is_home BOOL
--   (dealt to this page this week: the selection prefers it when a run plans several pages).
-- Ordered by page_name, candidate_rank.
SELECT
  page_name, caption_id, caption_text, caption_type, content_category, price_tier, suggested_price,
  has_urgency, psychological_trigger, successes, failures, avg_emv, last_used,
  global_successes, global_failures, candidate_rank, is_home
FROM eros_scheduling_brain.caption_candidate_pool(@page_names, @week_start, @week_end, @cooldown_days, @per_page)
ORDER BY page_name, candidate_rank;
