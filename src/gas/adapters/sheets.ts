// The Workbook port over SpreadsheetApp. A tab's layout (frozen header, bold header, column
// number formats, light colours) is set once, when the tab is created, on whole columns, and
// survives clearContents(); replacing a tab's rows is then three document calls whatever the
// number of rows: getSheetByName, clearContents, setValues (plus the getRange reference). A
// schedule tab is written as a fixed block (Table.blockRows) that covers any earlier week, so it
// needs no clearContents: two calls. No layout check on replace (it would be one more call):
// creation renames the tab only once laid out and filled. A new schedule tab's grid is cut to its
// block: 500 tabs of Google's default 1000 × 26 would pass the 10 million cells of a spreadsheet.
// Later new schedule tabs of an execution are copies of the first (insertSheet with a template):
// seven calls a tab (the copy, its page tag, its rows, its name) instead of sixteen.
// Each schedule tab carries its page in developer metadata (PAGE_KEY), set when the tab is made:
// a tab's name is Sheets-safe, cut at 100 characters and may be renamed by a person, so only the
// tag maps a tab back to its page.
import type { Cell, Table, Workbook } from '../../core/run/ports';
import { scheduleTabName } from '../../core/run/tabs';
import type { SpreadsheetLike } from './overrides-tab';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The spreadsheet as the writer uses it: new tabs may be copies of a template tab. */
export type WorkbookSpreadsheet = SpreadsheetLike<Sheet> & { insertSheet(name: string, options: { template: Sheet }): Sheet };

/** Developer metadata key of a schedule tab's page. */
export const PAGE_KEY = 'eros.page';

/** SpreadsheetApp's rule builder factory (injected so tests need no global). */
export type RuleFactory = () => GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;

export const LIGHT_COLOURS: Record<string, string> = { GREEN: '#b7e1cd', YELLOW: '#fce8b2', RED: '#f4c7c3' };
export const TABS = { overview: 'Overview', runs: 'Runs', health: 'Health' };
/** A new sheet's grid (Google's default); writing past it needs insertRowsAfter first. */
const DEFAULT_ROWS = 1000;
const DEFAULT_COLUMNS = 26;
const MAX_TAB_NAME = 100;
/** A tab being laid out (renamed once its layout is complete). */
export const WORKING_PREFIX = '~new~ ';
/** Runs rows searched for the run's own row: a resumed run comes back within a day. */
const RUNS_LOOKBACK = 100;

const cell = (c: Cell): string | number | boolean | Date => (c === null ? '' : c);

function checkShape(table: Table, where: string): void {
  const n = table.header.length;
  table.rows.forEach((r, i) => {
    if (r.length !== n) throw new Error(`${where}: row ${i + 1} has ${r.length} cells for ${n} columns`);
  });
}

