/**
 * The writes proven in GoogleSQL: every procedure and DML script runs in ZetaSQL's reference
 * evaluator (helpers/google-script.ts: state kept between statements, MERGE split into its UPDATE
 * and INSERT parts) and as its DuckDB twin, from the same fixtures and the same clock; the tables
 * they leave must be the same rows. The fixtures reach every branch: a MERGE that updates stats
 * rows, inserts new ones and starts over a forgotten one; messages matched by their text and
 * unmatched ones (an alert); both sweep rules, an unusual volume (an alert) and a failing sweep
 * (its exception handler's FAILED row); the queue with its sweep step; an undo whose previous
 * schedule has a caption another page holds; a write that replaces a schedule; the run log.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { loadSqlFiles } from '../../tools/sql/files';
import { parseType, type SqlType, type SqlValue } from '../../tools/sql/types';
import { insertRows, normalizeDuckRow, openTwinWarehouse, runScript, twinText, type Params, type Row } from './helpers/duck';
import * as fx from './helpers/fixtures';
import { GoogleScript, type Variable } from './helpers/google-script';
import { Reference, sameRows } from './helpers/reference';

const NOW = '2026-11-20T12:00:00Z';
const DAY = 86_400_000;
const at = (offsetDays: number, hour = 18): string => new Date(Date.parse('2026-11-20T00:00:00Z') + offsetDays * DAY + hour * 3_600_000).toISOString();
let ref: Reference;
beforeAll(async () => { ref = await Reference.start(); }, 120_000);
afterAll(() => ref?.stop());

const lock = (id: string, page: string, caption: number, send: string, lockedDaysAgo: number, active = true, reason: string | null = null): Row => ({
  assignment_id: id, schedule_id: id.split(':')[0] as string, page_name: page, caption_id: caption, scheduled_send_time: send,
  scheduled_send_date: new Date(Date.parse(send) - 8 * 3_600_000).toISOString().slice(0, 10), lock_window_end: new Date(Date.parse(send) + 7 * DAY).toISOString(),
  locked_at: at(-lockedDaysAgo, 0), is_active: active, deactivated_at: active ? null : at(-1), deactivation_reason: reason,
});

/** The fixtures every case starts from (each case adds its own). */
function base(): Record<string, Row[]> {
  const msg = (id: string, page: string, daysAgo: number, caption: number | null, text: string | null, earnings: number): Row => ({
    message_id: id, page_name: page, sending_time: at(-daysAgo), message_type: 'PPV', caption_id: caption, caption_text: text,
    price: 10, sent_count: 100, viewed_count: 40, purchased_count: 4, earnings,
  });
  return {
    creators: [...fx.creators, ...fx.twinPages], caption_bank: fx.captionBank, page_restrictions: fx.pageRestrictions,
    mass_messages: [...fx.massMessages(), msg('t1', 'beta', 5, null, 'good  MORNING', 90), msg('t2', 'beta', 6, null, 'nobody wrote this', 10), msg('t3', 'delta', 4, 12, null, 50), msg('t4', 'beta', 7, 9, null, 30)],
    caption_bandit_stats: fx.banditStats,
    active_caption_assignments: [
      ...fx.locks, lock('old:1', 'beta', 8, at(-9), 12), lock('past:1', 'beta', 9, at(-3), 10), lock('fresh:1', 'beta', 8, at(-2), 3),
      ...Array.from({ length: 55 }, (_, i) => lock(`bulk:${i}`, 'epsilon', 500 + i, at(-20 - (i % 5)), 30)),
    ],
    automation_run_log: [{ run_id: 'sweep-20261119T120000000Z', run_date: '2026-11-19', run_kind: 'SWEEP', started_at: at(-1, 12), finished_at: at(-1, 12), status: 'SUCCEEDED',
      pages_total: null, pages_generated: null, pages_skipped: null, pages_failed: null, details: '{"locks_released":10}', parent_run_id: null, error_message: null }],
  };
}

const TABLES = ['caption_bandit_stats', 'caption_performance_watermark', 'automation_alerts', 'automation_run_log', 'active_caption_assignments',
  'daily_page_queue', 'schedules', 'schedule_messages', 'schedule_export_log', 'schedule_staging'];

