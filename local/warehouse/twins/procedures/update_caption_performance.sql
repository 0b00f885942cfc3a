-- DuckDB twin of sql/procedures/update_caption_performance.sql (algorithm documented there).
-- Parameter: $run_id. Marked blocks run as BEGIN ... EXCEPTION WHEN ERROR THEN ... END (see
-- twins/procedures/sweep_expired_caption_locks.sql); bq_now is CURRENT_TIMESTAMP().
SET VARIABLE perf_started = getvariable('bq_now');
SET VARIABLE perf_id = coalesce($run_id, eros_scheduling_brain.run_id_for('PERFORMANCE', getvariable('perf_started')));
SET VARIABLE perf_new_watermark = CAST(NULL AS TIMESTAMPTZ);
SET VARIABLE perf_old_watermark = CAST(NULL AS TIMESTAMPTZ);
SET VARIABLE perf_counts = {'messages_processed': CAST(0 AS BIGINT), 'stats_rows_touched': CAST(0 AS BIGINT), 'unmatched_messages': CAST(0 AS BIGINT)};
-- BEGIN
BEGIN TRANSACTION;

SET VARIABLE perf_new_watermark = getvariable('bq_now') - INTERVAL 72 HOUR;
SET VARIABLE perf_old_watermark = coalesce(
  (SELECT max(w.processed_through) FROM eros_scheduling_brain.caption_performance_watermark AS w),
  getvariable('perf_new_watermark') - INTERVAL 90 DAY);

CREATE OR REPLACE TEMP TABLE fresh AS
WITH history AS (
  SELECT h.*
  FROM eros_scheduling_brain.mass_message_history(
    CAST([] AS VARCHAR[]),
    CAST(getvariable('perf_new_watermark') AT TIME ZONE 'America/Los_Angeles' AS DATE) - 90,
    CAST(getvariable('perf_new_watermark') AT TIME ZONE 'America/Los_Angeles' AS DATE) + 1) AS h
  WHERE h.is_ppv AND h.emv IS NOT NULL AND h.sending_time <= getvariable('perf_new_watermark')
),
medians AS (
  SELECT page_name, quantile_cont(emv, 0.5) AS median_emv FROM history GROUP BY page_name
),
keys AS (
  SELECT eros_scheduling_brain.caption_key_v2(b.caption_text) AS text_key, min(b.caption_id) AS caption_id
  FROM eros_scheduling_brain.caption_bank AS b
  WHERE b.caption_text IS NOT NULL
  GROUP BY text_key
)
SELECT
  h.page_name,
  coalesce(h.caption_id, k.caption_id) AS caption_id,
  h.sending_time,
  h.earnings,
  h.emv,
  h.emv > md.median_emv AS is_success
FROM history AS h
JOIN medians AS md ON md.page_name = h.page_name
LEFT JOIN keys AS k ON h.caption_id IS NULL AND k.text_key = eros_scheduling_brain.caption_key_v2(h.caption_text)
WHERE h.sending_time > getvariable('perf_old_watermark');

CREATE OR REPLACE TEMP TABLE observations AS
SELECT
  page_name,
  caption_id,
  count(*) FILTER (WHERE is_success) AS successes,
  count(*) FILTER (WHERE NOT is_success) AS failures,
  count(*) AS observations,
  sum(earnings) AS revenue,
  sum(emv) AS emv_sum,
  max(sending_time) AS last_used
FROM fresh
WHERE caption_id IS NOT NULL
GROUP BY page_name, caption_id;

SET VARIABLE perf_counts = (
  SELECT {
    'messages_processed': CAST(coalesce(sum(o.observations), 0) AS BIGINT),
    'stats_rows_touched': count(*),
    'unmatched_messages': (SELECT count(*) FILTER (WHERE f.caption_id IS NULL) FROM fresh AS f)
  }
  FROM observations AS o);

MERGE INTO eros_scheduling_brain.caption_bandit_stats AS t
USING observations AS s
ON t.page_name = s.page_name AND t.caption_id = s.caption_id
  AND CAST(t.last_updated AT TIME ZONE 'UTC' AS DATE)
    BETWEEN CAST(getvariable('bq_now') AT TIME ZONE 'UTC' AS DATE) - 365 AND CAST(getvariable('bq_now') AT TIME ZONE 'UTC' AS DATE)
