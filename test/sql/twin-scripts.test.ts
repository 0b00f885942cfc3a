/**
 * The scripts and procedures that change tables. The reference evaluator cannot store DML or run
 * MERGE, so their GoogleSQL statements are checked by analysis.test.ts (each one analyzed) and
 * their effect is checked here on the DuckDB twins' resulting table state; the read side of the
 * export (schedule_export over the view) is compared with the reference evaluator.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { loadSqlFiles, type SqlFile } from '../../tools/sql/files';
import { parseType } from '../../tools/sql/types';
import { insertRows, normalizeDuckRow, openTwinWarehouse, runScript as runRaw, tableRows, twinText, type Params, type Row } from './helpers/duck';
import * as fx from './helpers/fixtures';
import { Reference, sameRows } from './helpers/reference';

const P = (type: string, value: Params[string]['value']): Params[string] => ({ type: parseType(type), value });
const file = (kind: string, name: string): SqlFile => loadSqlFiles(undefined, [kind as never]).find((f) => f.name === name)!;
const paramType = (query: string, name: string): string => {
  const m = new RegExp(`^--\\s*@param\\s+${name}\\s+(.+)$`, 'm').exec(file('queries', query).text);
  if (!m) throw new Error(`${query} declares no @${name}`);
  return m[1] as string;
};

/** Script results with BIGINT counts as numbers. */
async function runScript(conn: DuckDBConnection, sql: string, params: Params): Promise<Record<string, unknown>[]> {
  return (await runRaw(conn, sql, params)).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

let ref: Reference;
let duck: DuckDBConnection;
const DAY = 86_400_000;

// Upcoming LA weeks so the export's 400-day window and the sweep's "now" both apply.
const monday = (offsetWeeks: number): string => {
  const d = new Date();
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 7 * offsetWeeks)).toISOString().slice(0, 10);
};
const at = (date: string, hourUtc: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + hourUtc * 3_600_000).toISOString();

function schedule(id: string, page: string, week: string): Row {
  return { schedule_id: id, page_name: page, week_start: week, size_tier: 'MEDIUM', risk_level: 'LOW', saturation_light: 'GREEN', caption_target: 30, message_count: 3 };
}
function messages(id: string, page: string, week: string, captions: (number | null)[]): Row[] {
  return captions.map((c, i) => ({
    schedule_id: id, page_name: page, week_start: week, slot_index: i + 1,
    scheduled_send_time: at(week, 18 + i * 27), message_type: c === null ? 'BUMP' : 'PPV', funnel_step: 'main',
    caption_id: c, price: c === null ? null : 12.5, selection_draw: 0.5, selection_reason: 'thompson',
  }));
}

function undoParams(page: string, schedule: string, runId: string): Params {
  return { undo_page: P('STRING', page), undo_schedule: P('STRING', schedule), undone_at: P('TIMESTAMP', new Date().toISOString()), run_id: P('STRING', runId) };
}

let loads = 0;
/** Stages the schedules as the run's load job does (one row per schedule, messages nested), then writes them. */
async function write(run: string, schedules: Row[], msgs: Row[], copies = 1): Promise<Row> {
  const loadId = `${run}_e${++loads}`;
  const stagedOn = new Date().toISOString().slice(0, 10);
  const staged = schedules.map((sc) => ({
    load_id: loadId, staged_on: stagedOn, run_id: run, ...sc,
    messages: msgs.filter((m) => m.schedule_id === sc.schedule_id).map(({ schedule_id: _s, page_name: _p, week_start: _w, ...m }) => m),
  }));
  for (let i = 0; i < copies; i++) await insertRows(duck, 'schedule_staging', cols('schedule_staging'), staged);
  const rows = await runScript(duck, twinText('queries', 'write_schedules'), {
    run_id: P('STRING', run), generated_at: P('TIMESTAMP', new Date().toISOString()),
    load_id: P(paramType('write_schedules', 'load_id'), loadId), staged_on: P(paramType('write_schedules', 'staged_on'), stagedOn),
  });
  return rows[0] as Row;
}

const cols = (t: string) => ref.columns(t);

beforeAll(async () => {
  ref = await Reference.start();
  duck = await openTwinWarehouse();
  await insertRows(duck, 'creators', cols('creators'), fx.creators);
  await insertRows(duck, 'caption_bank', cols('caption_bank'), fx.captionBank);
}, 120_000);
afterAll(() => { ref?.stop(); duck?.closeSync(); });

