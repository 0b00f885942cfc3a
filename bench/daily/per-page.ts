// The comparison points, measured on the warehouse a scenario's run just used:
// - the per-page design (the seed's approach): one analysis, one candidates and one write job per
//   page, issued through the same BigQuery stand-in for a sample of pages and scaled to all pages;
// - the write of the same run as ARRAY<STRUCT> query parameters (why the run uses a load job);
// - the embedded engine's time for CALL update_caption_performance and the analysis table functions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BigQueryStandIn } from '../../local/runtime/bigquery/index';
import { findProjectRoot } from '../../local/runtime/bigquery/index';
import { DEMO_NOW } from '../../local/harness/demo';
import {
  captionCandidatesParams, CALL_UPDATE_CAPTION_PERFORMANCE, MESSAGE_FIELDS, pageAnalysisParams, SCHEDULE_FIELDS, writeSchedulesParams,
} from '../../src/core/run/jobs';
import { param } from '../../src/core/run/params';
import type { QueryParam } from '../../src/core/run/ports';

const PROJECT = 'of-scheduler-proj';
const root = findProjectRoot();
const sqlText = (name: string) => readFileSync(join(root, 'sql', 'queries', `${name}.sql`), 'utf8');

export interface PerPageFigures {
  samplePages: number;
  /** Per page, averaged over the sample. */
  perPage: { jobs: number; rowsScanned: number; bytesScanned: number; engineMs: number };
}

export interface EngineTimes {
  messages: number;
  /** Messages the CALL took as new observations (6 hours of sends). */
  messagesProcessed: number;
  updateCaptionPerformanceMs: number;
  pageAnalysisMs: number;
  tableFunctions: Record<string, number>;
}

function query(bq: BigQueryStandIn, sql: string, params: QueryParam[], label: string): void {
  bq.service.Jobs.query({ query: sql, useLegacySql: false, parameterMode: 'NAMED', queryParameters: params, labels: { job: label } }, PROJECT);
}

/** Rows of a schedule as the run's load job stages them (from the tables the run wrote). */
function stagedRow(bq: BigQueryStandIn, scheduleId: string, loadId: string, stagedOn: string): Record<string, unknown> {
  const id = scheduleId.replace(/'/g, "''");
  const [s] = bq.sql(`SELECT schedule_id, page_name, CAST(week_start AS VARCHAR) AS week_start, size_tier, risk_level, saturation_light,
    caption_target, message_count FROM eros_scheduling_brain.schedules WHERE schedule_id = '${id}'`);
  const messages = bq.sql(`SELECT slot_index, strftime(scheduled_send_time, '%Y-%m-%dT%H:%M:%S.000Z') AS scheduled_send_time, message_type,
    funnel_step, caption_id, price, selection_draw, selection_reason FROM eros_scheduling_brain.schedule_messages WHERE schedule_id = '${id}' ORDER BY slot_index`);
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    load_id: loadId, staged_on: stagedOn, run_id: 'per_page_bench', ...s,
    caption_target: num(s?.caption_target), message_count: num(s?.message_count),
    messages: messages.map((m) => ({ ...m, slot_index: num(m.slot_index), caption_id: num(m.caption_id), price: num(m.price), selection_draw: num(m.selection_draw) })),
  };
}

/** One analysis, candidates and write job per page, for `sample` pages spread over the agency. */
export function perPageDesign(bq: BigQueryStandIn, sample: number, perPage: number): PerPageFigures {
  const schedules = bq.sql("SELECT schedule_id, page_name FROM eros_scheduling_brain.schedules WHERE is_active ORDER BY page_name");
  const step = Math.max(1, Math.floor(schedules.length / Math.max(1, sample)));
  const picked = schedules.filter((_, i) => i % step === 0).slice(0, sample);
  const runDate = DEMO_NOW.toISOString().slice(0, 10);
  const before = bq.jobs.length;
  const stagedOn = runDate;
  const load = (tableId: string, text: string) =>
    bq.service.Jobs.insert(
      { jobReference: { projectId: PROJECT, location: 'US' }, configuration: { labels: { job: 'per_page_write' }, load: { destinationTable: { projectId: PROJECT, datasetId: 'eros_scheduling_brain', tableId }, sourceFormat: 'NEWLINE_DELIMITED_JSON' } } },
      PROJECT,
      { getDataAsString: () => text },
    );
  picked.forEach((s, i) => {
    const page = String(s.page_name);
    query(bq, sqlText('page_analysis'), pageAnalysisParams([page], runDate, 90), 'per_page_analysis');
    query(bq, sqlText('caption_candidates'), captionCandidatesParams([page], '2026-11-30', '2026-12-07', 14, perPage), 'per_page_candidates');
    // The write of one page: our load + merge for its schedule (a replace: idempotent), one write.
    const loadId = `per_page_${i}`;
    load('schedule_staging', JSON.stringify(stagedRow(bq, String(s.schedule_id), loadId, stagedOn)));
    query(bq, sqlText('write_schedules'), writeSchedulesParams('per_page_bench', DEMO_NOW, loadId, stagedOn), 'per_page_write');
  });
  const jobs = bq.jobs.slice(before);
  const n = Math.max(1, picked.length);
  return {
    samplePages: picked.length,
    perPage: {
      jobs: 3,
      rowsScanned: jobs.reduce((a, j) => a + j.rowsScanned, 0) / n,
      bytesScanned: jobs.reduce((a, j) => a + j.bytesProcessed, 0) / n,
      engineMs: jobs.reduce((a, j) => a + j.durationMs, 0) / n,
    },
  };
}

