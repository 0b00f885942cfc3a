-- run_id_for(run_kind, started_at): the one run_id format of automation_run_log, for every kind
-- and every writer (the script builds the same text): the kind in lower case, '-', the start in
-- UTC to the millisecond, 'Z' -- e.g. 'sweep-20261128T105000123Z'. It sorts by time within a kind.
-- NULL kind or time gives NULL.
CREATE OR REPLACE FUNCTION eros_scheduling_brain.run_id_for(run_kind STRING, started_at TIMESTAMP)
RETURNS STRING
AS (
  CONCAT(LOWER(run_kind), '-', REPLACE(FORMAT_TIMESTAMP('%Y%m%dT%H%M%E3SZ', started_at, 'UTC'), '.', ''))
);
