// The Overrides tab in the spreadsheet, for the run and for the sidebar: the narrow slice of
// SpreadsheetApp the overrides code uses (the real service satisfies it structurally; a test fake
// or the local runtime only needs these methods), reading a tab, the known pages, and the run's
// read of every override with its problems.
import { LA_ZONE } from '../../core/la-time';
import { DEFAULT_CATEGORIES } from '../../core/overrides/schema';
import { OVERRIDES_TAB, parseOverridesTab } from '../../core/overrides/table';
import type { OverridesLoad } from '../../core/run/daily/deps';

export interface RangeLike {
  getValues(): unknown[][];
  setValues(values: unknown[][]): unknown;
  setNumberFormat(format: string): unknown;
}

export interface SheetLike {
  getDataRange(): RangeLike;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangeLike;
}

/** The spreadsheet as the add-on's code uses it; S is the tab type (narrow here, Apps Script's in sheets.ts). */
export interface SpreadsheetLike<S = SheetLike> {
  getSheetByName(name: string): S | null;
  insertSheet(name: string): S;
  getSpreadsheetTimeZone(): string;
  getSheets?(): Array<{ getName(): string }>;
}

export const OVERVIEW_TAB = 'Overview';
/** Header names accepted for the Overview tab's page column (compared lower-case, trimmed). */
const PAGE_HEADERS = ['page_name', 'page', 'page name'];

/** Values of a tab, or none when the tab does not exist. A new tab's one empty cell reads as none. */
export function readTab(spreadsheet: SpreadsheetLike, name: string): { sheet: SheetLike | null; values: unknown[][] } {
  const sheet = spreadsheet.getSheetByName(name);
  if (!sheet) return { sheet: null, values: [] };
  const values = sheet.getDataRange().getValues();
  const empty = values.length === 1 && (values[0] ?? []).every((c) => c === '' || c === null);
  return { sheet, values: empty ? [] : values };
}

/** 'yyyy-MM-dd HH:mm' wall time in a zone (default Los Angeles): what a person reads in updated_at. */
export function stampInZone(date: Date, timeZone = LA_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/**
 * Page names in the Overview tab: the column whose header (in the first rows) is page_name,
 * unique, in order. No tab or no such column gives no pages.
 */
export function pagesFromOverview(spreadsheet: SpreadsheetLike): string[] {
  const { values } = readTab(spreadsheet, OVERVIEW_TAB);
  // The Overview may carry a title line or two above its header.
  for (let r = 0; r < Math.min(values.length, 5); r++) {
    const row = values[r] ?? [];
    const col = row.findIndex((c) => typeof c === 'string' && PAGE_HEADERS.includes(c.trim().toLowerCase()));
    if (col < 0) continue;
    const pages: string[] = [];
    for (const line of values.slice(r + 1)) {
      const cell = line[col];
      const name = typeof cell === 'string' ? cell.trim() : typeof cell === 'number' ? String(cell) : '';
      if (name !== '' && !pages.includes(name)) pages.push(name);
    }
    return pages;
  }
  return [];
}

/** Where the run remembers whether the Overrides tab was there last time (document properties). */
export interface TabMemo {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): unknown;
}
export const OVERRIDES_SEEN_KEY = 'EROS_OVERRIDES_TAB_SEEN';

/**
 * The Overrides tab as the run reads it: every valid row applies, every bad cell is reported
 * (tab, row, column, page) and that page falls back to its defaults. A missing tab means no
 * overrides; a missing tab next to a look-alike (renamed by hand, e.g. "Overrides (old)") is
 * reported, since the overrides a scheduler typed there are silently not applied otherwise.
 * `lookAlikes` false skips the look-alike search (a getName per tab, so 500 calls in a 500-page
 * workbook): the run did it once already. With a memo, the search is made only when the tab was
 * there before (or nobody looked yet): a workbook that never had one is not searched every day.
 */
export function loadOverridesFrom(spreadsheet: SpreadsheetLike, knownPages: readonly string[], lookAlikes = true, memo?: TabMemo): OverridesLoad {
  const { sheet, values } = readTab(spreadsheet, OVERRIDES_TAB);
  const seen = memo?.getProperty(OVERRIDES_SEEN_KEY) ?? null;
  if (memo && seen !== (sheet ? '1' : '0')) memo.setProperty(OVERRIDES_SEEN_KEY, sheet ? '1' : '0');
  if (!sheet) {
    if (!lookAlikes || seen === '0') return { overrides: {}, problems: [] };
    const names = spreadsheet.getSheets?.().map((s) => s.getName()) ?? [];
    const lookalike = names.find((n) => n !== OVERRIDES_TAB && /\boverrides?\b/i.test(n));
    const problems = lookalike
      ? [`tab '${OVERRIDES_TAB}' not found but tab '${lookalike}' looks like it: its overrides are not applied (every page uses its defaults) until it is renamed '${OVERRIDES_TAB}'`]
      : [];
    return { overrides: {}, problems };
  }
  const parsed = parseOverridesTab(values, { pages: knownPages, categories: DEFAULT_CATEGORIES }, { timeZone: spreadsheet.getSpreadsheetTimeZone() });
  return { overrides: Object.fromEntries(parsed.overrides), problems: parsed.problems.map((p) => p.message) };
}