/** Bytes of the run's write as ARRAY<STRUCT> query parameters (the request the load job replaces). */
export function arrayWriteBytes(bq: BigQueryStandIn): number {
  const schedules = bq.sql(`SELECT schedule_id, page_name, CAST(week_start AS VARCHAR) AS week_start, size_tier, risk_level, saturation_light,
    caption_target, message_count FROM eros_scheduling_brain.schedules WHERE is_active`);
  const messages = bq.sql(`SELECT m.schedule_id, m.page_name, CAST(m.week_start AS VARCHAR) AS week_start, m.slot_index, m.scheduled_send_time,
    m.message_type, m.funnel_step, m.caption_id, m.price, m.selection_draw, m.selection_reason
    FROM eros_scheduling_brain.schedule_messages AS m JOIN eros_scheduling_brain.schedules AS s USING (schedule_id) WHERE s.is_active`);
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const params = [
    param.structArray('schedules', SCHEDULE_FIELDS, schedules.map((s) => ({ ...s, caption_target: num(s.caption_target), message_count: num(s.message_count) }))),
    param.structArray(
      'messages',
      MESSAGE_FIELDS,
      messages.map((m) => ({
        ...m, slot_index: num(m.slot_index), caption_id: num(m.caption_id), price: num(m.price), selection_draw: num(m.selection_draw),
        scheduled_send_time: new Date(String(m.scheduled_send_time).replace(' ', 'T').replace(/\+00$/, 'Z')),
      })),
    ),
  ];
  return Buffer.byteLength(JSON.stringify({ query: sqlText('write_schedules'), queryParameters: params }));
}

function timed(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** The embedded engine's time for the feedback procedure and the analysis table functions. */
export function engineTimes(bq: BigQueryStandIn): EngineTimes {
  const messages = Number(bq.sql('SELECT count(*) AS n FROM eros_scheduling_brain.mass_messages')[0]?.n ?? 0);
  // A 6-hourly run: the watermark 6 hours before the procedure's own (now - 72 h), so the
  // sends of 6 hours are new observations; page medians still read 90 days of history.
  const watermark = new Date(DEMO_NOW.getTime() - 78 * 3_600_000).toISOString();
  bq.sql(`UPDATE eros_scheduling_brain.caption_performance_watermark SET processed_through = TIMESTAMPTZ '${watermark}'`);
  const before = bq.jobs.length;
  const res = bq.service.Jobs.query({ query: CALL_UPDATE_CAPTION_PERFORMANCE, useLegacySql: false }, PROJECT) as {
    schema?: { fields?: Array<{ name: string }> };
    rows?: Array<{ f: Array<{ v: unknown }> }>;
  };
  const at = res.schema?.fields?.findIndex((f) => f.name === 'messages_processed') ?? -1;
  const messagesProcessed = Number(at >= 0 ? res.rows?.[0]?.f[at]?.v : NaN);
  const call = bq.jobs[before];
  const analysis = bq.jobs.find((j) => j.label === 'page_analysis');
  const asOf = DEMO_NOW.toISOString().slice(0, 10);
  const all = 'CAST([] AS VARCHAR[])';
  const tableFunctions: Record<string, number> = {
    classify_account_size: timed(() => bq.sql(`SELECT count(*) FROM eros_scheduling_brain.classify_account_size(${all}, DATE '${asOf}')`)),
    analyze_saturation_status: timed(() => bq.sql(`SELECT count(*) FROM eros_scheduling_brain.analyze_saturation_status(${all}, DATE '${asOf}')`)),
    analyze_creator_performance: timed(() => bq.sql(`SELECT count(*) FROM eros_scheduling_brain.analyze_creator_performance(${all}, DATE '${asOf}', 90)`)),
  };
  return { messages, messagesProcessed, updateCaptionPerformanceMs: call?.durationMs ?? NaN, pageAnalysisMs: analysis?.durationMs ?? NaN, tableFunctions };
}
