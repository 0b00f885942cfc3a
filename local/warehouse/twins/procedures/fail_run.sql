-- DuckDB twin of sql/procedures/fail_run.sql: error(x) raises x again (program.ts keeps the text).
CALL eros_scheduling_brain.log_automation_run($id, $parent_id, $kind, $started, 'FAILED', NULL, $facts, $failure);
SELECT error($failure);
