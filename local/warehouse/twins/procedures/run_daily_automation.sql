-- DuckDB twin of sql/procedures/run_daily_automation.sql (steps documented there).
-- Parameters: $run_date, $run_id, $parent_run_id. Marked blocks and CALL run as in BigQuery (see
-- twins/procedures/sweep_expired_caption_locks.sql).
SET VARIABLE daily_started = getvariable('bq_now');
SET VARIABLE daily_id = coalesce($run_id, eros_scheduling_brain.run_id_for('DAILY_QUEUE', getvariable('daily_started')));
SET VARIABLE daily_target_date = coalesce(CAST($run_date AS DATE), CAST(getvariable('bq_now') AT TIME ZONE 'America/Los_Angeles' AS DATE));
SET VARIABLE daily_target_week = CAST(date_trunc('week', getvariable('daily_target_date')) AS DATE) + 7;
SET VARIABLE daily_queued = CAST(0 AS BIGINT);
SET VARIABLE daily_sweep_failure = CAST(NULL AS VARCHAR);
-- The run row's details, on success and on failure.
CREATE OR REPLACE TEMP MACRO daily_facts() AS json_object('run_date', getvariable('daily_target_date'),
  'target_week_start', getvariable('daily_target_week'), 'queued_pages', getvariable('daily_queued'),
  'sweep_failure', getvariable('daily_sweep_failure'))::VARCHAR;
-- BEGIN
-- BEGIN
CALL eros_scheduling_brain.sweep_expired_caption_locks(NULL, getvariable('daily_id'));
-- EXCEPTION WHEN ERROR THEN
SET VARIABLE daily_sweep_failure = getvariable('bq_failure');
-- END
BEGIN TRANSACTION;

DELETE FROM eros_scheduling_brain.daily_page_queue
WHERE run_date = getvariable('daily_target_date');

INSERT INTO eros_scheduling_brain.daily_page_queue
  (run_date, page_name, target_week_start, queued_at, size_tier, avg_audience, saturation_score,
   risk_level, recommended_action, volume_adjustment_factor, status)
SELECT
  getvariable('daily_target_date'), c.page_name, getvariable('daily_target_week'), getvariable('daily_started'),
  c.size_tier, c.avg_audience, s.saturation_score, s.risk_level, s.recommended_action,
  s.volume_adjustment_factor, 'PENDING'
FROM eros_scheduling_brain.classify_account_size(CAST([] AS VARCHAR[]), getvariable('daily_target_date')) AS c
JOIN eros_scheduling_brain.analyze_saturation_status(CAST([] AS VARCHAR[]), getvariable('daily_target_date')) AS s
  ON s.page_name = c.page_name;

SET VARIABLE daily_queued = (
  SELECT count(*) FROM eros_scheduling_brain.daily_page_queue AS q WHERE q.run_date = getvariable('daily_target_date'));

COMMIT;

CALL eros_scheduling_brain.log_automation_run(getvariable('daily_id'), $parent_run_id, 'DAILY_QUEUE', getvariable('daily_started'),
  'SUCCEEDED', getvariable('daily_queued'), daily_facts(), NULL);
SELECT getvariable('daily_id') AS run_id, getvariable('daily_queued') AS queued_pages, getvariable('daily_target_week') AS target_week_start;
-- EXCEPTION WHEN ERROR THEN
CALL eros_scheduling_brain.fail_run(getvariable('daily_id'), $parent_run_id, 'DAILY_QUEUE', getvariable('daily_started'), daily_facts(), getvariable('bq_failure'));
-- END
