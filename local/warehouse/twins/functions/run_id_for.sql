-- DuckDB twin of sql/functions/run_id_for.sql: %g is the milliseconds (sessions run in UTC).
CREATE OR REPLACE MACRO eros_scheduling_brain.run_id_for(run_kind, started_at) AS
  lower(run_kind) || '-' || strftime(CAST(started_at AS TIMESTAMPTZ), '%Y%m%dT%H%M%S%gZ');
