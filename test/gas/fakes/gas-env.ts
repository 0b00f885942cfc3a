// A GasEnv over fakes: a BigQuery API answering by job label (with load jobs staged and merged
// like write_schedules.sql), property stores, triggers and a workbook, for the entry points' tests.
import type { GasEnv } from '../../../src/gas/env';
import type { BigQueryApi, QueryResultsResponse } from '../../../src/gas/adapters/bigquery';
import type { PropertiesApi } from '../../../src/gas/adapters/properties';
import { analysisRow, FakeWorkbook, fakePlanPage, fakeScheduleIdFor, plain, silentLogger, VirtualClock } from '../../core/run/fakes';
import type { QueryParam } from '../../../src/core/run/ports';

/** REST form of plain rows (schema inferred from the first row). */
function toRest(rows: Array<Record<string, unknown>>): QueryResultsResponse {
  if (rows.length === 0) return { jobComplete: true, schema: { fields: [] }, rows: [] };
  const names = Object.keys(rows[0]!);
  const type = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? 'INTEGER' : 'FLOAT') : typeof v === 'boolean' ? 'BOOLEAN' : v instanceof Date ? 'TIMESTAMP' : 'STRING');
  const cell = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? String(v.getTime() / 1000) : String(v));
  return {
    jobComplete: true,
    schema: { fields: names.map((n) => ({ name: n, type: type(rows[0]![n]) })) },
    rows: rows.map((r) => ({ f: names.map((n) => ({ v: cell(r[n]) })) })),
    totalBytesProcessed: '100',
  };
}

/** A property store over a Map. */
export function mapProperties(props = new Map<string, string>()): PropertiesApi {
  return {
    getProperty: (k) => props.get(k) ?? null,
    setProperty: (k, v) => props.set(k, v),
    setProperties: (o) => Object.entries(o).forEach(([k, v]) => props.set(k, v)),
    deleteProperty: (k) => void props.delete(k),
  };
}

const freeLock = () => ({ tryLock: () => true, releaseLock: () => undefined, hasLock: () => true });

