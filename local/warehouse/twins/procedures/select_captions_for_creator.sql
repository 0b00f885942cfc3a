-- DuckDB twin of sql/procedures/select_captions_for_creator.sql. Parameters: $page_name,
-- $num_captions, $week_start. Draws use random() (wilson_sample twin), so only the shape of the
-- result (size, membership in the candidate pool, draw range) is comparable with BigQuery.
SELECT
  d.page_name, d.caption_id, d.caption_type, d.content_category, d.price_tier, d.suggested_price,
  d.successes, d.failures, d.candidate_rank, d.selection_draw,
  row_number() OVER (ORDER BY d.selection_draw DESC, d.caption_id) AS selection_rank
FROM (
  SELECT p.*, eros_scheduling_brain.wilson_sample(p.successes, p.failures) AS selection_draw
  FROM eros_scheduling_brain.caption_candidate_pool(
    [CAST($page_name AS VARCHAR)], CAST($week_start AS DATE), CAST($week_start AS DATE) + 7, 14,
    CASE WHEN $num_captions IS NULL OR $num_captions < 1 THEN 0 ELSE $num_captions END * 3) AS p
  WHERE $page_name IS NOT NULL
) AS d
QUALIFY row_number() OVER (ORDER BY d.selection_draw DESC, d.caption_id)
  <= CASE WHEN $num_captions IS NULL OR $num_captions < 1 THEN 0 ELSE $num_captions END
ORDER BY selection_rank;
