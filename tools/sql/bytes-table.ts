/**
 * What each job the add-on sends would read and bill at 10 M messages, by the stand-in's estimate
 * (local/runtime/bigquery/pruning.ts: BigQuery's pruning rules, the columns read) on a modelled
 * agency: 500 pages, 10 M messages over the year before the run, the other tables at the sizes a
 * year of daily runs leaves (SCENARIO below); column widths measured on the demo warehouse. Billed
 * = per table read, its bytes rounded up to the MiB, at least 10 MiB (cloud.google.com/bigquery/
 * pricing#on_demand_pricing). `node --import tsx tools/sql/bytes-table.ts` rewrites the table in
 * sql/README.md (between its markers); `--print` prints it. A test requires the committed table.
 */
import * as fs from 'fs';
import * as path from 'path';
import { tableColumnWidths } from '../../local/runtime/bigquery/estimate';
import { paramValues } from '../../local/runtime/bigquery/constant';
import { plannedScans, type TableScan } from '../../local/runtime/bigquery/pruning';
import { jobText, scanCatalog, type ScanCatalog } from '../../local/runtime/bigquery/scan-catalog';
import { buildWarehouse } from '../../local/warehouse/index';
import { repoRoot } from './files';

const DAY = 86_400_000;
const RUN = '2026-11-28';
const day = (date: string, plus = 0): number => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY) + plus;
const WEEK = '2026-11-30';

/** Rows held per partition (days; Mondays for the weekly tables; years for the calendar). */
interface Held { from: number; to: number; step: number; perPartition: number }
export const SCENARIO: Record<string, Held | number> = {
  mass_messages: { from: day(RUN, -365), to: day(RUN, -1), step: 1, perPartition: 10_000_000 / 365 },
  caption_bandit_stats: { from: day(RUN, -89), to: day(RUN), step: 1, perPartition: 500_000 / 90 },
  active_caption_assignments: { from: day(RUN, -400), to: day(RUN, 13), step: 1, perPartition: 5_000 },
  schedules: { from: day(WEEK, -399), to: day(WEEK), step: 7, perPartition: 500 },
  schedule_messages: { from: day(WEEK, -399), to: day(WEEK), step: 7, perPartition: 35_000 },
  schedule_export_log: { from: day(RUN, -400), to: day(RUN), step: 1, perPartition: 500 },
  automation_run_log: { from: day(RUN, -400), to: day(RUN), step: 1, perPartition: 40 },
  automation_alerts: { from: day(RUN, -400), to: day(RUN), step: 1, perPartition: 1 },
  daily_page_queue: { from: day(RUN, -400), to: day(RUN), step: 1, perPartition: 500 },
  schedule_staging: { from: day(RUN, -2), to: day(RUN), step: 1, perPartition: 500 },
  holiday_calendar: { from: 2025, to: 2028, step: 1, perPartition: 20 },
  caption_bank: 50_000,
  creators: 500,
  page_restrictions: 500,
  caption_performance_watermark: 1_460,
};

const ts = (iso: string): string => String(Date.parse(iso) * 1000);
const p = (name: string, kind: string, value: unknown, fields?: unknown) => ({ name, type: { kind, ...(fields ? { fields } : {}) }, value });
const runStruct = [{ name: 'run_date', type: { kind: 'DATE' } }];

/** The jobs of a day: the daily run's, the maintenance runs', an undo and a health check. */
export const JOBS: Array<{ job: string; sql: string; params: ReturnType<typeof p>[] }> = [
  { job: 'CALL run_daily_automation', sql: 'CALL eros_scheduling_brain.run_daily_automation(@run_date, @run_id, @parent_run_id)', params: [p('run_date', 'DATE', RUN)] },
  { job: 'page_analysis', sql: 'queries/page_analysis', params: [p('as_of', 'DATE', RUN), p('lookback_days', 'INT64', '90')] },
  { job: 'holidays', sql: 'queries/holidays', params: [p('week_start', 'DATE', WEEK), p('week_end', 'DATE', '2026-12-07')] },
  { job: 'caption_candidates', sql: 'queries/caption_candidates', params: [p('week_start', 'DATE', WEEK), p('week_end', 'DATE', '2026-12-07'), p('cooldown_days', 'INT64', '14'), p('per_page', 'INT64', '300')] },
  { job: 'write_schedules', sql: 'queries/write_schedules', params: [p('generated_at', 'TIMESTAMP', ts(`${RUN}T11:05:00Z`)), p('staged_on', 'DATE', RUN)] },
  { job: 'schedule_export', sql: 'queries/schedule_export', params: [] },
  { job: 'log_exports', sql: 'queries/log_exports', params: [p('run', 'STRUCT', { run_date: RUN }, runStruct)] },
  { job: 'CALL sweep_expired_caption_locks', sql: 'CALL eros_scheduling_brain.sweep_expired_caption_locks(@run_id, NULL)', params: [] },
  { job: 'CALL update_caption_performance', sql: 'CALL eros_scheduling_brain.update_caption_performance(@run_id)', params: [] },
  { job: 'CALL undo_generation', sql: 'CALL eros_scheduling_brain.undo_generation(@undo_page, @undo_schedule, @undone_at, @run_id)', params: [] },
  { job: 'health_summary', sql: 'queries/health_summary', params: [p('as_of', 'TIMESTAMP', ts(`${RUN}T18:00:00Z`))] },
  { job: 'health_alerts', sql: 'queries/health_alerts', params: [p('as_of', 'TIMESTAMP', ts(`${RUN}T18:00:00Z`))] },
];

