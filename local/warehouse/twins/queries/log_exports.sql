-- DuckDB twin of sql/queries/log_exports.sql (contract documented there). @run.x is
-- struct_extract($run, 'x'); a NULL $run must be bound with its STRUCT type.
SET VARIABLE first_day = (SELECT min(CAST(r.export_timestamp AT TIME ZONE 'UTC' AS DATE)) FROM (SELECT unnest($rows) AS r));
SET VARIABLE last_day = (SELECT max(CAST(r.export_timestamp AT TIME ZONE 'UTC' AS DATE)) FROM (SELECT unnest($rows) AS r));

BEGIN TRANSACTION;

DELETE FROM eros_scheduling_brain.schedule_export_log
WHERE CAST(export_timestamp AT TIME ZONE 'UTC' AS DATE) BETWEEN CAST(struct_extract($run, 'run_date') AS DATE) - 1 AND CAST(struct_extract($run, 'run_date') AS DATE) + 2
  AND CAST(export_timestamp AT TIME ZONE 'UTC' AS DATE) BETWEEN getvariable('first_day') AND getvariable('last_day')
  AND export_id IN (SELECT r.export_id FROM (SELECT unnest($rows) AS r));

INSERT INTO eros_scheduling_brain.schedule_export_log
  (export_id, run_id, schedule_id, page_name, export_timestamp, status, reason, message_count, duration_ms)
SELECT r.export_id, r.run_id, r.schedule_id, r.page_name, r.export_timestamp, r.status, r.reason,
  r.message_count, r.duration_ms
FROM (SELECT unnest($rows) AS r);

DELETE FROM eros_scheduling_brain.automation_run_log
WHERE run_date BETWEEN CAST(struct_extract($run, 'run_date') AS DATE) - 1 AND CAST(struct_extract($run, 'run_date') AS DATE) + 1
  AND run_id = struct_extract($run, 'run_id');

INSERT INTO eros_scheduling_brain.automation_run_log
  (run_id, run_date, run_kind, started_at, finished_at, status, pages_total, pages_generated,
   pages_skipped, pages_failed, details, parent_run_id, error_message)
SELECT
  struct_extract($run, 'run_id'), struct_extract($run, 'run_date'), struct_extract($run, 'run_kind'),
  struct_extract($run, 'started_at'), struct_extract($run, 'finished_at'), struct_extract($run, 'status'),
  struct_extract($run, 'pages_total'), struct_extract($run, 'pages_generated'),
  struct_extract($run, 'pages_skipped'), struct_extract($run, 'pages_failed'), struct_extract($run, 'details'),
  struct_extract($run, 'parent_run_id'), struct_extract($run, 'error_message')
WHERE struct_extract($run, 'run_id') IS NOT NULL;

COMMIT;

SELECT
  (SELECT count(*) FROM (SELECT unnest($rows))) AS export_rows_written,
  CAST(CASE WHEN struct_extract($run, 'run_id') IS NULL THEN 0 ELSE 1 END AS BIGINT) AS runs_written;
