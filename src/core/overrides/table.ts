// The "Overrides" tab as data: one header row, then one row per page. parseOverridesTab reads the
// 2D array getValues() gives; every bad cell becomes a problem naming tab, row, column and page,
// and that page falls back to its defaults while the other pages proceed. toRow writes a page back.
import { LA_ZONE } from '../la-time';
import type { PageOverrides } from './schema';
import {
  describeCell, escapeText, isBlank, readDate, readHours, readList, readNumber, readText, type CellResult,
} from './cells';
import { checkOverrides, type KnownLists, type OverridesField } from './checks';
import {
  OVERRIDES_COLUMNS, OVERRIDES_TAB, columnLetter, readHeader, type OverridesColumn,
} from './header';

export { OVERRIDES_COLUMNS, OVERRIDES_TAB, columnLetter, readHeader } from './header';
export type { OverridesColumn, HeaderLayout } from './header';
export { checkOverrides, checkPage } from './checks';
export type { FieldError, KnownLists, OverridesCheck, OverridesField } from './checks';

export interface OverridesProblem {
  tab: typeof OVERRIDES_TAB;
  /** 1-based sheet row. */
  row: number;
  /** Letter and header name, e.g. 'D (ppv_min)'; only the name when the column is missing. */
  column: string;
  /** '' when the problem is not about one page (the header). */
  page: string;
  message: string;
}

export interface ParsedOverridesTab {
  overrides: Map<string, PageOverrides>;
  problems: OverridesProblem[];
}

export interface ParseOptions {
  /** Zone of the spreadsheet, in which a Date cell is midnight. */
  timeZone?: string;
}

const FIELD_COLUMN: Record<OverridesField, OverridesColumn> = {
  page: 'page_name',
  form: 'page_name',
  pauseUntil: 'pause_until',
  volumeMultiplier: 'volume_multiplier',
  ppvMin: 'ppv_min',
  ppvMax: 'ppv_max',
  allowedHours: 'allowed_hours',
  priceFloor: 'price_floor',
  priceCeiling: 'price_ceiling',
  excludedCategories: 'excluded_categories',
  notes: 'notes',
};

type Readers = { [K in keyof PageOverrides]-?: (cell: unknown) => CellResult<NonNullable<PageOverrides[K]>> };

function readersFor(timeZone: string): Readers {
  return {
    pauseUntil: (c) => readDate(c, timeZone),
    volumeMultiplier: (c) => readNumber(c, false),
    ppvMin: (c) => readNumber(c, true),
    ppvMax: (c) => readNumber(c, true),
    allowedHours: readHours,
    priceFloor: (c) => readNumber(c, false),
    priceCeiling: (c) => readNumber(c, false),
    excludedCategories: readList,
    notes: readText,
  };
}

type Layout = ReturnType<typeof readHeader>;
type Report = (col: OverridesColumn, page: string, message: string) => void;

/** Reports a problem of one tab row, naming tab, cell, column and page. */
function reporter(layout: Layout, problems: OverridesProblem[], sheetRow: number): Report {
  return (col, page, message) => {
    const i = layout.index[col];
    const where = i === undefined ? `${OVERRIDES_TAB}!${sheetRow} (${col})` : `${OVERRIDES_TAB}!${columnLetter(i)}${sheetRow} (${col})`;
    const who = page === '' ? '' : ` for page '${page}'`;
    problems.push({ tab: OVERRIDES_TAB, row: sheetRow, column: i === undefined ? col : `${columnLetter(i)} (${col})`, page, message: `${where}${who}: ${message}` });
  };
}

/** One page's row: its overrides, or null (every problem reported) when the page falls back. */
function readRow(row: ReadonlyArray<unknown>, page: string, layout: Layout, readers: Readers, known: KnownLists, report: Report): PageOverrides | null {
  const draft: Record<string, unknown> = {};
  let cellsOk = true;
  for (const field of Object.keys(readers) as Array<keyof Readers>) {
    const i = layout.index[FIELD_COLUMN[field]];
    if (i === undefined) continue;
    const result = (readers[field] as (c: unknown) => CellResult<unknown>)(row[i]);
    if (!result.ok) {
      report(FIELD_COLUMN[field], page, result.message);
      cellsOk = false;
    } else if (result.value !== undefined) {
      draft[field] = result.value;
    }
  }
  // The cells that did read are still checked, so one pass reports every bad cell of the row.
  const checked = checkOverrides(page, draft, known);
  if (checked.ok && cellsOk) return checked.value;
  for (const e of checked.ok ? [] : checked.errors) {
    const col = FIELD_COLUMN[e.field];
    const i = layout.index[col];
    const got = e.field !== 'page' && i !== undefined ? ` (cell holds ${describeCell(row[i])})` : '';
    report(col, page, `${e.message}${got}`);
  }
  return null;
}

