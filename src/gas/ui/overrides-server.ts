// Sidebar server functions for page overrides, thin over the Overrides tab. Validation failures
// are answers ({ ok: false, errors }), never exceptions; only plain data goes back to the sidebar.
import { LA_ZONE } from '../../core/la-time';
import { DEFAULT_CATEGORIES, type PageOverrides } from '../../core/overrides/schema';
import {
  OVERRIDES_COLUMNS, OVERRIDES_TAB, checkOverrides, parseOverridesTab, readHeader, rowForLayout, toRecord, toRow,
  type FieldError, type OverridesColumn, type OverridesProblem,
} from '../../core/overrides/table';
import { unescapeText } from '../../core/overrides/cells';
import type { LockApi } from '../adapters/lock';
import { pagesFromOverview, readTab, stampInZone, type SpreadsheetLike } from '../adapters/overrides-tab';

export interface OverridesDeps {
  spreadsheet(): SpreadsheetLike;
  /** Known page names (today: the Overview tab; later: BigQuery `creators`). */
  knownPages(spreadsheet: SpreadsheetLike): string[];
  /** Known content categories (today: a constant; later: BigQuery `caption_bank`). */
  knownCategories(): string[];
  lock(): LockApi;
  now(): Date;
  /** Who saves, for updated_by ('' when Apps Script will not say). */
  user(): string;
  /** Commit pending writes before the lock is released. */
  flush(): void;
}

export interface SidebarData {
  pages: string[];
  categories: string[];
  overrides: Record<string, PageOverrides>;
  problems: OverridesProblem[];
}

export type SaveResult =
  | { ok: true; saved: PageOverrides; row: number }
  | { ok: false; errors: FieldError[] };

const LOCK_WAIT_MS = 10_000;
/** Columns a save cannot do without; updated_at / updated_by are only written when present. */
const REQUIRED_FOR_SAVE = OVERRIDES_COLUMNS.filter((c) => c !== 'updated_at' && c !== 'updated_by');

/** What crosses google.script.run: no Date, no undefined, no prototype tricks. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const formError = (message: string): SaveResult => ({ ok: false, errors: [{ field: 'form', message }] });

/** Writes the page's one row (a new tab gets its header in the same write). */
function writeRow(spreadsheet: SpreadsheetLike, page: string, overrides: PageOverrides, meta: { updatedAt: string; updatedBy: string }): SaveResult {
  const { sheet, values } = readTab(spreadsheet, OVERRIDES_TAB);
  const hoursColumn = OVERRIDES_COLUMNS.indexOf('allowed_hours') + 1;
  if (!sheet || values.length === 0) {
    // A new tab: header and the row in one write.
    const target = sheet ?? spreadsheet.insertSheet(OVERRIDES_TAB);
    // Plain text, or Sheets reads hours like 9-23 as the date Sep 23.
    target.getRange(2, hoursColumn, 1, 1).setNumberFormat('@');
    target.getRange(1, 1, 2, OVERRIDES_COLUMNS.length).setValues([[...OVERRIDES_COLUMNS], toRow(page, overrides, meta)]);
    return { ok: true, saved: plain(overrides), row: 2 };
  }
  const header = values[0] ?? [];
  const layout = readHeader(header);
  const missing = REQUIRED_FOR_SAVE.filter((c) => layout.missing.includes(c));
  if (missing.length > 0) {
    return formError(
      `The ${OVERRIDES_TAB} tab's header has no column ${missing.map((c) => `'${c}'`).join(', ')} (missing or renamed); ` +
        `restore it so the header reads ${OVERRIDES_COLUMNS.join(' | ')}, then save again.`,
    );
  }
  const pageIndex = layout.index.page_name as number;
  let found = values.findIndex((r, i) => i > 0 && unescapeText(String(r[pageIndex] ?? '')).trim() === page);
  const rowNumber = found > 0 ? found + 1 : values.length + 1;
  if (found < 0) found = values.length;
  const width = Math.max(header.length, 1);
  const record = toRecord(page, overrides, meta);
  const row = rowForLayout(record, layout.index as Partial<Record<OverridesColumn, number>>, width, values[found] ?? []);
  sheet.getRange(rowNumber, (layout.index.allowed_hours as number) + 1, 1, 1).setNumberFormat('@');
  sheet.getRange(rowNumber, 1, 1, width).setValues([row]);
  return { ok: true, saved: plain(overrides), row: rowNumber };
}

export function createOverridesServer(deps: OverridesDeps) {
  function known(spreadsheet: SpreadsheetLike) {
    return { pages: deps.knownPages(spreadsheet), categories: deps.knownCategories() };
  }

  function getOverridesForSidebar(): SidebarData {
    const spreadsheet = deps.spreadsheet();
    const lists = known(spreadsheet);
    const { values } = readTab(spreadsheet, OVERRIDES_TAB);
    const parsed = parseOverridesTab(values, lists, { timeZone: spreadsheet.getSpreadsheetTimeZone() });
    return plain({
      pages: lists.pages,
      categories: lists.categories,
      // fromEntries defines own properties, so even a page called '__proto__' stays data.
      overrides: Object.fromEntries(parsed.overrides),
      problems: parsed.problems,
    });
  }

  function saveOverrides(page: unknown, overrides: unknown): SaveResult {
    const spreadsheet = deps.spreadsheet();
    const checked = checkOverrides(page, overrides, known(spreadsheet));
    if (!checked.ok) return plain({ ok: false, errors: checked.errors });
    const lock = deps.lock();
    if (!lock.tryLock(LOCK_WAIT_MS)) return formError('Someone else is saving overrides right now; try again in a moment.');
    try {
      const result = writeRow(spreadsheet, page as string, checked.value, { updatedAt: stampInZone(deps.now(), LA_ZONE), updatedBy: deps.user() });
      if (result.ok) deps.flush();
      return result;
    } finally {
      lock.releaseLock();
    }
  }

  return { getOverridesForSidebar, saveOverrides };
}

export function appsScriptOverridesDeps(): OverridesDeps {
  return {
    spreadsheet: () => SpreadsheetApp.getActive(),
    knownPages: pagesFromOverview,
    knownCategories: () => [...DEFAULT_CATEGORIES],
    // A document lock exists only in a bound document or add-on; else the script lock.
    lock: () => LockService.getDocumentLock() ?? LockService.getScriptLock(),
    now: () => new Date(),
    user: () => {
      try {
        return Session.getActiveUser().getEmail();
      } catch {
        return '';
      }
    },
    flush: () => SpreadsheetApp.flush(),
  };
}

/** google.script.run entry: lists, current overrides and any problems in the tab. */
export function getOverridesForSidebar(): SidebarData {
  return createOverridesServer(appsScriptOverridesDeps()).getOverridesForSidebar();
}

/** google.script.run entry: validate, then write the page's one row. */
export function saveOverrides(page: unknown, overrides: unknown): SaveResult {
  return createOverridesServer(appsScriptOverridesDeps()).saveOverrides(page, overrides);
}
