// What the tabs show, built as plain tables (pure); src/gas/sheets.ts writes each in one call.
import * as z from 'zod';
import type { Cell, Table } from './ports';
import type { PageResult, RunSummary } from './summary';
import { MAX_WEEK_MESSAGES } from '../engine/config';

/** Tabs the add-on owns besides the per-page schedule tabs. */
export const RESERVED_TABS = ['Overview', 'Runs', 'Health', 'Overrides', 'Settings'];
const MAX_TAB_NAME = 100;

/** A page's schedule tab name: Sheets-safe, at most 100 characters, never a reserved tab. */
export function scheduleTabName(pageName: string): string {
  let name = pageName.replace(/[[\]*?:/\\]/g, '_').replace(/\s+/g, ' ').trim();
  if (name === '' || /^'|'$/.test(name)) name = `page ${name.replace(/^'+|'+$/g, '')}`.trim();
  if (RESERVED_TABS.some((r) => r.toLowerCase() === name.toLowerCase())) name = `${name} (page)`;
  return name.slice(0, MAX_TAB_NAME);
}

const num = z.number().nullable().optional();
const str = z.string().nullable().optional();
export const ExportRowSchema = z.looseObject({
  page_name: z.string(),
  schedule_id: z.string(),
  slot_index: z.number().int(),
  scheduled_send_time: z.date().nullable().optional(),
  local_date: str,
  local_time: str,
  day_of_week: str,
  message_type: str,
  funnel_step: str,
  caption_id: num,
  caption_text: str,
  content_category: str,
  psychological_trigger: str,
  price: num,
  selection_reason: str,
  saturation_light: str,
  confidence_lower_bound: num,
  confidence_upper_bound: num,
});
export type ExportRow = z.infer<typeof ExportRowSchema>;

const SCHEDULE_HEADER = [
  'Date', 'Day', 'Time (LA)', 'Type', 'Funnel step', 'Caption ID', 'Caption', 'Category', 'Trigger',
  'Price', 'Light', 'Confidence low', 'Confidence high', 'Why', 'Slot', 'Schedule ID',
];
const SCHEDULE_FORMATS = ['yyyy-mm-dd', '', '', '', '', '0', '', '', '', '$#,##0.00', '', '0.00', '0.00', '', '0', ''];

/** The Light column's index in a schedule tab (the adapter colours it). */
export const SCHEDULE_LIGHT_COLUMN = SCHEDULE_HEADER.indexOf('Light');

const v = (x: string | number | null | undefined): Cell => (x === undefined ? null : x);

export function scheduleTable(rows: readonly ExportRow[]): Table {
  const sorted = [...rows].sort((a, b) => a.slot_index - b.slot_index);
  return {
    header: SCHEDULE_HEADER,
    numberFormats: SCHEDULE_FORMATS,
    lightColumn: SCHEDULE_LIGHT_COLUMN,
    blockRows: MAX_WEEK_MESSAGES + 1,
    rows: sorted.map((r) => [
      v(r.local_date), v(r.day_of_week), v(r.local_time), v(r.message_type), v(r.funnel_step),
      v(r.caption_id), v(r.caption_text), v(r.content_category), v(r.psychological_trigger), v(r.price),
      v(r.saturation_light), v(r.confidence_lower_bound), v(r.confidence_upper_bound), v(r.selection_reason),
      r.slot_index, r.schedule_id,
    ]),
  };
}

export const OVERVIEW_HEADER = [
  'Page', 'Week start', 'Status', 'Light', 'Size tier', 'Risk', 'Caption target', 'Messages', 'Last generated', 'Reason', 'Schedule ID', 'Run ID',
];

/** One row per page of this run; the adapter merges it into the tab (other pages' rows stay). */
export function overviewTable(summary: RunSummary, weekStart: string): Table {
  const rows = [...summary.perPage]
    .sort((a, b) => a.page.localeCompare(b.page))
    .map((p: PageResult): Cell[] => [
      p.page, weekStart, p.status, p.light ?? null, p.sizeTier ?? null, p.riskLevel ?? null,
      p.captionTarget ?? null, p.messageCount ?? null, p.status === 'GENERATED' ? new Date(p.at) : null,
      p.reason, p.scheduleId ?? null, summary.runId,
    ]);
  return {
    header: OVERVIEW_HEADER,
    rows,
    numberFormats: ['', 'yyyy-mm-dd', '', '', '', '', '0', '0', 'yyyy-mm-dd hh:mm', '', '', ''],
    lightColumn: 3,
  };
}

export const RUNS_HEADER = [
  'Run ID', 'Run date', 'Kind', 'Started', 'Finished', 'Status', 'Pages', 'Generated', 'Skipped', 'Failed',
  'Not attempted', 'Jobs', 'Bytes processed', 'Executions', 'Note', 'Runs',
];
const RUNS_FORMATS = ['', 'yyyy-mm-dd', '', 'yyyy-mm-dd hh:mm:ss', 'yyyy-mm-dd hh:mm:ss', '', '0', '0', '0', '0', '0', '0', '#,##0', '0', '', '0'];

/** One row per run; Runs is how many automation_run_log rows the row stands for (here one). */
export function runsTable(s: RunSummary): Table {
  return {
    header: RUNS_HEADER,
    numberFormats: RUNS_FORMATS,
    rows: [[
      s.runId, s.runDate, s.runKind, s.startedAt, s.finishedAt ?? null, s.status, s.perPage.length, s.pagesGenerated,
      s.pagesSkipped, s.pagesFailed, s.pagesNotAttempted, s.jobs, s.bytesProcessed, s.executions, s.message, 1,
    ]],
  };
}

/** The Runs row that stands for a day's quiet sweeps (SUCCEEDED, no lock released). */
export const quietSweepsKey = (runDate: string): string => `sweeps-${runDate}`;

const at = (row: readonly Cell[] | null, column: string): Cell => row?.[RUNS_HEADER.indexOf(column)] ?? null;

/**
 * The day's quiet sweeps as one Runs row, the previous one (if any) plus this sweep: an hourly
 * sweep that changed nothing adds no row of its own ("23 sweeps, 0 locks released"), while
 * automation_run_log keeps one row per sweep (the note names the first and the last run id).
 */
export function quietSweepsTable(previous: readonly Cell[] | null, s: RunSummary): Table {
  const num = (column: string): number => (typeof at(previous, column) === 'number' ? (at(previous, column) as number) : 0);
  const count = num('Runs') + 1;
  const first = /from (\S+) to/.exec(String(at(previous, 'Note') ?? ''))?.[1] ?? s.runId;
  const jobs = num('Jobs') + s.jobs;
  const bytes = num('Bytes processed') + s.bytesProcessed;
  const note = `${count} sweep${count === 1 ? '' : 's'}, 0 locks released (from ${first} to ${s.runId}).`;
  return {
    header: RUNS_HEADER,
    numberFormats: RUNS_FORMATS,
    rows: [[
      quietSweepsKey(s.runDate), s.runDate, s.runKind, (at(previous, 'Started') as Date | null) ?? s.startedAt, s.finishedAt ?? null,
      s.status, 0, 0, 0, 0, 0, jobs, bytes, count, note, count,
    ]],
  };
}
