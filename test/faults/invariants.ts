// What must hold in the warehouse after any run, checked in SQL on the final tables:
// no orphan or missing lock, no duplicate row, one active schedule per page and week, and no
// caption assigned to two pages in overlapping lock windows.
import type { BigQueryStandIn } from '../../local/runtime/bigquery/index';
import { SCHEMA } from './harness';

const S = SCHEMA;

/** Each query returns the offending rows; all must be empty. */
export const INVARIANTS: Record<string, string> = {
  // Double assignment: a lock holds its caption from its send time for 7 days (lock_window_end); two pages'
  // active locks on one caption must not overlap.
  'caption assigned to two pages in overlapping windows (locks)': `
    SELECT a.caption_id, a.page_name AS page_a, b.page_name AS page_b, a.scheduled_send_time AS a_send, b.scheduled_send_time AS b_send
    FROM ${S}.active_caption_assignments a
    JOIN ${S}.active_caption_assignments b
      ON a.caption_id = b.caption_id AND a.page_name < b.page_name
    WHERE a.is_active AND b.is_active
      AND a.scheduled_send_time < b.lock_window_end AND b.scheduled_send_time < a.lock_window_end`,
  // The same on the schedules themselves, so a missing lock cannot hide a double assignment.
  'caption assigned to two pages in overlapping windows (active schedules)': `
    SELECT a.caption_id, a.page_name AS page_a, b.page_name AS page_b
    FROM ${S}.schedule_messages a
    JOIN ${S}.schedules sa ON sa.schedule_id = a.schedule_id AND sa.is_active
    JOIN ${S}.schedule_messages b ON a.caption_id = b.caption_id AND a.page_name < b.page_name
    JOIN ${S}.schedules sb ON sb.schedule_id = b.schedule_id AND sb.is_active
    WHERE a.is_active AND b.is_active AND a.caption_id IS NOT NULL
      AND abs(epoch(a.scheduled_send_time) - epoch(b.scheduled_send_time)) < 7 * 86400`,
  'orphan lock (no active schedule message with that caption)': `
    SELECT l.assignment_id, l.schedule_id, l.caption_id
    FROM ${S}.active_caption_assignments l
    WHERE l.is_active AND NOT EXISTS (
      SELECT 1 FROM ${S}.schedule_messages m JOIN ${S}.schedules s ON s.schedule_id = m.schedule_id AND s.is_active
      WHERE m.schedule_id = l.schedule_id AND m.is_active AND m.caption_id = l.caption_id
        AND m.scheduled_send_time = l.scheduled_send_time)`,
  'active message with a caption but no active lock': `
    SELECT m.schedule_id, m.slot_index, m.caption_id
    FROM ${S}.schedule_messages m JOIN ${S}.schedules s ON s.schedule_id = m.schedule_id AND s.is_active
    WHERE m.is_active AND m.caption_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM ${S}.active_caption_assignments l
        WHERE l.schedule_id = m.schedule_id AND l.is_active AND l.caption_id = m.caption_id AND l.scheduled_send_time = m.scheduled_send_time)`,
  'more than one active schedule for a page and week': `
    SELECT page_name, week_start, count(*) AS n FROM ${S}.schedules WHERE is_active GROUP BY ALL HAVING count(*) > 1`,
  'duplicate schedule row': `SELECT schedule_id, count(*) AS n FROM ${S}.schedules GROUP BY ALL HAVING count(*) > 1`,
  'duplicate message row': `SELECT schedule_id, slot_index, count(*) AS n FROM ${S}.schedule_messages GROUP BY ALL HAVING count(*) > 1`,
  'duplicate lock row': `SELECT assignment_id, count(*) AS n FROM ${S}.active_caption_assignments GROUP BY ALL HAVING count(*) > 1`,
  'active messages of an inactive schedule': `
    SELECT m.schedule_id, count(*) AS n FROM ${S}.schedule_messages m JOIN ${S}.schedules s USING (schedule_id)
    WHERE m.is_active AND NOT s.is_active GROUP BY ALL`,
  'message count differs from the schedule row': `
    SELECT s.schedule_id, s.message_count, count(m.slot_index) AS n
    FROM ${S}.schedules s LEFT JOIN ${S}.schedule_messages m USING (schedule_id)
    GROUP BY ALL HAVING s.message_count <> count(m.slot_index)`,
  'duplicate export log row': `SELECT export_id, count(*) AS n FROM ${S}.schedule_export_log GROUP BY ALL HAVING count(*) > 1`,
  'duplicate run log row': `SELECT run_id, count(*) AS n FROM ${S}.automation_run_log GROUP BY ALL HAVING count(*) > 1`,
};

/** Broken invariants as "name: first rows" lines (empty when all hold). One query for all. */
export function brokenInvariants(bq: BigQueryStandIn, options: { exclude?: RegExp } = {}): string[] {
  const checks = Object.entries(INVARIANTS).filter(([name]) => !options.exclude?.test(name));
  const union = checks.map(([, sql], i) => `SELECT ${i} AS check_no, to_json(q) AS row FROM (${sql}) AS q`).join('\nUNION ALL\n');
  const rows = bq.sql(union);
  return checks.flatMap(([name], i) => {
    const hits = rows.filter((r) => Number(r.check_no) === i).map((r) => r.row);
    return hits.length > 0 ? [`${name}: ${hits.length} row(s), e.g. ${JSON.stringify(hits.slice(0, 3))}`] : [];
  });
}
