-- Caption locks: a caption scheduled for a page is locked for its send window so no other
-- page uses it at an overlapping time. Deactivated, never deleted (audit trail).
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.active_caption_assignments (
  assignment_id STRING NOT NULL,      -- schedule_id || ':' || slot_index
  schedule_id STRING NOT NULL,
  page_name STRING NOT NULL,
  caption_id INT64 NOT NULL,
  scheduled_send_time TIMESTAMP NOT NULL,
  scheduled_send_date DATE NOT NULL,  -- Los Angeles date of the send
  lock_window_end TIMESTAMP NOT NULL, -- the lock covers [scheduled_send_time - 7 days, lock_window_end)
  locked_at TIMESTAMP NOT NULL,
  is_active BOOL NOT NULL,
  deactivated_at TIMESTAMP,
  deactivation_reason STRING          -- EXPIRED, PAST_SEND_DATE, REPLACED, UNDONE
)
PARTITION BY scheduled_send_date
CLUSTER BY caption_id, page_name;
