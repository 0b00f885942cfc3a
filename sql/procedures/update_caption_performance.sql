-- update_caption_performance(run_id): the performance feedback loop (every 6 hours: trigger,
-- scheduled query or console).
--   run_id  the run's id (run_id_for format), so the caller can show it; NULL = made here
-- 1. Messages are counted once: only PPVs sent after the watermark (MAX(processed_through) of
--    caption_performance_watermark; none yet = the last 90 days) and settled, i.e. sent at least
--    72 hours ago so their earnings are final. The new watermark is now - 72 hours.
-- 2. Page median EMV: median earnings per recipient of the page's PPVs of the 90 days before the
--    new watermark (well-formed rows only, see mass_message_history).
-- 3. Per message: success when its EMV beats the page median, else failure. Messages without a
--    caption_id are matched to caption_bank by caption_key_v2 of their text, computed here from
--    caption_bank.caption_text (a bank loaded without caption_key still matches; the lowest
--    caption_id wins a shared key). Sends to nobody (sent_count 0) are not observations.
--    Unmatched messages (no caption_id, and no text or a text the bank lacks) teach nothing: they
--    are counted (unmatched_messages in the run log's details) and raise an UNMATCHED_MESSAGES
--    alert (automation_alerts) for the Health tab.
-- 4. MERGE per (page, caption) into caption_bandit_stats: counts add up, avg_emv is the running
--    mean, last_used the latest send, confidence bounds = wilson_score_bounds of the new counts.
--    Rows not updated for 365 days are forgotten (readers ignore them too): a caption seen again
--    after that starts a fresh row.
-- 5. The watermark row is written in the same transaction as the stats, so a run is counted
--    once or not at all; a concurrent run cancels one of the two, which logs FAILED.
-- Run log: this procedure owns its automation_run_log row (log_automation_run), written after the
-- COMMIT (so finished_at is the real end): SUCCEEDED with the counts, or FAILED with BigQuery's
-- error text (the transaction rolled back), after which the error is raised again.
-- Result: one row run_id, messages_processed, stats_rows_touched, unmatched_messages.
CREATE OR REPLACE PROCEDURE eros_scheduling_brain.update_caption_performance(run_id STRING)
BEGIN
  DECLARE run_started TIMESTAMP DEFAULT CURRENT_TIMESTAMP();
  DECLARE id STRING DEFAULT IFNULL(run_id, eros_scheduling_brain.run_id_for('PERFORMANCE', run_started));
  DECLARE new_watermark TIMESTAMP DEFAULT NULL;
  DECLARE old_watermark TIMESTAMP DEFAULT NULL;
  DECLARE messages_processed INT64 DEFAULT 0;
  DECLARE stats_rows_touched INT64 DEFAULT 0;
  DECLARE unmatched_messages INT64 DEFAULT 0;
  DECLARE failure STRING DEFAULT NULL;

  BEGIN
    BEGIN TRANSACTION;

    -- Inside the transaction CURRENT_TIMESTAMP() is its start, so the watermark and the history
    -- window below (constant expressions, which prune mass_messages' partitions) agree.
    SET new_watermark = TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 72 HOUR);
    SET old_watermark = IFNULL(
      (SELECT MAX(w.processed_through) FROM eros_scheduling_brain.caption_performance_watermark AS w),
      TIMESTAMP_SUB(new_watermark, INTERVAL 90 DAY));

    CREATE TEMP TABLE fresh AS
    WITH history AS (
      SELECT h.*
      FROM eros_scheduling_brain.mass_message_history(
        ARRAY<STRING>[],
        DATE_SUB(DATE(TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 72 HOUR), 'America/Los_Angeles'), INTERVAL 90 DAY),
        DATE_ADD(DATE(TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 72 HOUR), 'America/Los_Angeles'), INTERVAL 1 DAY)) AS h
      WHERE h.is_ppv AND h.emv IS NOT NULL AND h.sending_time <= new_watermark
    ),
    medians AS (
      SELECT DISTINCT page_name, PERCENTILE_CONT(emv, 0.5) OVER (PARTITION BY page_name) AS median_emv
      FROM history
    ),
    keys AS (
      SELECT eros_scheduling_brain.caption_key_v2(b.caption_text) AS text_key, MIN(b.caption_id) AS caption_id
      FROM eros_scheduling_brain.caption_bank AS b
      WHERE b.caption_text IS NOT NULL
      GROUP BY text_key
    )
    SELECT
      h.page_name,
      COALESCE(h.caption_id, k.caption_id) AS caption_id,
      h.sending_time,
      h.earnings,
      h.emv,
      h.emv > md.median_emv AS is_success
    FROM history AS h
    JOIN medians AS md ON md.page_name = h.page_name
    LEFT JOIN keys AS k ON h.caption_id IS NULL AND k.text_key = eros_scheduling_brain.caption_key_v2(h.caption_text)
    WHERE h.sending_time > old_watermark;

    CREATE TEMP TABLE observations AS
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
    SET unmatched_messages = (SELECT COUNTIF(f.caption_id IS NULL) FROM fresh AS f);

    MERGE eros_scheduling_brain.caption_bandit_stats AS t
    USING observations AS s
    ON t.page_name = s.page_name AND t.caption_id = s.caption_id
      AND DATE(t.last_updated) BETWEEN DATE_SUB(CURRENT_DATE(), INTERVAL 365 DAY) AND CURRENT_DATE()
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

    COMMIT TRANSACTION;

    INSERT INTO eros_scheduling_brain.automation_alerts
      (alert_id, run_id, alert_date, raised_at, alert_kind, severity, message, details)
    SELECT
      CONCAT(id, ':UNMATCHED_MESSAGES'), id, DATE(run_started, 'America/Los_Angeles'), run_started,
      'UNMATCHED_MESSAGES', 'WARNING',
      CONCAT(CAST(unmatched_messages AS STRING), ' settled PPV messages matched no caption (no caption_id,',
        ' and no caption_bank row with the same text): load their caption_id or the captions, or they teach nothing.'),
      TO_JSON_STRING(STRUCT(unmatched_messages, messages_processed))
    FROM UNNEST([1])
    WHERE unmatched_messages > 0;

    CALL eros_scheduling_brain.log_automation_run(id, NULL, 'PERFORMANCE', run_started, 'SUCCEEDED', NULL,
      TO_JSON_STRING(STRUCT(messages_processed, stats_rows_touched, unmatched_messages, old_watermark, new_watermark)), NULL);

    SELECT id AS run_id, messages_processed, stats_rows_touched, unmatched_messages;
  EXCEPTION WHEN ERROR THEN
    SET failure = @@error.message;
    -- No transaction is open when the error came before BEGIN TRANSACTION or after COMMIT.
    BEGIN ROLLBACK TRANSACTION; EXCEPTION WHEN ERROR THEN SET failure = failure; END;
    CALL eros_scheduling_brain.fail_run(id, NULL, 'PERFORMANCE', run_started, TO_JSON_STRING(STRUCT(old_watermark, new_watermark)), failure);
  END;
END;