export function fakeGasEnv(pages: string[]) {
  const clock = new VirtualClock();
  /** The document's properties (settings, run state). */
  const props = new Map<string, string>();
  const scriptProps = new Map<string, string>();
  const userProps = new Map<string, string>();
  const jobs: Array<{ label: string; query: string; params: Record<string, unknown>; bytes: string }> = [];
  const written = new Map<string, Array<Record<string, string>>>();
  const staged = new Map<string, Array<Record<string, unknown>>>();
  const answers: Record<string, (p: Record<string, unknown>) => Array<Record<string, unknown>>> = {
    page_analysis: () => pages.map((p) => analysisRow(p)),
    caption_candidates: (p) => (p.page_names as string[]).flatMap((page) => [1, 2, 3].map((i) => ({ page_name: page, caption_id: i }))),
    write_schedules: (p) => {
      for (const sc of staged.get(p.load_id as string) ?? []) {
        const msgs = (sc.messages as Array<Record<string, unknown>>).map((m) => ({ ...m, schedule_id: sc.schedule_id, page_name: sc.page_name }) as Record<string, string>);
        written.set(sc.schedule_id as string, msgs);
      }
      return [];
    },
    // The procedures answer one row, as they do in BigQuery.
    update_caption_performance: (p) => [{ run_id: p.run_id, messages_processed: 0, stats_rows_touched: 0, unmatched_messages: 0 }],
    sweep_expired_caption_locks: (p) => [{ run_id: p.run_id, expired_locks: 0, past_send_date_locks: 0 }],
    schedule_export: (p) =>
      (p.schedule_ids as string[]).flatMap((id) => (written.get(id) ?? []).map((m) => ({ page_name: m.page_name, schedule_id: id, slot_index: Number(m.slot_index), local_time: '19:05', saturation_light: 'GREEN' }))),
  };
  let pending: Record<string, Array<Record<string, unknown>>> = {};
  let seq = 0;
  const bigQuery: BigQueryApi = {
    Jobs: {
      insert: (job, _project, media) => {
        const load = (job as { configuration: { labels: { job: string }; load?: { destinationTable: { tableId: string } } } }).configuration;
        if (load.load) {
          // A load job: the media is the Blob of newline-delimited JSON rows.
          const text = (media as { getDataAsString(): string }).getDataAsString();
          const rows = text.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
          for (const r of rows) staged.set(r.load_id as string, [...(staged.get(r.load_id as string) ?? []), r]);
          jobs.push({ label: load.labels.job, query: `LOAD ${load.load.destinationTable.tableId}`, params: {}, bytes: '' });
          return { jobReference: { jobId: (job as { jobReference?: { jobId?: string } }).jobReference?.jobId ?? `job_${++seq}`, location: 'US' }, status: { state: 'DONE' }, statistics: { load: { outputRows: String(rows.length) } } };
        }
        const j = job as { configuration: { labels: { job: string }; query: { query: string; queryParameters: QueryParam[]; maximumBytesBilled: string } } };
        const params = Object.fromEntries(j.configuration.query.queryParameters.map((p) => [p.name, plain(p.parameterValue)]));
        const label = j.configuration.labels.job;
        jobs.push({ label, query: j.configuration.query.query, params, bytes: j.configuration.query.maximumBytesBilled });
        // BigQuery keeps the job id the client chose.
        const id = (job as { jobReference?: { jobId?: string } }).jobReference?.jobId ?? `job_${++seq}`;
        pending[id] = answers[label]?.(params) ?? [];
        return { jobReference: { jobId: id, location: 'US' } };
      },
      getQueryResults: (_p, jobId) => toRest(pending[jobId] ?? []),
    },
  };
  const triggerLog: string[] = [];
  let uid = 0;
  type FakeTrigger = { getHandlerFunction: () => string; getUniqueId: () => string };
  const triggers = {
    list: [] as FakeTrigger[],
    getProjectTriggers: () => [...triggers.list],
    deleteTrigger: (t: FakeTrigger) => {
      triggerLog.push(`delete ${t.getHandlerFunction()}`);
      triggers.list = triggers.list.filter((x) => x.getUniqueId() !== t.getUniqueId());
    },
    newTrigger: (h: string) => {
      const id = `u${++uid}`;
      const b = {
        after: (ms: number) => (triggerLog.push(`after ${ms}`), b),
        everyHours: (n: number) => (triggerLog.push(`everyHours ${n}`), b),
        create: () => (triggers.list.push({ getHandlerFunction: () => h, getUniqueId: () => id }), triggers.list.at(-1)!),
      };
      return { timeBased: () => b as never };
    },
  };
  const workbook = new FakeWorkbook();
  const e: GasEnv = {
    bigQuery, scriptProperties: mapProperties(scriptProps), documentProperties: mapProperties(props), userProperties: mapProperties(userProps),
    lock: freeLock(), scriptLock: freeLock(), triggers, documentId: 'doc-1', workbook, executionStart: clock.now(),
    clock, sleeper: clock, logger: silentLogger(), engine: { planPage: fakePlanPage, scheduleIdFor: fakeScheduleIdFor },
    queries: { pageAnalysis: 'SELECT FROM eros_scheduling_brain.a', captionCandidates: 'c', writeSchedules: 'w', scheduleExport: 'e', logExports: 'l', healthSummary: 'h', bytesBilled7d: 'b', healthAlerts: 'a' },
  };
  return { e, props, scriptProps, userProps, jobs, workbook, triggers, triggerLog, pending: () => pending, reset: () => (pending = {}) };
}

/** Apps Script's Utilities.newBlob (the load job's data) and getUuid (job ids), which the BigQuery adapter uses. */
export function withUtilitiesBlob(): void {
  beforeAll(() => {
    let n = 0;
    (globalThis as Record<string, unknown>).Utilities = {
      newBlob: (data: string) => ({ getDataAsString: () => data }),
      getUuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    };
  });
  afterAll(() => {
    delete (globalThis as Record<string, unknown>).Utilities;
  });
}
