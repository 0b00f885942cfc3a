-- select_captions_for_creator(page_name, num_captions, week_start): the SQL form of caption
-- selection, for parity checks with the in-script selector (src/core).
--   Candidates: caption_candidate_pool for the page and the LA week [week_start, week_start + 7),
--   14-day cooldown, pool of 3 x num_captions; then one Thompson draw per candidate
--   (wilson_sample, a normal approximation of Beta(s + 1, f + 1)) and the num_captions best draws.
-- Result set: page_name, caption_id, caption_type, content_category, price_tier, suggested_price,
--   successes, failures, candidate_rank, selection_draw FLOAT64, selection_rank INT64 (1 = best).
-- Bad input: NULL/unknown/inactive page, NULL or < 1 num_captions, NULL week_start: empty result.
CREATE OR REPLACE PROCEDURE eros_scheduling_brain.select_captions_for_creator(
  page_name STRING, num_captions INT64, week_start DATE)
BEGIN
  DECLARE requested_page STRING DEFAULT page_name;
  DECLARE wanted INT64 DEFAULT IF(num_captions IS NULL OR num_captions < 1, 0, num_captions);
  DECLARE first_day DATE DEFAULT week_start;

  SELECT
    d.page_name, d.caption_id, d.caption_type, d.content_category, d.price_tier, d.suggested_price,
    d.successes, d.failures, d.candidate_rank, d.selection_draw,
    ROW_NUMBER() OVER (ORDER BY d.selection_draw DESC, d.caption_id) AS selection_rank
  FROM (
    SELECT p.*, eros_scheduling_brain.wilson_sample(p.successes, p.failures) AS selection_draw
    FROM eros_scheduling_brain.caption_candidate_pool(
      [requested_page], first_day, DATE_ADD(first_day, INTERVAL 7 DAY), 14, wanted * 3) AS p
    WHERE requested_page IS NOT NULL
  ) AS d
  WHERE TRUE
  QUALIFY ROW_NUMBER() OVER (ORDER BY d.selection_draw DESC, d.caption_id) <= wanted
  ORDER BY selection_rank;
END;