/**
 * The partitioned reads left without a lower and an upper constant bound, and why the data does
 * not allow them (a test requires exactly these).
 */
export const UNBOUNDED: Record<string, string> = {
  'CALL run_daily_automation: daily_page_queue': 'the procedure filters by its run_date argument, a script variable',
  'CALL run_daily_automation: mass_messages': "the analysis table functions get the procedure's run_date argument, a script variable",
  'schedule_export: caption_bandit_stats': 'the view keeps bandit records of the last 400 days; none are dated after today',
  'schedule_export: schedule_messages': "the view's join on week_start is not counted as carrying the filter on schedules",
  'schedule_export: schedules': 'the filter on the view\'s week_start is not counted as reaching the table (an upper bound)',
};

/** The jobs' partitioned reads without both bounds, as "job: table". */
export function openReads(catalog: ScanCatalog): string[] {
  return JOBS.flatMap((job) => jobScans(catalog, job)
    .filter((s) => catalog.tables.get(s.table)?.partition && ((s.bounds?.lo ?? null) === null || (s.bounds?.hi ?? null) === null))
    .map((s) => `${job.job}: ${s.table}`));
}

const MIB = 1024 * 1024;
const fmt = (bytes: number): string => (bytes >= 1024 * MIB ? `${(bytes / 1024 / MIB).toFixed(2)} GiB` : `${(bytes / MIB).toFixed(1)} MiB`);

/** Partitions a scan reads of those held, and the rows in them. */
export function heldRead(table: string, scan: TableScan): { read: number; held: number; rows: number } {
  const h = SCENARIO[table];
  if (typeof h === 'number' || h === undefined) return { read: 0, held: 0, rows: typeof h === 'number' ? h : 0 };
  const held = Math.floor((h.to - h.from) / h.step) + 1;
  const lo = Math.max(h.from, scan.bounds?.lo ?? h.from);
  const hi = Math.min(h.to, scan.bounds?.hi ?? h.to);
  const read = hi < lo ? 0 : Math.floor((hi - h.from) / h.step) - Math.ceil((lo - h.from) / h.step) + 1;
  return { read, held, rows: read * h.perPartition };
}

export function jobScans(catalog: ScanCatalog, job: (typeof JOBS)[number]): TableScan[] {
  const sql = job.sql.startsWith('queries/') ? fs.readFileSync(path.join(repoRoot(), 'sql', `${job.sql}.sql`), 'utf8') : job.sql;
  return plannedScans(jobText(sql, catalog), { tables: catalog.tables, routines: catalog.routines, params: paramValues(job.params as never), now: new Date(`${RUN}T11:05:00Z`) });
}

/** The markdown table. */
export async function bytesTable(): Promise<string> {
  const catalog = scanCatalog(path.join(repoRoot(), 'sql'));
  const wh = await buildWarehouse({ preset: 'demo', seed: 1 });
  const widths = new Map<string, Map<string, number>>();
  try {
    for (const t of catalog.tables.keys()) {
      const rows = Number((await wh.connection.runAndReadAll(`SELECT count(*) FROM eros_scheduling_brain.${t}`)).getRowsJS()[0]?.[0] ?? 0);
      widths.set(t, await tableColumnWidths(wh.connection, 'eros_scheduling_brain', t, rows));
    }
  } finally {
    wh.close();
  }
  const lines = ['| Job | Table: partitions read of those held | Bytes read | Billed (job) |', '|---|---|---:|---:|'];
  for (const job of JOBS) {
    const scans = jobScans(catalog, job);
    // An empty demo table has no text to measure: 2 + 24 bytes a text column.
    const width = (s: TableScan): number => s.columns.reduce((w, c) => w + ((widths.get(s.table)?.get(c) ?? 0) <= 2 ? 26 : (widths.get(s.table)?.get(c) as number)), 0);
    const reads = scans.map((s) => ({ s, ...heldRead(s.table, s), bytes: heldRead(s.table, s).rows * width(s) }));
    const billed = reads.reduce((b, r) => b + Math.max(10 * MIB, Math.ceil(r.bytes / MIB) * MIB), 0);
    reads.forEach((r, i) => {
      const part = r.held === 0 ? 'not partitioned' : `${r.read} of ${r.held}${r.read === r.held ? ' (all)' : ''}`;
      lines.push(`| ${i === 0 ? `\`${job.job}\`` : ''} | ${r.s.table}: ${part} | ${fmt(r.bytes)} | ${i === 0 ? fmt(billed) : ''} |`);
    });
  }
  const notes = Object.entries(UNBOUNDED).map(([read, why]) => `- ${read}: ${why}.`);
  return [...lines, '', 'Reads without both partition bounds:', '', ...notes].join('\n');
}

export const MARKERS = { begin: '<!-- bytes table: begin (tools/sql/bytes-table.ts) -->', end: '<!-- bytes table: end -->' } as const;
export const README = path.join(repoRoot(), 'sql', 'README.md');

if (require.main === module) {
  void bytesTable().then((table) => {
    if (process.argv.includes('--print')) { console.log(table); return; }
    const text = fs.readFileSync(README, 'utf8');
    const [b, e] = [text.indexOf(MARKERS.begin), text.indexOf(MARKERS.end)];
    if (b < 0 || e < b) throw new Error(`sql/README.md has no "${MARKERS.begin}" ... "${MARKERS.end}"`);
    fs.writeFileSync(README, `${text.slice(0, b + MARKERS.begin.length)}\n${table}\n${text.slice(e)}`);
    console.log('sql/README.md: bytes table rewritten');
  });
}