const letter = (col: number): string => {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

export class SheetsWorkbook implements Workbook {
  /** Schedule tabs this execution created, by layout: the next one is a copy (one call, not ten). */
  private readonly templates = new Map<string, Sheet>();

  constructor(
    private readonly ss: WorkbookSpreadsheet,
    private readonly newRule: RuleFactory,
  ) {}

  writeScheduleTab(pageName: string, table: Table): void {
    this.replace(scheduleTabName(pageName), table, undefined, pageName);
  }

  pageOfTab(tabName: string): string | null {
    const sheet = this.ss.getSheetByName(tabName);
    const tag = sheet?.getDeveloperMetadata().find((m) => m.getKey() === PAGE_KEY);
    return tag?.getValue() ?? null;
  }

  /**
   * Merges this run's pages into the Overview (one more read): a one-page run must not drop the
   * other pages, and a page not generated this time keeps its last generation time.
   */
  writeOverview(table: Table): void {
    const sheet = this.ss.getSheetByName(TABS.overview);
    if (!sheet) {
      this.replace(TABS.overview, table);
      return;
    }
    const [oldHeader = [], ...oldRows] = sheet.getDataRange().getValues() as unknown[][];
    const col = (name: string) => oldHeader.indexOf(name);
    const fresh = new Map(table.rows.map((r) => [String(r[0]), r]));
    const lastAt = table.header.indexOf('Last generated');
    const kept: Cell[][] = [];
    for (const old of oldRows) {
      const page = String(old[col('Page')] ?? '');
      if (page === '') continue;
      const row = fresh.get(page);
      const previous = old[col('Last generated')];
      if (row && lastAt >= 0 && row[lastAt] === null && previous instanceof Date) row[lastAt] = previous;
      // Rows of other pages, realigned to today's header (a column a person added is dropped).
      if (!row) kept.push(table.header.map((h) => (col(h) >= 0 ? (old[col(h)] as Cell) ?? null : null)));
    }
    const rows = [...kept, ...table.rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    this.replace(TABS.overview, { ...table, rows }, sheet);
  }

  writeHealth(table: Table): void {
    this.replace(TABS.health, table);
  }

  scheduleIdOnTab(pageName: string): string | null {
    const sheet = this.ss.getSheetByName(scheduleTabName(pageName));
    if (!sheet || sheet.getLastRow() < 2) return null;
    // Every row of a schedule tab carries the same id in its last column.
    const id: unknown = sheet.getRange(2, sheet.getLastColumn(), 1, 1).getValues()[0]?.[0];
    return typeof id === 'string' && /^sch_[0-9a-f]+$/.test(id) ? id : null;
  }

  /**
   * getSheetByName, getLastRow, one read of the last rows' Run IDs, setValues: the header is written
   * when the tab is new or empty. A row whose Run ID is already there is replaced, not appended: an
   * execution killed after writing it and before dropping its checkpoint finishes the run again.
   */
  appendRuns(table: Table): void {
    checkShape(table, `tab ${TABS.runs}`);
    if (table.rows.length === 0) return;
    const sheet = this.ss.getSheetByName(TABS.runs) ?? this.create(TABS.runs, table);
    const last = sheet.getLastRow();
    if (last === 0) {
      this.setValues(sheet, 1, [table.header, ...table.rows].map((r) => r.map(cell)), table.header.length);
      return;
    }
    const idCol = Math.max(0, table.header.indexOf('Run ID'));
    const { from, ids } = this.recentRunIds(sheet, last, idCol);
    let next = last + 1;
    for (const row of table.rows) {
      const at = ids.lastIndexOf(String(row[idCol] ?? ''));
      this.setValues(sheet, at >= 0 && row[idCol] !== null ? from + at : next++, [row.map(cell)], table.header.length);
    }
  }

  /** getSheetByName, getLastRow, one read of the last rows' Run IDs, and the row when found. */
  runsRow(runId: string): Cell[] | null {
    const sheet = this.ss.getSheetByName(TABS.runs);
    const last = sheet?.getLastRow() ?? 0;
    if (!sheet || last < 2) return null;
    const { from, ids } = this.recentRunIds(sheet, last, 0);
    const at = ids.lastIndexOf(runId);
    if (at < 0) return null;
    const [row = []] = sheet.getRange(from + at, 1, 1, sheet.getLastColumn()).getValues() as unknown[][];
    return row.map((v) => (v === '' ? null : (v as Cell)));
  }

  private recentRunIds(sheet: Sheet, last: number, idCol: number): { from: number; ids: string[] } {
    const from = Math.max(2, last - RUNS_LOOKBACK + 1);
    const ids = last >= from ? sheet.getRange(from, idCol + 1, last - from + 1, 1).getValues().map((r) => String(r[0] ?? '')) : [];
    return { from, ids };
  }

  private replace(name: string, table: Table, known?: Sheet, page?: string): void {
    checkShape(table, `tab ${name}`);
    // Past the block, a later shorter table would leave this one's tail: refused before any write.
    if (table.blockRows !== undefined && table.rows.length + 1 > table.blockRows) {
      throw new Error(`tab ${name}: ${table.rows.length} rows, more than the ${table.blockRows - 1} it holds`);
    }
    const values = [table.header, ...table.rows].map((r) => r.map(cell));
    if (table.blockRows !== undefined) {
      // Blanks to the end of the block overwrite whatever an earlier table left below this one.
      const blank = table.header.map(() => '');
      while (values.length < table.blockRows) values.push(blank);
    }
    const existing = known ?? this.ss.getSheetByName(name);
    if (!existing) {
      this.create(name, table, values, page);
      return;
    }
    // Contents only: the layout set at creation stays.
    if (table.blockRows === undefined) existing.clearContents();
    this.setValues(existing, 1, values, table.header.length);
  }

  /** One setValues; the grid grows first only when the block would not fit a default grid. */
  private setValues(sheet: Sheet, fromRow: number, values: Array<Array<string | number | boolean | Date>>, cols: number): void {
    const lastRow = fromRow + values.length - 1;
    if (lastRow > DEFAULT_ROWS || cols > DEFAULT_COLUMNS) this.ensureSize(sheet, lastRow, cols);
    try {
      sheet.getRange(fromRow, 1, values.length, cols).setValues(values);
    } catch (e) {
      // A person may have deleted rows or columns: grow the grid and try once more.
      this.ensureSize(sheet, lastRow, cols);
      if (sheet.getMaxRows() < lastRow || sheet.getMaxColumns() < cols) throw e;
      sheet.getRange(fromRow, 1, values.length, cols).setValues(values);
    }
  }

  /**
   * A new tab: laid out (or copied from a schedule tab this execution created: a block table
   * overwrites all the copy holds), filled when `values` are given, under a working name, and
   * renamed last: an execution killed on the way leaves no half-made tab under the real name, and
   * the next creation lays the leftover out again.
   */
  private create(name: string, table: Table, values?: Array<Array<string | number | boolean | Date>>, page?: string): Sheet {
    const working = `${WORKING_PREFIX}${name}`.slice(0, MAX_TAB_NAME);
    const leftover = this.ss.getSheetByName(working);
    const key = JSON.stringify([table.header, table.numberFormats, table.lightColumn, table.blockRows]);
    let sheet = leftover || table.blockRows === undefined ? null : this.copyOf(this.templates.get(key), working);
    const copied = sheet !== null;
    if (!sheet) {
      sheet = leftover ?? this.ss.insertSheet(working);
      this.layOut(sheet, table);
    }
    if (page !== undefined) tagPage(sheet, page, copied || leftover !== null);
    if (values) this.setValues(sheet, 1, values, table.header.length);
    sheet.setName(name);
    if (table.blockRows !== undefined) this.templates.set(key, sheet);
    return sheet;
  }

  private copyOf(template: Sheet | undefined, name: string): Sheet | null {
    if (!template) return null;
    try {
      return this.ss.insertSheet(name, { template });
    } catch {
      // The template tab was deleted meanwhile: this one is laid out instead.
      this.templates.clear();
      return null;
    }
  }

  /** Layout on whole columns, so any number of rows written later inherits it. */
  private layOut(sheet: Sheet, table: Table): void {
    const cols = table.header.length;
    if (table.blockRows !== undefined) {
      const rows = sheet.getMaxRows();
      if (rows > table.blockRows) sheet.deleteRows(table.blockRows + 1, rows - table.blockRows);
    }
    sheet.setFrozenRows(1);
    sheet.getRange(1, 1, 1, cols).setFontWeight('bold');
    (table.numberFormats ?? []).forEach((format, c) => {
      if (format) sheet.getRange(`${letter(c + 1)}2:${letter(c + 1)}`).setNumberFormat(format);
    });
    if (table.lightColumn !== undefined) {
      const column = letter(table.lightColumn + 1);
      const range = sheet.getRange(`${column}2:${column}`);
      sheet.setConditionalFormatRules(
        Object.entries(LIGHT_COLOURS).map(([light, colour]) => this.newRule().whenTextEqualTo(light).setBackground(colour).setRanges([range]).build()),
      );
    }
  }

  private ensureSize(sheet: Sheet, rows: number, cols: number): void {
    const maxRows = sheet.getMaxRows();
    if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
    const maxCols = sheet.getMaxColumns();
    if (cols > maxCols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
  }
}

/**
 * Tags a schedule tab with its page: one call on a new tab. A copy (or a leftover tab) may already
 * carry its template's tag, which is rewritten rather than doubled: two calls. A schedule tab
 * holds no other metadata (only a script can add it, and only this one tags these tabs).
 */
function tagPage(sheet: Sheet, page: string, mayBeTagged: boolean): void {
  const [tag] = mayBeTagged ? sheet.getDeveloperMetadata() : [];
  if (tag) tag.setValue(page);
  else sheet.addDeveloperMetadata(PAGE_KEY, page);
}