describe('write_schedules (table state in DuckDB)', () => {
  const w1 = monday(1);
  test('writes schedules, messages and one lock per captioned message', async () => {
    const res = await write('run1', [schedule('s1', 'alpha', w1), schedule('s2', 'delta', w1)],
      [...messages('s1', 'alpha', w1, [1, null, 4]), ...messages('s2', 'delta', w1, [11])]);
    expect(res).toEqual({ schedules_written: 2, messages_written: 4, locks_written: 3, schedules_replaced: 0 });
    const locks = await tableRows(duck, 'active_caption_assignments', cols('active_caption_assignments'), "schedule_id = 's1'");
    expect(locks.map((l) => l.assignment_id).sort()).toEqual(['s1:1', 's1:3']);
    const l1 = locks.find((l) => l.assignment_id === 's1:1')!;
    expect(Date.parse(l1.lock_window_end as string) - Date.parse(l1.scheduled_send_time as string)).toBe(7 * DAY);
  });

  test('re-running the same schedule_id replaces, never duplicates', async () => {
    await write('run1b', [schedule('s1', 'alpha', w1)], messages('s1', 'alpha', w1, [1, null, 4]));
    expect(await tableRows(duck, 'schedules', cols('schedules'), "schedule_id = 's1'")).toHaveLength(1);
    expect(await tableRows(duck, 'schedule_messages', cols('schedule_messages'), "schedule_id = 's1'")).toHaveLength(3);
    expect(await tableRows(duck, 'active_caption_assignments', cols('active_caption_assignments'), "schedule_id = 's1'")).toHaveLength(2);
  });

  test('a new schedule for the same page and week deactivates the old one with its messages and locks', async () => {
    const res = await write('run2', [schedule('s3', 'alpha', w1)], messages('s3', 'alpha', w1, [6, 12]));
    expect(res.schedules_replaced).toBe(1);
    const old = await tableRows(duck, 'schedules', cols('schedules'), "schedule_id = 's1'");
    expect(old[0]!.is_active).toBe(false);
    const oldLocks = await tableRows(duck, 'active_caption_assignments', cols('active_caption_assignments'), "schedule_id = 's1'");
    expect(oldLocks.every((l) => l.is_active === false && l.deactivation_reason === 'REPLACED')).toBe(true);
    expect((await tableRows(duck, 'schedules', cols('schedules'), "schedule_id = 's2'"))[0]!.is_active).toBe(true);
  });

  test('nothing staged writes nothing and reports zeros', async () => {
    expect(await write('run3', [], [])).toEqual({ schedules_written: 0, messages_written: 0, locks_written: 0, schedules_replaced: 0 });
  });

  test('a load staged twice (a retried load job) is written once, and the staged rows are removed', async () => {
    const w2 = monday(2);
    const res = await write('run4', [schedule('s9', 'delta', w2)], messages('s9', 'delta', w2, [21, 22]), 2);
    expect(res).toEqual({ schedules_written: 1, messages_written: 2, locks_written: 2, schedules_replaced: 0 });
    expect(await tableRows(duck, 'schedule_messages', cols('schedule_messages'), "schedule_id = 's9'")).toHaveLength(2);
    expect(await tableRows(duck, 'schedule_staging', cols('schedule_staging'))).toHaveLength(0);
  });

  test('schedule_export over the view: reference evaluator and twin agree (LA date, time, weekday)', async () => {
    const tables: Record<string, Row[]> = { creators: fx.creators, caption_bank: fx.captionBank };
    for (const t of ['schedules', 'schedule_messages', 'caption_bandit_stats']) tables[t] = await tableRows(duck, t, cols(t));
    const params = { schedule_ids: P('ARRAY<STRING>', ['s1', 's2', 's3', 'nope']) };
    const expected = await ref.query(file('queries', 'schedule_export').text, params, tables);
    const actual = (await runScript(duck, twinText('queries', 'schedule_export'), params)).map((r) => normalizeDuckRow(r, expected.columns));
    expect(sameRows(expected.rows, actual, true)).toEqual({ equal: true });
    expect(expected.rows.map((r) => r.schedule_id)).not.toContain('s1'); // replaced
    expect(expected.rows.length).toBe(3);
    expect(expected.rows[0]).toMatchObject({ day_of_week: 'Mon', local_date: w1, confidence_lower_bound: 0, confidence_upper_bound: 1 });
  });

  test('undo_generation deactivates the schedule and reactivates the one it replaced', async () => {
    const res = await runScript(duck, twinText('procedures', 'undo_generation'), undoParams('alpha', 's3', 'undo-1'));
    expect(res[0]).toEqual({ undone_schedule_id: 's3', reactivated_schedule_id: 's1', locks_released: 2, locks_reactivated: 2, captions_taken: 0 });
    expect((await tableRows(duck, 'schedules', cols('schedules'), "schedule_id = 's1'"))[0]!.is_active).toBe(true);
    const s3Locks = await tableRows(duck, 'active_caption_assignments', cols('active_caption_assignments'), "schedule_id = 's3'");
    expect(s3Locks.every((l) => l.deactivation_reason === 'UNDONE')).toBe(true);
    const again = await runScript(duck, twinText('procedures', 'undo_generation'), undoParams('alpha', 's3', 'undo-2'));
    expect(again[0]).toMatchObject({ undone_schedule_id: null, reactivated_schedule_id: null });
    // Each undo leaves its own run row.
    const runs = await tableRows(duck, 'automation_run_log', cols('automation_run_log'), "run_kind = 'UNDO'");
    expect(runs.map((r) => [r.run_id, r.status, r.pages_total]).sort()).toEqual([['undo-1', 'SUCCEEDED', 1], ['undo-2', 'SUCCEEDED', 1]]);
  });
});

