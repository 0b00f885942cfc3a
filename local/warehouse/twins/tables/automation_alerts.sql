-- DuckDB twin of sql/tables/automation_alerts.sql.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.automation_alerts (
  alert_id VARCHAR NOT NULL,
  run_id VARCHAR NOT NULL,
  alert_date DATE NOT NULL,
  raised_at TIMESTAMPTZ NOT NULL,
  alert_kind VARCHAR NOT NULL,
  severity VARCHAR NOT NULL,
  message VARCHAR NOT NULL,
  details VARCHAR
);
