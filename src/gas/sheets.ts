// The Workbook port over SpreadsheetApp: each tab is written with a constant number of calls
// (one setValues for all cells, one call per formatted column, one for the colour rules).
import type { Cell, Table, Workbook } from '../core/run/ports';
import { scheduleTabName } from '../core/run/tabs';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export interface SpreadsheetLike {
  getSheetByName(name: string): Sheet | null;
  insertSheet(name: string): Sheet;
}

/** SpreadsheetApp's rule builder factory (injected so tests need no global). */
export type RuleFactory = () => GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;

export const LIGHT_COLOURS: Record<string, string> = { GREEN: '#b7e1cd', YELLOW: '#fce8b2', RED: '#f4c7c3' };
export const TABS = { overview: 'Overview', runs: 'Runs', health: 'Health' };

const cell = (c: Cell): string | number | boolean | Date => (c === null ? '' : c);

function checkShape(table: Table, where: string): void {
  const n = table.header.length;
  table.rows.forEach((r, i) => {
    if (r.length !== n) throw new Error(`${where}: row ${i + 1} has ${r.length} cells for ${n} columns`);
  });
}

export class SheetsWorkbook implements Workbook {
  constructor(
    private readonly ss: SpreadsheetLike,
    private readonly newRule: RuleFactory,
  ) {}

  writeScheduleTab(pageName: string, table: Table): void {
    this.replace(scheduleTabName(pageName), table);
  }

  writeOverview(table: Table): void {
    this.replace(TABS.overview, table);
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

  appendRuns(table: Table): void {
    checkShape(table, `tab ${TABS.runs}`);
    const sheet = this.tab(TABS.runs);
    const last = sheet.getLastRow();
    if (last === 0) {
      this.replace(TABS.runs, table, sheet);
      return;
    }
    if (table.rows.length === 0) return;
    this.ensureSize(sheet, last + table.rows.length, table.header.length);
    sheet.getRange(last + 1, 1, table.rows.length, table.header.length).setValues(table.rows.map((r) => r.map(cell)));
    this.formatColumns(sheet, table, last + 1, table.rows.length);
  }

  private tab(name: string): Sheet {
    return this.ss.getSheetByName(name) ?? this.ss.insertSheet(name);
  }

  private replace(name: string, table: Table, existing?: Sheet): void {
    checkShape(table, `tab ${name}`);
    const sheet = existing ?? this.tab(name);
    const values = [table.header, ...table.rows].map((r) => r.map(cell));
    const cols = table.header.length;
    sheet.clear();
    this.ensureSize(sheet, values.length, cols);
    sheet.getRange(1, 1, values.length, cols).setValues(values);
    sheet.setFrozenRows(1);
    sheet.getRange(1, 1, 1, cols).setFontWeight('bold');
    if (table.rows.length > 0) this.formatColumns(sheet, table, 2, table.rows.length);
    if (table.lightColumn !== undefined) {
      const range = sheet.getRange(2, table.lightColumn + 1, Math.max(table.rows.length, 1), 1);
      sheet.setConditionalFormatRules(
        Object.entries(LIGHT_COLOURS).map(([light, colour]) => this.newRule().whenTextEqualTo(light).setBackground(colour).setRanges([range]).build()),
      );
    }
  }

  /** One call per formatted column: constant per tab, whatever the number of rows. */
  private formatColumns(sheet: Sheet, table: Table, fromRow: number, rows: number): void {
    (table.numberFormats ?? []).forEach((format, c) => {
      if (format) (sheet.getRange(fromRow, c + 1, rows, 1) as Range).setNumberFormat(format);
    });
  }

  /** New sheets have 1000 rows × 26 columns; writing past them throws, so grow first. */
  private ensureSize(sheet: Sheet, rows: number, cols: number): void {
    const maxRows = sheet.getMaxRows();
    if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
    const maxCols = sheet.getMaxColumns();
    if (cols > maxCols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
  }
}

export const activeWorkbook = (): Workbook =>
  new SheetsWorkbook(SpreadsheetApp.getActiveSpreadsheet(), () => SpreadsheetApp.newConditionalFormatRule());