export function parseOverridesTab(
  values: ReadonlyArray<ReadonlyArray<unknown>>,
  known: KnownLists,
  options: ParseOptions = {},
): ParsedOverridesTab {
  const overrides = new Map<string, PageOverrides>();
  const problems: OverridesProblem[] = [];
  if (!Array.isArray(values) || values.length === 0) return { overrides, problems };

  const layout = readHeader(Array.isArray(values[0]) ? values[0] : []);
  for (const p of layout.problems) problems.push({ tab: OVERRIDES_TAB, row: 1, column: p.column, page: '', message: p.message });
  const pageIndex = layout.index.page_name;
  if (pageIndex === undefined) return { overrides, problems };

  const readers = readersFor(options.timeZone ?? LA_ZONE);
  const firstRowOf = new Map<string, number>();
  const fallBack = new Set<string>();
  for (let r = 1; r < values.length; r++) {
    const row: ReadonlyArray<unknown> = Array.isArray(values[r]) ? (values[r] as unknown[]) : [];
    if (row.every(isBlank)) continue;
    const sheetRow = r + 1;
    const report = reporter(layout, problems, sheetRow);
    const pageCell = readText(row[pageIndex]);
    const page = pageCell.ok && pageCell.value !== undefined ? pageCell.value.trim() : '';
    if (!pageCell.ok || page === '') {
      report('page_name', '', pageCell.ok ? 'the page name is empty; fill it in or clear the row' : pageCell.message);
      continue;
    }
    const firstRow = firstRowOf.get(page);
    if (firstRow !== undefined) {
      report('page_name', page, `the page already has a row (row ${firstRow}); keep one row per page — until then the page uses its defaults`);
      fallBack.add(page);
      continue;
    }
    firstRowOf.set(page, sheetRow);
    const read = readRow(row, page, layout, readers, known, report);
    if (read) overrides.set(page, read);
    else fallBack.add(page);
  }
  for (const page of fallBack) overrides.delete(page);
  return { overrides, problems };
}

export interface RowMeta {
  updatedAt?: string;
  updatedBy?: string;
}

/** One page's cells keyed by column name: only strings and numbers, never a Date or undefined. */
export function toRecord(page: string, o: PageOverrides, meta: RowMeta = {}): Record<OverridesColumn, string | number> {
  return {
    page_name: escapeText(page),
    pause_until: o.pauseUntil ?? '',
    volume_multiplier: o.volumeMultiplier ?? '',
    ppv_min: o.ppvMin ?? '',
    ppv_max: o.ppvMax ?? '',
    allowed_hours: o.allowedHours ? `${o.allowedHours.start}-${o.allowedHours.end}` : '',
    price_floor: o.priceFloor ?? '',
    price_ceiling: o.priceCeiling ?? '',
    excluded_categories: o.excludedCategories ? escapeText(o.excludedCategories.join(', ')) : '',
    notes: o.notes !== undefined ? escapeText(o.notes) : '',
    updated_at: meta.updatedAt ?? '',
    updated_by: meta.updatedBy !== undefined ? escapeText(meta.updatedBy) : '',
  };
}

/** The row in the tab's canonical column order (the header written to a new tab). */
export function toRow(page: string, overrides: PageOverrides, meta: RowMeta = {}): Array<string | number> {
  const record = toRecord(page, overrides, meta);
  return OVERRIDES_COLUMNS.map((c) => record[c]);
}

/**
 * The row laid out like an existing header: our columns where the header has them, and whatever
 * the scheduler keeps in their own extra columns left as it was.
 */
export function rowForLayout(
  record: Record<OverridesColumn, string | number>,
  index: Partial<Record<OverridesColumn, number>>,
  width: number,
  existing: ReadonlyArray<unknown> = [],
): unknown[] {
  const row: unknown[] = [];
  for (let i = 0; i < width; i++) {
    const keep = existing[i];
    row.push(keep === undefined || keep === null ? '' : keep);
  }
  for (const col of OVERRIDES_COLUMNS) {
    const i = index[col];
    if (i !== undefined) row[i] = record[col];
  }
  return row;
}
