-- DuckDB twin of sql/queries/write_schedules.sql (contract documented there). Script variables
-- are DuckDB session variables (SET VARIABLE / getvariable); the script's temp tables are
-- replaced on every run and dropped at the end (one connection serves every job).
CREATE OR REPLACE TEMP TABLE staged_schedules AS
SELECT
  st.schedule_id, st.page_name, st.week_start, st.size_tier, st.risk_level, st.saturation_light,
  st.caption_target, st.message_count, st.messages
FROM eros_scheduling_brain.schedule_staging AS st
WHERE st.staged_on = $staged_on
  AND st.load_id = $load_id
QUALIFY row_number() OVER (PARTITION BY st.schedule_id) = 1;

CREATE OR REPLACE TEMP TABLE staged_messages AS
SELECT
  s.schedule_id, s.page_name, s.week_start, m.slot_index, m.scheduled_send_time, m.message_type,
  m.funnel_step, m.caption_id, m.price, m.selection_draw, m.selection_reason
FROM staged_schedules AS s, unnest(s.messages) AS u(m);

SELECT CASE WHEN EXISTS (
  SELECT 1 FROM staged_schedules AS x
  WHERE x.week_start NOT BETWEEN CAST($staged_on AS DATE) - 7 AND CAST($staged_on AS DATE) + 35)
THEN error('write_schedules: a staged schedule is for a week more than 7 days before or 35 days after staged_on') END AS assert_weeks;

BEGIN TRANSACTION;

SET VARIABLE replaced_ids = (
  SELECT coalesce(list(DISTINCT s.schedule_id ORDER BY s.schedule_id), CAST([] AS VARCHAR[]))
  FROM eros_scheduling_brain.schedules AS s
  JOIN staged_schedules AS n ON n.page_name = s.page_name AND n.week_start = s.week_start
  WHERE s.week_start BETWEEN CAST($staged_on AS DATE) - 7 AND CAST($staged_on AS DATE) + 35
    AND s.is_active
    AND s.schedule_id NOT IN (SELECT x.schedule_id FROM staged_schedules AS x)
);

UPDATE eros_scheduling_brain.schedules
SET is_active = false
WHERE week_start BETWEEN CAST($staged_on AS DATE) - 7 AND CAST($staged_on AS DATE) + 35
  AND list_contains(getvariable('replaced_ids'), schedule_id);

UPDATE eros_scheduling_brain.schedule_messages
SET is_active = false
WHERE week_start BETWEEN CAST($staged_on AS DATE) - 7 AND CAST($staged_on AS DATE) + 35
  AND list_contains(getvariable('replaced_ids'), schedule_id);

UPDATE eros_scheduling_brain.active_caption_assignments
SET is_active = false, deactivated_at = $generated_at, deactivation_reason = 'REPLACED'
WHERE scheduled_send_date BETWEEN CAST($staged_on AS DATE) - 8 AND CAST($staged_on AS DATE) + 43
  AND is_active
  AND list_contains(getvariable('replaced_ids'), schedule_id);

DELETE FROM eros_scheduling_brain.schedules
WHERE week_start BETWEEN CAST($staged_on AS DATE) - 7 AND CAST($staged_on AS DATE) + 35
  AND schedule_id IN (SELECT x.schedule_id FROM staged_schedules AS x);

DELETE FROM eros_scheduling_brain.schedule_messages
WHERE week_start BETWEEN CAST($staged_on AS DATE) - 7 AND CAST($staged_on AS DATE) + 35
  AND schedule_id IN (SELECT x.schedule_id FROM staged_schedules AS x);

DELETE FROM eros_scheduling_brain.active_caption_assignments
WHERE scheduled_send_date BETWEEN CAST($staged_on AS DATE) - 8 AND CAST($staged_on AS DATE) + 43
  AND schedule_id IN (SELECT x.schedule_id FROM staged_schedules AS x);

INSERT INTO eros_scheduling_brain.schedules
  (schedule_id, run_id, page_name, week_start, generated_at, size_tier, risk_level,
   saturation_light, caption_target, message_count, is_active)
SELECT x.schedule_id, $run_id, x.page_name, x.week_start, $generated_at, x.size_tier, x.risk_level,
  x.saturation_light, x.caption_target, x.message_count, true
FROM staged_schedules AS x;

INSERT INTO eros_scheduling_brain.schedule_messages
  (schedule_id, page_name, week_start, slot_index, scheduled_send_time, message_type, funnel_step,
   caption_id, price, selection_draw, selection_reason, is_active)
SELECT m.schedule_id, m.page_name, m.week_start, m.slot_index, m.scheduled_send_time, m.message_type,
  m.funnel_step, m.caption_id, m.price, m.selection_draw, m.selection_reason, true
FROM staged_messages AS m;

INSERT INTO eros_scheduling_brain.active_caption_assignments
  (assignment_id, schedule_id, page_name, caption_id, scheduled_send_time, scheduled_send_date,
   lock_window_end, locked_at, is_active, deactivated_at, deactivation_reason)
SELECT
  m.schedule_id || ':' || CAST(m.slot_index AS VARCHAR),
  m.schedule_id,
  m.page_name,
  m.caption_id,
  m.scheduled_send_time,
  CAST(m.scheduled_send_time AT TIME ZONE 'America/Los_Angeles' AS DATE),
  m.scheduled_send_time + INTERVAL 7 DAY,
  $generated_at,
  true,
  NULL,
  NULL
FROM staged_messages AS m
WHERE m.caption_id IS NOT NULL;

DELETE FROM eros_scheduling_brain.schedule_staging
WHERE staged_on = $staged_on
  AND load_id = $load_id;

COMMIT;

CREATE OR REPLACE TEMP TABLE write_result AS
SELECT
  (SELECT count(*) FROM staged_schedules) AS schedules_written,
  (SELECT count(*) FROM staged_messages) AS messages_written,
  (SELECT count(*) FROM staged_messages AS m WHERE m.caption_id IS NOT NULL) AS locks_written,
  CAST(len(getvariable('replaced_ids')) AS BIGINT) AS schedules_replaced;

DROP TABLE staged_messages;
DROP TABLE staged_schedules;

SELECT schedules_written, messages_written, locks_written, schedules_replaced FROM write_result;
