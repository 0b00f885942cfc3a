-- write_schedules: stores the schedules, messages and caption locks one load job staged, in ONE
-- job (script).
-- @param run_id STRING
-- @param generated_at TIMESTAMP
-- @param load_id STRING
-- @param staged_on DATE
--   load_id, staged_on  the rows of eros_scheduling_brain.schedule_staging to write (one row per
--                       schedule with its messages nested; staged_on is the partition filter)
-- A load retried after a lost answer may have staged a schedule twice: one copy per schedule_id
-- is written. The staged rows are deleted in the same transaction.
-- Idempotent on schedule_id: rows of a schedule_id already stored (schedule, messages, locks)
-- are deleted and inserted again, so a re-run replaces and never duplicates.
-- Other ACTIVE schedules of the same page and week_start are deactivated (is_active FALSE) with
-- their messages and locks (deactivation_reason 'REPLACED', deactivated_at = generated_at).
-- One lock per message that has a caption: assignment_id = schedule_id || ':' || slot_index,
-- scheduled_send_date = LA date of the send, lock_window_end = send time + 7 days.
-- All writes happen in one transaction. Nothing staged writes nothing and reports zeros.
-- Partition filters: the weeks from 7 days before staged_on to 35 after (a run writes the next
-- week; a schedule staged for another week stops the job, ASSERT); locks by LA send date, a day
-- more before and 8 after.
-- Result (last statement): schedules_written, messages_written, locks_written, schedules_replaced.
DECLARE replaced_ids ARRAY<STRING> DEFAULT [];

CREATE TEMP TABLE staged_schedules AS
SELECT
  st.schedule_id, st.page_name, st.week_start, st.size_tier, st.risk_level, st.saturation_light,
  st.caption_target, st.message_count, st.messages
FROM eros_scheduling_brain.schedule_staging AS st
WHERE st.staged_on = @staged_on
  AND st.load_id = @load_id
QUALIFY ROW_NUMBER() OVER (PARTITION BY st.schedule_id) = 1;

CREATE TEMP TABLE staged_messages AS
SELECT
  s.schedule_id, s.page_name, s.week_start, m.slot_index, m.scheduled_send_time, m.message_type,
  m.funnel_step, m.caption_id, m.price, m.selection_draw, m.selection_reason
FROM staged_schedules AS s
CROSS JOIN UNNEST(s.messages) AS m;

ASSERT NOT EXISTS (
  SELECT 1 FROM staged_schedules AS x
  WHERE x.week_start NOT BETWEEN DATE_SUB(@staged_on, INTERVAL 7 DAY) AND DATE_ADD(@staged_on, INTERVAL 35 DAY))
AS 'write_schedules: a staged schedule is for a week more than 7 days before or 35 days after staged_on';

BEGIN TRANSACTION;

SET replaced_ids = ARRAY(
  SELECT DISTINCT s.schedule_id
  FROM eros_scheduling_brain.schedules AS s
  JOIN staged_schedules AS n ON n.page_name = s.page_name AND n.week_start = s.week_start
  WHERE s.week_start BETWEEN DATE_SUB(@staged_on, INTERVAL 7 DAY) AND DATE_ADD(@staged_on, INTERVAL 35 DAY)
    AND s.is_active
    AND s.schedule_id NOT IN (SELECT x.schedule_id FROM staged_schedules AS x)
);

UPDATE eros_scheduling_brain.schedules
SET is_active = FALSE
WHERE week_start BETWEEN DATE_SUB(@staged_on, INTERVAL 7 DAY) AND DATE_ADD(@staged_on, INTERVAL 35 DAY)
  AND schedule_id IN UNNEST(replaced_ids);

UPDATE eros_scheduling_brain.schedule_messages
SET is_active = FALSE
WHERE week_start BETWEEN DATE_SUB(@staged_on, INTERVAL 7 DAY) AND DATE_ADD(@staged_on, INTERVAL 35 DAY)
  AND schedule_id IN UNNEST(replaced_ids);

UPDATE eros_scheduling_brain.active_caption_assignments
SET is_active = FALSE, deactivated_at = @generated_at, deactivation_reason = 'REPLACED'
WHERE scheduled_send_date BETWEEN DATE_SUB(@staged_on, INTERVAL 8 DAY) AND DATE_ADD(@staged_on, INTERVAL 43 DAY)
  AND is_active
  AND schedule_id IN UNNEST(replaced_ids);

DELETE FROM eros_scheduling_brain.schedules
WHERE week_start BETWEEN DATE_SUB(@staged_on, INTERVAL 7 DAY) AND DATE_ADD(@staged_on, INTERVAL 35 DAY)
  AND schedule_id IN (SELECT x.schedule_id FROM staged_schedules AS x);

DELETE FROM eros_scheduling_brain.schedule_messages
WHERE week_start BETWEEN DATE_SUB(@staged_on, INTERVAL 7 DAY) AND DATE_ADD(@staged_on, INTERVAL 35 DAY)
  AND schedule_id IN (SELECT x.schedule_id FROM staged_schedules AS x);

DELETE FROM eros_scheduling_brain.active_caption_assignments
WHERE scheduled_send_date BETWEEN DATE_SUB(@staged_on, INTERVAL 8 DAY) AND DATE_ADD(@staged_on, INTERVAL 43 DAY)
  AND schedule_id IN (SELECT x.schedule_id FROM staged_schedules AS x);

INSERT INTO eros_scheduling_brain.schedules
  (schedule_id, run_id, page_name, week_start, generated_at, size_tier, risk_level,
   saturation_light, caption_target, message_count, is_active)
SELECT x.schedule_id, @run_id, x.page_name, x.week_start, @generated_at, x.size_tier, x.risk_level,
  x.saturation_light, x.caption_target, x.message_count, TRUE
FROM staged_schedules AS x;

INSERT INTO eros_scheduling_brain.schedule_messages
  (schedule_id, page_name, week_start, slot_index, scheduled_send_time, message_type, funnel_step,
   caption_id, price, selection_draw, selection_reason, is_active)
SELECT m.schedule_id, m.page_name, m.week_start, m.slot_index, m.scheduled_send_time, m.message_type,
  m.funnel_step, m.caption_id, m.price, m.selection_draw, m.selection_reason, TRUE
FROM staged_messages AS m;

INSERT INTO eros_scheduling_brain.active_caption_assignments
  (assignment_id, schedule_id, page_name, caption_id, scheduled_send_time, scheduled_send_date,
   lock_window_end, locked_at, is_active, deactivated_at, deactivation_reason)
SELECT
  CONCAT(m.schedule_id, ':', CAST(m.slot_index AS STRING)),
  m.schedule_id,
  m.page_name,
  m.caption_id,
  m.scheduled_send_time,
  DATE(m.scheduled_send_time, 'America/Los_Angeles'),
  TIMESTAMP_ADD(m.scheduled_send_time, INTERVAL 7 DAY),
  @generated_at,
  TRUE,
  CAST(NULL AS TIMESTAMP),
  CAST(NULL AS STRING)
FROM staged_messages AS m
WHERE m.caption_id IS NOT NULL;

DELETE FROM eros_scheduling_brain.schedule_staging
WHERE staged_on = @staged_on
  AND load_id = @load_id;

COMMIT TRANSACTION;

SELECT
  (SELECT COUNT(*) FROM staged_schedules) AS schedules_written,
  (SELECT COUNT(*) FROM staged_messages) AS messages_written,
  (SELECT COUNT(*) FROM staged_messages AS m WHERE m.caption_id IS NOT NULL) AS locks_written,
  ARRAY_LENGTH(replaced_ids) AS schedules_replaced;
