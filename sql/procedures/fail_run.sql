-- fail_run(id, parent_id, kind, started, facts, failure): the end of a procedure's exception
-- handler: the run's automation_run_log row becomes FAILED with BigQuery's error text
-- (log_automation_run), then the error is raised again, so the job still fails with that text.
-- Call it after the handler has rolled back any open transaction (a row written inside it would
-- be rolled back with it).
CREATE OR REPLACE PROCEDURE eros_scheduling_brain.fail_run(
  id STRING, parent_id STRING, kind STRING, started TIMESTAMP, facts STRING, failure STRING)
BEGIN
  CALL eros_scheduling_brain.log_automation_run(id, parent_id, kind, started, 'FAILED', NULL, facts, failure);
  RAISE USING MESSAGE = failure;
END;
