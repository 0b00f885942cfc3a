-- DuckDB twin of sql/procedures/update_caption_performance.sql (algorithm documented there).
-- No parameters. Result: messages_processed, stats_rows_touched.
SET VARIABLE perf_started = getvariable('bq_now');
SET VARIABLE perf_new_watermark = getvariable('perf_started') - INTERVAL 72 HOUR;
SET VARIABLE perf_old_watermark = coalesce(
  (SELECT max(w.processed_through) FROM eros_scheduling_brain.caption_performance_watermark AS w),
  getvariable('perf_new_watermark') - INTERVAL 90 DAY);

BEGIN TRANSACTION;

CREATE OR REPLACE TEMP TABLE observations AS
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
fresh AS (
  SELECT
    h.page_name,
    coalesce(h.caption_id, k.caption_id) AS caption_id,
    h.sending_time,
    h.earnings,
    h.emv,
    h.emv > md.median_emv AS is_success
  FROM history AS h
  JOIN medians AS md ON md.page_name = h.page_name
  LEFT JOIN (
    SELECT caption_key, min(caption_id) AS caption_id
    FROM eros_scheduling_brain.caption_bank
    WHERE caption_key IS NOT NULL
    GROUP BY caption_key
  ) AS k ON h.caption_id IS NULL AND k.caption_key = eros_scheduling_brain.caption_key_v2(h.caption_text)
  WHERE h.sending_time > getvariable('perf_old_watermark')
)
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
  SELECT {'messages_processed': CAST(coalesce(sum(o.observations), 0) AS BIGINT), 'stats_rows_touched': count(*)}
  FROM observations AS o);

MERGE INTO eros_scheduling_brain.caption_bandit_stats AS t
USING observations AS s
ON t.page_name = s.page_name AND t.caption_id = s.caption_id
  AND CAST(t.last_updated AT TIME ZONE 'UTC' AS DATE) >= CAST(getvariable('perf_started') AT TIME ZONE 'UTC' AS DATE) - 365
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

INSERT INTO eros_scheduling_brain.automation_run_log
  (run_id, run_date, run_kind, started_at, finished_at, status, pages_total, pages_generated,
   pages_skipped, pages_failed, details)
VALUES (
  'perf-' || strftime(getvariable('perf_started') AT TIME ZONE 'UTC', '%Y%m%dT%H%M%S'),
  CAST(getvariable('perf_started') AT TIME ZONE 'America/Los_Angeles' AS DATE), 'PERFORMANCE',
  getvariable('perf_started'), getvariable('bq_now'), 'SUCCEEDED', NULL, NULL, NULL, NULL,
  format('{{"messages_processed":{},"stats_rows_touched":{}}}',
    getvariable('perf_counts').messages_processed, getvariable('perf_counts').stats_rows_touched));

COMMIT;

SELECT
  CAST(getvariable('perf_counts').messages_processed AS BIGINT) AS messages_processed,
  CAST(getvariable('perf_counts').stats_rows_touched AS BIGINT) AS stats_rows_touched;
