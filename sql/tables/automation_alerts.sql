-- Alerts the maintenance procedures raise, for the Health tab (health_alerts): one row per alert.
--   UNUSUAL_SWEEP_VOLUME  sweep_expired_caption_locks released more locks than usual (thresholds
--                         in its header): sweeps stopped for a while, or locks were written wrong
--   UNMATCHED_MESSAGES    update_caption_performance met PPVs it could not match to a caption (no
--                         caption_id, text not in caption_bank): they teach the bandit nothing
-- alert_id = run_id || ':' || alert_kind, so a run raises each kind at most once.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.automation_alerts (
  alert_id STRING NOT NULL,
  run_id STRING NOT NULL,             -- the automation_run_log row of the run that raised it
  alert_date DATE NOT NULL,           -- Los Angeles date it was raised
  raised_at TIMESTAMP NOT NULL,
  alert_kind STRING NOT NULL,         -- UNUSUAL_SWEEP_VOLUME, UNMATCHED_MESSAGES
  severity STRING NOT NULL,           -- WARNING
  message STRING NOT NULL,            -- what a person reads on the Health tab
  details STRING                      -- JSON: the measures behind it
)
PARTITION BY alert_date;
