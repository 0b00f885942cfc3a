-- DuckDB twin of sql/tables/active_caption_assignments.sql.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.active_caption_assignments (
  assignment_id VARCHAR NOT NULL,
  schedule_id VARCHAR NOT NULL,
  page_name VARCHAR NOT NULL,
  caption_id BIGINT NOT NULL,
  scheduled_send_time TIMESTAMPTZ NOT NULL,
  scheduled_send_date DATE NOT NULL,
  lock_window_end TIMESTAMPTZ NOT NULL,
  locked_at TIMESTAMPTZ NOT NULL,
  is_active BOOLEAN NOT NULL,
  deactivated_at TIMESTAMPTZ,
  deactivation_reason VARCHAR
);
