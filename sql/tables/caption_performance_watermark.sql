-- High-water mark of update_caption_performance: every run appends one row; the next run only
-- counts messages sent after MAX(processed_through), so re-running never double counts.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.caption_performance_watermark (
  processed_through TIMESTAMP NOT NULL, -- messages with sending_time <= this are counted
  run_at TIMESTAMP NOT NULL,
  messages_processed INT64 NOT NULL,
  stats_rows_touched INT64 NOT NULL
);