/** JSON text compared as values (the engines spell timestamps and floats differently). */
function canonical(v: SqlValue, column: string, type: SqlType): SqlValue {
  if (typeof v === 'string' && type.kind === 'TIMESTAMP') return new Date(v).toISOString();
  // The error texts are each engine's own; that there is one is what is compared.
  if (column === 'error_message') return v === null ? null : 'an error';
  if (typeof v !== 'string' || !['details', 'message'].includes(column) || !v.startsWith('{')) return v;
  return JSON.stringify(JSON.parse(v, (_k, x: unknown) => (typeof x === 'string' && /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/.test(x) ? new Date(x.replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString() : x)));
}

async function twin(tables: Record<string, Row[]>): Promise<DuckDBConnection> {
  const duck = await openTwinWarehouse();
  for (const [t, rows] of Object.entries(tables)) await insertRows(duck, t, ref.columns(t), rows);
  await duck.run(`SET VARIABLE bq_now = TIMESTAMPTZ '${NOW}'`);
  return duck;
}

/** Runs the GoogleSQL and the twin; compares every table they may write; returns both results. */
async function both(extra: Record<string, Row[]>, google: (g: GoogleScript) => Promise<Row[]>, twinSql: string, params: Params): Promise<{ g: GoogleScript; result: Row[]; error: string | null }> {
  const tables = { ...base(), ...extra };
  const g = GoogleScript.open(ref, tables, NOW);
  const duck = await twin(tables);
  let gError: string | null = null;
  let tError: string | null = null;
  let result: Row[] = [];
  try { result = await google(g); } catch (e) { gError = (e as Error).message; }
  try { await runScript(duck, twinSql, params); } catch (e) { tError = (e as Error).message; }
  try {
    expect({ google: gError, twin: tError === null ? null : 'failed' }).toEqual({ google: tError === null ? null : gError, twin: gError === null ? null : 'failed' });
    for (const t of TABLES) {
      const cols = ref.columns(t);
      const norm = (rows: Row[]): Row[] => rows.map((r) => Object.fromEntries(cols.map((c) => [c.name, canonical(r[c.name] ?? null, c.name, c.type)])));
      const duckRows = (await duck.runAndReadAll(`SELECT * FROM eros_scheduling_brain.${t}`)).getRowObjectsJS().map((r) => normalizeDuckRow(r as Record<string, unknown>, cols));
      const verdict = sameRows(norm(g.rows(t)), norm(duckRows), false);
      expect({ table: t, ...verdict }).toEqual({ table: t, equal: true });
    }
  } finally {
    duck.closeSync();
  }
  return { g, result, error: gError };
}

const v = (type: string, value: SqlValue): Variable => ({ type: parseType(type) as SqlType, value });
const P = (type: string, value: SqlValue): Params[string] => ({ type: parseType(type), value });
const query = (name: string): string => loadSqlFiles(undefined, ['queries']).find((f) => f.name === name)!.text;

test('update_caption_performance: the MERGE updates, inserts and starts over; text matches; unmatched messages alert', async () => {
  const { g, result } = await both({}, (s) => s.call('update_caption_performance', [v('STRING', null)]),
    twinText('procedures', 'update_caption_performance'), { run_id: P('STRING', null) });
  expect(result[0]).toMatchObject({ run_id: 'performance-20261120T120000000Z', unmatched_messages: 1 });
  const stats = g.rows('caption_bandit_stats');
  // Both alpha rows of caption 1 (updated within 365 days) took the new counts; beta's 2024 row was forgotten: a new row.
  expect(stats.filter((r) => r.page_name === 'beta' && r.caption_id === 9)).toHaveLength(2);
  expect(stats.find((r) => r.page_name === 'beta' && r.caption_id === 8)).toMatchObject({ total_observations: 1 }); // 'good  MORNING' by its text
  // The matched branch: alpha's rows of caption 1 were updated in place (counts added, this run's time).
  expect(stats.filter((r) => r.page_name === 'alpha' && r.caption_id === 1).map((r) => Date.parse(String(r.last_updated)))).toEqual([Date.parse(NOW), Date.parse(NOW)]);
  expect(g.rows('automation_alerts').map((a) => a.alert_kind)).toEqual(['UNMATCHED_MESSAGES']);
}, 120_000);

test('sweep_expired_caption_locks: both rules, an unusual volume alert, its own run row', async () => {
  const { g, result } = await both({}, (s) => s.call('sweep_expired_caption_locks', [v('STRING', 'sweep-x'), v('STRING', null)]),
    twinText('procedures', 'sweep_expired_caption_locks'), { run_id: P('STRING', 'sweep-x'), parent_run_id: P('STRING', null) });
  expect(result[0]).toMatchObject({ run_id: 'sweep-x', expired_locks: 56, past_send_date_locks: 3 });
  expect(g.rows('automation_alerts').map((a) => a.alert_kind)).toEqual(['UNUSUAL_SWEEP_VOLUME']);
  expect(g.rows('automation_run_log').find((r) => r.run_id === 'sweep-x')).toMatchObject({ status: 'SUCCEEDED', finished_at: '2026-11-20T12:00:00.000Z' });
}, 120_000);

test('a sweep that fails inside logs one FAILED row in its handler and raises the error again', async () => {
  const broken = { automation_run_log: [{ ...base().automation_run_log![0]!, details: '{"locks_released":"many"}' }] };
  const { g, error } = await both(broken, (s) => s.call('sweep_expired_caption_locks', [v('STRING', 'sweep-y'), v('STRING', null)]),
    twinText('procedures', 'sweep_expired_caption_locks'), { run_id: P('STRING', 'sweep-y'), parent_run_id: P('STRING', null) });
  expect(error).toMatch(/many/);
  expect(g.rows('automation_run_log').filter((r) => r.run_id === 'sweep-y')).toEqual([expect.objectContaining({ status: 'FAILED', error_message: expect.stringMatching(/many/) })]);
}, 120_000);

test('run_daily_automation: the queue and its sweep step, each with its own row under the run', async () => {
  const { g } = await both({}, (s) => s.call('run_daily_automation', [v('DATE', '2026-11-20'), v('STRING', 'daily_queue-q'), v('STRING', 'daily-d')]),
    twinText('procedures', 'run_daily_automation'), { run_date: P('DATE', '2026-11-20'), run_id: P('STRING', 'daily_queue-q'), parent_run_id: P('STRING', 'daily-d') });
  expect(g.rows('automation_run_log').filter((r) => r.parent_run_id !== null).map((r) => [r.run_kind, r.parent_run_id]).sort())
    .toEqual([['DAILY_QUEUE', 'daily-d'], ['SWEEP', 'daily_queue-q']]);
  expect(g.rows('daily_page_queue').length).toBeGreaterThan(0);
}, 120_000);

test('undo_generation: the previous schedule comes back without the slot another page holds', async () => {
  const week = '2026-11-23';
  const sched = (id: string, page: string, active: boolean, gen: number): Row => ({ schedule_id: id, run_id: 'r', page_name: page, week_start: week, generated_at: at(-gen),
    size_tier: 'SMALL', risk_level: 'LOW', saturation_light: 'GREEN', caption_target: 2, message_count: 2, is_active: active });
  const msg = (id: string, page: string, slot: number, caption: number, active: boolean): Row => ({ schedule_id: id, page_name: page, week_start: week, slot_index: slot,
    scheduled_send_time: at(3 + slot), message_type: 'PPV', funnel_step: 'main', caption_id: caption, price: 10, selection_draw: 0.5, selection_reason: 'x', is_active: active });
  const lk = (id: string, page: string, slot: number, caption: number, active: boolean, reason: string | null): Row => ({ ...lock(`${id}:${slot}`, page, caption, at(3 + slot), 1, active, reason) });
  const extra = {
    schedules: [sched('old', 'alpha', false, 3), sched('new', 'alpha', true, 1), sched('other', 'delta', true, 1)],
    schedule_messages: [msg('old', 'alpha', 1, 31, false), msg('old', 'alpha', 2, 32, false), msg('new', 'alpha', 1, 33, true), msg('other', 'delta', 1, 32, true)],
    active_caption_assignments: [lk('old', 'alpha', 1, 31, false, 'REPLACED'), lk('old', 'alpha', 2, 32, false, 'REPLACED'), lk('new', 'alpha', 1, 33, true, null), lk('other', 'delta', 1, 32, true, null)],
  };
  const { result, g } = await both(extra, (s) => s.call('undo_generation', [v('STRING', 'alpha'), v('STRING', 'new'), v('TIMESTAMP', NOW), v('STRING', 'undo-u')]),
    twinText('procedures', 'undo_generation'), { undo_page: P('STRING', 'alpha'), undo_schedule: P('STRING', 'new'), undone_at: P('TIMESTAMP', NOW), run_id: P('STRING', 'undo-u') });
  expect(result[0]).toEqual({ undone_schedule_id: 'new', reactivated_schedule_id: 'old', locks_released: 1, locks_reactivated: 1, captions_taken: 1 });
  expect(g.rows('schedule_messages').filter((m) => m.schedule_id === 'old' && m.is_active).map((m) => m.caption_id)).toEqual([31]);
}, 120_000);

test('log_exports: export rows and the run row, the procedure\'s FAILED row of the same id replaced', async () => {
  const run = { run_id: 'sweep-20261119T120000000Z', run_date: '2026-11-19', run_kind: 'SWEEP', started_at: at(-1, 12), finished_at: NOW, status: 'FAILED', pages_total: null,
    pages_generated: null, pages_skipped: null, pages_failed: null, details: null, parent_run_id: null, error_message: 'Access Denied' };
  const rows = [{ export_id: 'e1', run_id: 'daily-1', schedule_id: 's1', page_name: 'alpha', export_timestamp: at(-1, 13), status: 'EXPORTED', reason: null, message_count: 3, duration_ms: 40 }];
  const types = { rows: query('log_exports').match(/@param rows (.+)/)![1] as string, run: query('log_exports').match(/@param run (.+)/)![1] as string };
  const { g } = await both({}, (s) => s.script(query('log_exports'), { rows: v(types.rows, rows), run: v(types.run, run) }),
    twinText('queries', 'log_exports'), { rows: P(types.rows, rows), run: P(types.run, run) });
  expect(g.rows('automation_run_log')).toEqual([expect.objectContaining({ run_id: run.run_id, status: 'FAILED' })]);
  expect(g.rows('schedule_export_log')).toHaveLength(1);
}, 120_000);

test('write_schedules: a replaced schedule, its messages and locks; the staged rows gone', async () => {
  const staged = [{ load_id: 'L1', staged_on: '2026-11-20', run_id: 'daily-w', schedule_id: 's1', page_name: 'delta', week_start: '2026-11-23', size_tier: 'SMALL', risk_level: 'LOW',
    saturation_light: 'GREEN', caption_target: 2, message_count: 2, messages: [
      { slot_index: 1, scheduled_send_time: at(4), message_type: 'PPV', funnel_step: 'main', caption_id: 11, price: 10, selection_draw: 0.4, selection_reason: 'x' },
      { slot_index: 2, scheduled_send_time: at(5), message_type: 'BUMP', funnel_step: 'bump', caption_id: null, price: null, selection_draw: null, selection_reason: 'y' }] }];
  const params = { run_id: 'daily-w', generated_at: NOW, load_id: 'L1', staged_on: '2026-11-20' };
  const types: Record<string, string> = { run_id: 'STRING', generated_at: 'TIMESTAMP', load_id: 'STRING', staged_on: 'DATE' };
  const { g } = await both({ schedule_staging: staged, schedules: [{ schedule_id: 'sX', run_id: 'r0', page_name: 'delta', week_start: '2026-11-16', generated_at: at(-5),
    size_tier: null, risk_level: null, saturation_light: null, caption_target: null, message_count: 0, is_active: true }] },
  (s) => s.script(query('write_schedules'), Object.fromEntries(Object.entries(params).map(([k, x]) => [k, v(types[k] as string, x)]))),
  twinText('queries', 'write_schedules'), Object.fromEntries(Object.entries(params).map(([k, x]) => [k, P(types[k] as string, x)])));
  expect(g.rows('schedule_staging')).toEqual([]);
  expect(g.rows('active_caption_assignments').filter((l) => l.schedule_id === 's1')).toHaveLength(1);
}, 120_000);
