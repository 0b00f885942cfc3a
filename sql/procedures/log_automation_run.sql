-- log_automation_run(id, parent_id, kind, started, outcome, pages, facts, failure): writes one
-- automation_run_log row, or replaces the row of the same run_id, so a run whose CALL failed (and
-- was logged FAILED) and was sent again leaves one row: its last outcome. Every procedure that
-- owns its row logs through here, on success and in its exception handler.
--   id, parent_id  run_id and parent_run_id; kind: run_kind; started: started_at (run_date is its
--                  Los Angeles date); outcome: status; pages: pages_total; facts: details (JSON);
--                  failure: error_message.
--   finished_at is CURRENT_TIMESTAMP() of this statement: call it after the run's COMMIT (inside a
--   transaction CURRENT_TIMESTAMP() is the transaction's start, not the end).
-- One MERGE outside any transaction: a concurrent writer of the log makes BigQuery queue it, never
-- cancel it. Partition filter: run_date from 2 days before today (LA) to tomorrow.
CREATE OR REPLACE PROCEDURE eros_scheduling_brain.log_automation_run(
  id STRING, parent_id STRING, kind STRING, started TIMESTAMP, outcome STRING, pages INT64,
  facts STRING, failure STRING)
BEGIN
  MERGE eros_scheduling_brain.automation_run_log AS t
  USING (
    SELECT
      id AS run_id, DATE(started, 'America/Los_Angeles') AS run_date, kind AS run_kind,
      started AS started_at, CURRENT_TIMESTAMP() AS finished_at, outcome AS status,
      pages AS pages_total, facts AS details, parent_id AS parent_run_id, failure AS error_message
  ) AS s
  ON t.run_date BETWEEN DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 2 DAY)
      AND DATE_ADD(CURRENT_DATE('America/Los_Angeles'), INTERVAL 1 DAY)
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
END;
