-- log_exports: records the export outcome of every page of a run and the run itself, in ONE job.
-- @param rows ARRAY<STRUCT<export_id STRING, run_id STRING, schedule_id STRING, page_name STRING, export_timestamp TIMESTAMP, status STRING, reason STRING, message_count INT64, duration_ms INT64>>
-- @param run STRUCT<run_id STRING, run_date DATE, run_kind STRING, started_at TIMESTAMP, finished_at TIMESTAMP, status STRING, pages_total INT64, pages_generated INT64, pages_skipped INT64, pages_failed INT64, details STRING, parent_run_id STRING, error_message STRING>
-- Idempotent: rows with the same export_id, and the run row with the same run_id (from a day before
-- to a day after @run.run_date, wherever a procedure that owns the row dated it), are deleted and
-- inserted again (in one transaction), so logging a run twice leaves one copy, the last.
-- A NULL @run (or one with a NULL run_id) logs only the export rows, appended (idempotence needs
-- the run: its date bounds the partitions read).
-- Partition filters: DATE(export_timestamp) from the day before @run.run_date to two days after
-- (a run's pages settle within the day it may be resumed in; UTC dates run ahead of LA's), and
-- within the rows' own dates; run_date within a day of @run.run_date.
-- Result: export_rows_written, runs_written.
DECLARE first_day DATE DEFAULT (SELECT MIN(DATE(r.export_timestamp)) FROM UNNEST(@rows) AS r);
DECLARE last_day DATE DEFAULT (SELECT MAX(DATE(r.export_timestamp)) FROM UNNEST(@rows) AS r);

BEGIN TRANSACTION;

DELETE FROM eros_scheduling_brain.schedule_export_log
WHERE DATE(export_timestamp) BETWEEN DATE_SUB(@run.run_date, INTERVAL 1 DAY) AND DATE_ADD(@run.run_date, INTERVAL 2 DAY)
  AND DATE(export_timestamp) BETWEEN first_day AND last_day
  AND export_id IN (SELECT r.export_id FROM UNNEST(@rows) AS r);

INSERT INTO eros_scheduling_brain.schedule_export_log
  (export_id, run_id, schedule_id, page_name, export_timestamp, status, reason, message_count, duration_ms)
SELECT r.export_id, r.run_id, r.schedule_id, r.page_name, r.export_timestamp, r.status, r.reason,
  r.message_count, r.duration_ms
FROM UNNEST(@rows) AS r;

DELETE FROM eros_scheduling_brain.automation_run_log
WHERE run_date BETWEEN DATE_SUB(@run.run_date, INTERVAL 1 DAY) AND DATE_ADD(@run.run_date, INTERVAL 1 DAY)
  AND run_id = @run.run_id;

INSERT INTO eros_scheduling_brain.automation_run_log
  (run_id, run_date, run_kind, started_at, finished_at, status, pages_total, pages_generated,
   pages_skipped, pages_failed, details, parent_run_id, error_message)
SELECT @run.run_id, @run.run_date, @run.run_kind, @run.started_at, @run.finished_at, @run.status,
  @run.pages_total, @run.pages_generated, @run.pages_skipped, @run.pages_failed, @run.details,
  @run.parent_run_id, @run.error_message
FROM UNNEST([1])
WHERE @run.run_id IS NOT NULL;

COMMIT TRANSACTION;

SELECT
  (SELECT COUNT(*) FROM UNNEST(@rows)) AS export_rows_written,
  IF(@run.run_id IS NULL, 0, 1) AS runs_written;
