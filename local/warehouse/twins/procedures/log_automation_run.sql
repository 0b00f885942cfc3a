-- DuckDB twin of sql/procedures/log_automation_run.sql (rules documented there). bq_now is the
-- statement's CURRENT_TIMESTAMP() (the stand-in sets it per statement outside transactions).
MERGE INTO eros_scheduling_brain.automation_run_log AS t
USING (
  SELECT
    $id AS run_id, CAST(CAST($started AS TIMESTAMPTZ) AT TIME ZONE 'America/Los_Angeles' AS DATE) AS run_date,
    $kind AS run_kind, $started AS started_at, getvariable('bq_now') AS finished_at, $outcome AS status,
    $pages AS pages_total, $facts AS details, $parent_id AS parent_run_id, $failure AS error_message
) AS s
ON t.run_date BETWEEN CAST(getvariable('bq_now') AT TIME ZONE 'America/Los_Angeles' AS DATE) - 2
    AND CAST(getvariable('bq_now') AT TIME ZONE 'America/Los_Angeles' AS DATE) + 1
  AND t.run_id = s.run_id
WHEN MATCHED THEN UPDATE SET
  run_date = s.run_date, run_kind = s.run_kind, started_at = s.started_at,
  finished_at = s.finished_at, status = s.status, pages_total = s.pages_total,
  details = s.details, parent_run_id = s.parent_run_id, error_message = s.error_message
WHEN NOT MATCHED THEN INSERT
  (run_id, run_date, run_kind, started_at, finished_at, status, pages_total, details,
   parent_run_id, error_message)
VALUES
  (s.run_id, s.run_date, s.run_kind, s.started_at, s.finished_at, s.status, s.pages_total,
   s.details, s.parent_run_id, s.error_message);