test('log_exports is idempotent on export_id and run_id; a NULL run logs only exports', async () => {
  const now = new Date().toISOString();
  const rows = [{ export_id: 'e1', run_id: 'r1', schedule_id: 's2', page_name: 'delta', export_timestamp: now, status: 'EXPORTED', reason: null, message_count: 1, duration_ms: 20 }];
  const run = { run_id: 'r1', run_date: now.slice(0, 10), run_kind: 'DAILY', started_at: now, finished_at: now, status: 'SUCCEEDED', pages_total: 1, pages_generated: 1, pages_skipped: 0, pages_failed: 0, details: '{}', parent_run_id: null, error_message: null };
  const params = { rows: P(paramType('log_exports', 'rows'), rows), run: P(paramType('log_exports', 'run'), run) };
  await runScript(duck, twinText('queries', 'log_exports'), params);
  await runScript(duck, twinText('queries', 'log_exports'), params);
  expect(await tableRows(duck, 'schedule_export_log', cols('schedule_export_log'))).toHaveLength(1);
  expect(await tableRows(duck, 'automation_run_log', cols('automation_run_log'), "run_id = 'r1'")).toHaveLength(1);
  const res = await runScript(duck, twinText('queries', 'log_exports'), { rows: params.rows, run: P(paramType('log_exports', 'run'), null) });
  expect(res[0]).toEqual({ export_rows_written: 1, runs_written: 0 });
});

