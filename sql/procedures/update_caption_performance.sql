-- update_caption_performance(): the performance feedback loop (every 6 hours).
-- 1. Messages are counted once: only PPVs sent after the watermark (MAX(processed_through) of
--    caption_performance_watermark; none yet = the last 90 days) and settled, i.e. sent at least
--    72 hours ago so their earnings are final. The new watermark is now - 72 hours.
-- 2. Page median EMV: median earnings per recipient of the page's PPVs of the 90 days before the
--    new watermark (well-formed rows only, see mass_message_history).
-- 3. Per message: success when its EMV beats the page median, else failure. Messages without a
--    caption_id are matched to caption_bank by caption_key_v2 of their text; unmatched ones and
--    sends to nobody (sent_count 0) are not observations.
-- 4. MERGE per (page, caption) into caption_bandit_stats: counts add up, avg_emv is the running
--    mean, last_used the latest send, confidence bounds = wilson_score_bounds of the new counts.
--    Rows not updated for 365 days are forgotten (readers ignore them too): a caption seen again
--    after that starts a fresh row.
-- 5. The watermark row and an automation_run_log row (run_kind PERFORMANCE) are written; all in
--    one transaction. Result: one row messages_processed, stats_rows_touched.
CREATE OR REPLACE PROCEDURE eros_scheduling_brain.update_caption_performance()
BEGIN
  DECLARE run_started TIMESTAMP DEFAULT CURRENT_TIMESTAMP();
  DECLARE new_watermark TIMESTAMP DEFAULT TIMESTAMP_SUB(run_started, INTERVAL 72 HOUR);
  DECLARE old_watermark TIMESTAMP DEFAULT (
    SELECT MAX(w.processed_through) FROM eros_scheduling_brain.caption_performance_watermark AS w);
  DECLARE messages_processed INT64 DEFAULT 0;
  DECLARE stats_rows_touched INT64 DEFAULT 0;

  SET old_watermark = IFNULL(old_watermark, TIMESTAMP_SUB(new_watermark, INTERVAL 90 DAY));

  BEGIN TRANSACTION;

  CREATE TEMP TABLE observations AS
  WITH history AS (
    SELECT h.*
    FROM eros_scheduling_brain.mass_message_history(
      ARRAY<STRING>[],
      DATE_SUB(DATE(new_watermark, 'America/Los_Angeles'), INTERVAL 90 DAY),
      DATE_ADD(DATE(new_watermark, 'America/Los_Angeles'), INTERVAL 1 DAY)) AS h
    WHERE h.is_ppv AND h.emv IS NOT NULL AND h.sending_time <= new_watermark
  ),
  medians AS (
    SELECT DISTINCT page_name, PERCENTILE_CONT(emv, 0.5) OVER (PARTITION BY page_name) AS median_emv
    FROM history
  ),
  fresh AS (
    SELECT
      h.page_name,
      COALESCE(h.caption_id, k.caption_id) AS caption_id,
      h.sending_time,
      h.earnings,
      h.emv,
      h.emv > md.median_emv AS is_success
    FROM history AS h
    JOIN medians AS md ON md.page_name = h.page_name
    LEFT JOIN (
      SELECT caption_key, MIN(caption_id) AS caption_id
      FROM eros_scheduling_brain.caption_bank
      WHERE caption_key IS NOT NULL
      GROUP BY caption_key
    ) AS k ON h.caption_id IS NULL AND k.caption_key = eros_scheduling_brain.caption_key_v2(h.caption_text)
    WHERE h.sending_time > old_watermark
  )
  SELECT
    page_name,
    caption_id,
    COUNTIF(is_success) AS successes,
    COUNTIF(NOT is_success) AS failures,
    COUNT(*) AS observations,
    SUM(earnings) AS revenue,
    SUM(emv) AS emv_sum,
    MAX(sending_time) AS last_used
  FROM fresh
  WHERE caption_id IS NOT NULL
  GROUP BY page_name, caption_id;

  SET (messages_processed, stats_rows_touched) = (
    SELECT AS STRUCT IFNULL(SUM(o.observations), 0), COUNT(*) FROM observations AS o);

  MERGE eros_scheduling_brain.caption_bandit_stats AS t
  USING observations AS s
  ON t.page_name = s.page_name AND t.caption_id = s.caption_id
    AND DATE(t.last_updated) >= DATE_SUB(DATE(run_started), INTERVAL 365 DAY)
  WHEN MATCHED THEN UPDATE SET
    successes = t.successes + s.successes,
    failures = t.failures + s.failures,
    total_observations = t.total_observations + s.observations,
    total_revenue = IFNULL(t.total_revenue, 0) + s.revenue,
    avg_emv = (IFNULL(t.avg_emv, 0) * t.total_observations + s.emv_sum) / (t.total_observations + s.observations),
    confidence_lower_bound = eros_scheduling_brain.wilson_score_bounds(t.successes + s.successes, t.failures + s.failures).lower_bound,
    confidence_upper_bound = eros_scheduling_brain.wilson_score_bounds(t.successes + s.successes, t.failures + s.failures).upper_bound,
    last_used = IF(t.last_used IS NULL OR s.last_used > t.last_used, s.last_used, t.last_used),
    last_updated = run_started
  WHEN NOT MATCHED THEN INSERT
    (page_name, caption_id, successes, failures, total_observations, total_revenue, avg_emv,
     confidence_lower_bound, confidence_upper_bound, last_used, last_updated)
  VALUES
    (s.page_name, s.caption_id, s.successes, s.failures, s.observations, s.revenue,
     s.emv_sum / s.observations,
     eros_scheduling_brain.wilson_score_bounds(s.successes, s.failures).lower_bound,
     eros_scheduling_brain.wilson_score_bounds(s.successes, s.failures).upper_bound,
     s.last_used, run_started);

  INSERT INTO eros_scheduling_brain.caption_performance_watermark
    (processed_through, run_at, messages_processed, stats_rows_touched)
  VALUES (GREATEST(new_watermark, old_watermark), run_started, messages_processed, stats_rows_touched);

  INSERT INTO eros_scheduling_brain.automation_run_log
    (run_id, run_date, run_kind, started_at, finished_at, status, pages_total, pages_generated,
     pages_skipped, pages_failed, details)
  VALUES (
    CONCAT('perf-', FORMAT_TIMESTAMP('%Y%m%dT%H%M%S', run_started)),
    DATE(run_started, 'America/Los_Angeles'), 'PERFORMANCE', run_started, CURRENT_TIMESTAMP(),
    'SUCCEEDED', NULL, NULL, NULL, NULL,
    TO_JSON_STRING(STRUCT(messages_processed, stats_rows_touched, old_watermark, new_watermark)));

  COMMIT TRANSACTION;

  SELECT messages_processed, stats_rows_touched;
END;