WHEN MATCHED THEN UPDATE SET
  successes = t.successes + s.successes,
  failures = t.failures + s.failures,
  total_observations = t.total_observations + s.observations,
  total_revenue = coalesce(t.total_revenue, 0) + s.revenue,
  avg_emv = (coalesce(t.avg_emv, 0) * t.total_observations + s.emv_sum) / (t.total_observations + s.observations),
  confidence_lower_bound = eros_scheduling_brain.wilson_score_bounds(t.successes + s.successes, t.failures + s.failures).lower_bound,
  confidence_upper_bound = eros_scheduling_brain.wilson_score_bounds(t.successes + s.successes, t.failures + s.failures).upper_bound,
  last_used = CASE WHEN t.last_used IS NULL OR s.last_used > t.last_used THEN s.last_used ELSE t.last_used END,
  last_updated = getvariable('perf_started')
WHEN NOT MATCHED THEN INSERT
  (page_name, caption_id, successes, failures, total_observations, total_revenue, avg_emv,
   confidence_lower_bound, confidence_upper_bound, last_used, last_updated)
VALUES
  (s.page_name, s.caption_id, s.successes, s.failures, s.observations, s.revenue,
   s.emv_sum / s.observations,
   eros_scheduling_brain.wilson_score_bounds(s.successes, s.failures).lower_bound,
   eros_scheduling_brain.wilson_score_bounds(s.successes, s.failures).upper_bound,
   s.last_used, getvariable('perf_started'));

INSERT INTO eros_scheduling_brain.caption_performance_watermark
  (processed_through, run_at, messages_processed, stats_rows_touched)
VALUES (
  greatest(getvariable('perf_new_watermark'), getvariable('perf_old_watermark')),
  getvariable('perf_started'),
  getvariable('perf_counts').messages_processed,
  getvariable('perf_counts').stats_rows_touched);

COMMIT;

INSERT INTO eros_scheduling_brain.automation_alerts
  (alert_id, run_id, alert_date, raised_at, alert_kind, severity, message, details)
SELECT
  getvariable('perf_id') || ':UNMATCHED_MESSAGES', getvariable('perf_id'),
  CAST(getvariable('perf_started') AT TIME ZONE 'America/Los_Angeles' AS DATE), getvariable('perf_started'),
  'UNMATCHED_MESSAGES', 'WARNING',
  CAST(getvariable('perf_counts').unmatched_messages AS VARCHAR) || ' settled PPV messages matched no caption (no caption_id,'
    || ' and no caption_bank row with the same text): load their caption_id or the captions, or they teach nothing.',
  json_object('unmatched_messages', getvariable('perf_counts').unmatched_messages,
    'messages_processed', getvariable('perf_counts').messages_processed)::VARCHAR
WHERE getvariable('perf_counts').unmatched_messages > 0;

CALL eros_scheduling_brain.log_automation_run(getvariable('perf_id'), NULL, 'PERFORMANCE', getvariable('perf_started'),
  'SUCCEEDED', NULL,
  json_object('messages_processed', getvariable('perf_counts').messages_processed,
    'stats_rows_touched', getvariable('perf_counts').stats_rows_touched,
    'unmatched_messages', getvariable('perf_counts').unmatched_messages,
    'old_watermark', getvariable('perf_old_watermark'), 'new_watermark', getvariable('perf_new_watermark'))::VARCHAR,
  NULL);

SELECT
  CAST(getvariable('perf_id') AS VARCHAR) AS run_id,
  CAST(getvariable('perf_counts').messages_processed AS BIGINT) AS messages_processed,
  CAST(getvariable('perf_counts').stats_rows_touched AS BIGINT) AS stats_rows_touched,
  CAST(getvariable('perf_counts').unmatched_messages AS BIGINT) AS unmatched_messages;
-- EXCEPTION WHEN ERROR THEN
CALL eros_scheduling_brain.fail_run(getvariable('perf_id'), NULL, 'PERFORMANCE', getvariable('perf_started'),
  json_object('old_watermark', getvariable('perf_old_watermark'), 'new_watermark', getvariable('perf_new_watermark'))::VARCHAR, getvariable('bq_failure'));
-- END