describe('procedures (DuckDB twins)', () => {
  test('sweep deactivates ended and stale locks once, and logs the counts', async () => {
    const now = Date.now();
    const lock = (id: string, sendMs: number, lockedMs: number): Row => ({
      assignment_id: id, schedule_id: 'sw', page_name: 'beta', caption_id: 8, scheduled_send_time: new Date(sendMs).toISOString(),
      scheduled_send_date: new Date(sendMs - 8 * 3_600_000).toISOString().slice(0, 10), lock_window_end: new Date(sendMs + 7 * DAY).toISOString(),
      locked_at: new Date(lockedMs).toISOString(), is_active: true, deactivated_at: null, deactivation_reason: null,
    });
    await insertRows(duck, 'active_caption_assignments', cols('active_caption_assignments'), [
      lock('old', now - 9 * DAY, now - 12 * DAY), lock('past', now - 3 * DAY, now - 10 * DAY), lock('fresh', now - 2 * DAY, now - 3 * DAY), lock('future', now + 3 * DAY, now - 1 * DAY),
    ]);
    const sweep = { run_id: P('STRING', null), parent_run_id: P('STRING', null) };
    const first = await runScript(duck, twinText('procedures', 'sweep_expired_caption_locks'), sweep);
    expect(first[0]).toMatchObject({ expired_locks: 1, past_send_date_locks: 1 });
    const byId = new Map((await tableRows(duck, 'active_caption_assignments', cols('active_caption_assignments'), "schedule_id = 'sw'")).map((l) => [l.assignment_id, l]));
    expect(byId.get('old')).toMatchObject({ is_active: false, deactivation_reason: 'EXPIRED' });
    expect(byId.get('past')).toMatchObject({ is_active: false, deactivation_reason: 'PAST_SEND_DATE' });
    expect(byId.get('fresh')!.is_active).toBe(true);
    expect(byId.get('future')!.is_active).toBe(true);
    expect((await runScript(duck, twinText('procedures', 'sweep_expired_caption_locks'), sweep))[0]).toMatchObject({ expired_locks: 0, past_send_date_locks: 0 });
  });

  test('update_caption_performance counts each settled message once (watermark)', async () => {
    const now = Date.now();
    const msg = (id: string, daysAgo: number, caption: number | null, earnings: number, text: string | null = null): Row => ({
      message_id: id, page_name: 'beta', sending_time: new Date(now - daysAgo * DAY).toISOString(), message_type: 'PPV', caption_id: caption,
      caption_text: text, price: 10, sent_count: 100, viewed_count: 50, purchased_count: 5, earnings,
    });
    await insertRows(duck, 'mass_messages', cols('mass_messages'), [
      msg('p1', 10, 8, 50), msg('p2', 9, 8, 10), msg('p3', 8, 9, 30), msg('p4', 5, null, 90, 'good  MORNING'), msg('p5', 1, 8, 99),
    ]);
    const perf = { run_id: P('STRING', null) };
    const first = await runScript(duck, twinText('procedures', 'update_caption_performance'), perf);
    // p5 is not settled yet; p4 has no caption_id and is matched by its text although caption_bank has no caption_key.
    expect(first[0]).toMatchObject({ messages_processed: 4, stats_rows_touched: 2, unmatched_messages: 0 });
    const stats = await tableRows(duck, 'caption_bandit_stats', cols('caption_bandit_stats'), "page_name = 'beta'");
    const c8 = stats.find((s) => s.caption_id === 8)!;
    // median EMV of beta = (0.3 + 0.5) / 2 = 0.4: p1 (0.5) and p4 (0.9, matched by its key) succeed.
    expect(c8).toMatchObject({ successes: 2, failures: 1, total_observations: 3 });
    expect(c8.confidence_lower_bound as number).toBeGreaterThan(0);
    const second = await runScript(duck, twinText('procedures', 'update_caption_performance'), perf);
    expect(second[0]).toMatchObject({ messages_processed: 0, stats_rows_touched: 0 });
    expect((await tableRows(duck, 'caption_bandit_stats', cols('caption_bandit_stats'), "page_name = 'beta' AND caption_id = 8"))[0]).toMatchObject({ successes: 2, failures: 1 });
  });

  test('run_daily_automation queues every active page once per run date', async () => {
    const params = { run_date: P('DATE', '2026-11-10'), run_id: P('STRING', null), parent_run_id: P('STRING', 'daily-x') };
    await runScript(duck, twinText('procedures', 'run_daily_automation'), params);
    const res = await runScript(duck, twinText('procedures', 'run_daily_automation'), params);
    expect(res[0]).toMatchObject({ queued_pages: 3 });
    const queue = await tableRows(duck, 'daily_page_queue', cols('daily_page_queue'));
    expect(queue.map((q) => q.page_name).sort()).toEqual(['alpha', 'beta', 'delta']);
    expect(queue.every((q) => q.target_week_start === '2026-11-16' && q.status === 'PENDING')).toBe(true);
  });

  test('select_captions_for_creator returns num_captions of the pool, drawn in [0, 1]', async () => {
    const rows = await runScript(duck, twinText('procedures', 'select_captions_for_creator'), {
      page_name: P('STRING', 'delta'), num_captions: P('INT64', 2), week_start: P('DATE', monday(1)),
    });
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => (r.selection_draw as number) >= 0 && (r.selection_draw as number) <= 1)).toBe(true);
    const none = await runScript(duck, twinText('procedures', 'select_captions_for_creator'), {
      page_name: P('STRING', null), num_captions: P('INT64', 2), week_start: P('DATE', monday(1)),
    });
    expect(none).toEqual([]);
  });
});
