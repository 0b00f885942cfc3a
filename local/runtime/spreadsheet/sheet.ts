// Sheet: one tab of the spreadsheet. Rows and columns as shown (hidden, groups) live in
// sheet-layout.ts; protections, bandings and charts in sheet-objects.ts.
// https://developers.google.com/apps-script/reference/spreadsheet/sheet
import { ServiceError } from '../errors';
import { parseA1, splitSheetName, type GridRect } from './a1';
import type { ConditionalFormatRule } from './conditional';
import { checkMetadataSize, DeveloperMetadata, newMetadataId } from './metadata';
import { moveModel, moveRect as moveModelRect, type Axis } from './model';
import { Range } from './range';
import { SheetObjects } from './sheet-objects';
import { displayOf, DEFAULT_FORMAT } from './values';
import { MAX_TAB_NAME } from './workbook';

/** Sheets' default column width in pixels; an .xlsx width unit is about 7 px. */
const DEFAULT_COLUMN_PX = 100;
const PX_PER_EXCEL_UNIT = 7;

export class Sheet extends SheetObjects {
  static readonly apiName = 'SpreadsheetApp.Sheet';

  getName(): string { return this._tab.name; }
  getSheetId(): number { return this._tab.worksheet.id; }
  getSheetName(): string { return this.getName(); }
  /** 1-based position among the tabs. */
  getIndex(): number { return this._book.tabList().indexOf(this._tab) + 1; }
  getMaxRows(): number { return this._tab.maxRows; }
  getMaxColumns(): number { return this._tab.maxColumns; }

  setName(name: string): this {
    const clash = this._book.tabList().find((t) => t !== this._tab && t.name.toLowerCase() === String(name).toLowerCase());
    if (clash) throw duplicateName(name);
    checkTabName(String(name));
    this._book.renameTab(this._tab, String(name));
    return this;
  }

  activate(): this {
    this._book.activeSheetId = this._tab.worksheet.id;
    return this;
  }

  /** getRange(a1) or getRange(row, column[, numRows[, numColumns]]), all 1-based. */
  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): Range {
    if (typeof rowOrA1 === 'string') {
      const { sheet, ref } = splitSheetName(rowOrA1);
      const target = sheet === undefined ? this : this._sheetNamed(sheet);
      return new Range(target, target._bounded(parseA1(ref, target._tab.maxRows, target._tab.maxColumns)));
    }
    const rect: GridRect = { row: Number(rowOrA1), column: Number(column), numRows: numRows ?? 1, numColumns: numColumns ?? 1 };
    if (column === undefined || !Number.isFinite(rect.row) || !Number.isFinite(rect.column)) {
      throw new ServiceError(`The parameters (${[rowOrA1, column, numRows, numColumns].filter((a) => a !== undefined).map(() => 'number').join(',')}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`);
    }
    if (rect.row < 1) throw new ServiceError('The starting row of the range is too small.');
    if (rect.column < 1) throw new ServiceError('The starting column of the range is too small.');
    if (rect.numRows < 1) throw new ServiceError('The number of rows in the range must be at least 1.');
    if (rect.numColumns < 1) throw new ServiceError('The number of columns in the range must be at least 1.');
    return new Range(this, this._bounded(rect));
  }

  /** From A1 to the last row and column that hold content (A1 alone on an empty tab). */
  getDataRange(): Range {
    return new Range(this, { row: 1, column: 1, numRows: Math.max(1, this.getLastRow()), numColumns: Math.max(1, this.getLastColumn()) });
  }

  /** The last row with content (0 when the tab is empty); formatting alone does not count. */
  getLastRow(): number {
    let last = 0;
    this._tab.worksheet.eachRow({ includeEmpty: false }, (row, n) => {
      let filled = false;
      row.eachCell({ includeEmpty: false }, (cell) => { if (cell.value !== null && cell.value !== '') filled = true; });
      if (filled) last = n;
    });
    return last;
  }

  getLastColumn(): number {
    let last = 0;
    this._tab.worksheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell, col) => { if (cell.value !== null && cell.value !== '' && col > last) last = col; });
    });
    return last;
  }

  /** Apps Script grows the grid with insertRows*; writing past getMaxRows() fails instead. */
  insertRowsAfter(afterPosition: number, howMany: number): this {
    this._book.checkGrowth(howMany * this._tab.maxColumns);
    this._tab.worksheet.spliceRows(afterPosition + 1, 0, ...Array.from({ length: howMany }, () => []));
    this._tab.maxRows += howMany;
    this._move('row', afterPosition + 1, howMany);
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this._book.checkGrowth(howMany * this._tab.maxRows);
    // Columns past the last one with content need no shifting (exceljs fails on an empty tab).
    if (afterPosition < this._tab.worksheet.columnCount) {
      this._tab.worksheet.spliceColumns(afterPosition + 1, 0, ...Array.from({ length: howMany }, () => []));
    }
    this._tab.maxColumns += howMany;
    this._move('column', afterPosition + 1, howMany);
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    if (rowPosition < 1) throw new ServiceError('The starting row of the range is too small.');
    this._tab.worksheet.spliceRows(rowPosition, howMany);
    this._tab.maxRows = Math.max(1, this._tab.maxRows - howMany);
    this._move('row', rowPosition, -howMany);
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    if (columnPosition < 1) throw new ServiceError('The starting column of the range is too small.');
    this._tab.worksheet.spliceColumns(columnPosition, howMany);
    this._tab.maxColumns = Math.max(1, this._tab.maxColumns - howMany);
    this._move('column', columnPosition, -howMany);
  }

  /** Writes after the last row with content, growing the grid by one row when it is full. */
  appendRow(rowContents: unknown[]): this {
    const row = this.getLastRow() + 1;
    const rows = Math.max(row, this._tab.maxRows);
    const columns = Math.max(rowContents.length, this._tab.maxColumns);
    this._book.checkGrowth(rows * columns - this._tab.maxRows * this._tab.maxColumns);
    this._tab.maxRows = rows;
    this._tab.maxColumns = columns;
    new Range(this, { row, column: 1, numRows: 1, numColumns: Math.max(1, rowContents.length) }).setValues([rowContents]);
    return this;
  }

  /** Clears values and formatting (not frozen rows or column widths). */
  clear(): this {
    this._tab.worksheet.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => {
      cell.value = null;
      cell.style = {};
    }));
    return this;
  }

  clearContents(): this {
    this._tab.worksheet.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => { cell.value = null; }));
    return this;
  }

  clearFormats(): this {
    this._tab.worksheet.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => { cell.style = {}; }));
    return this;
  }

  setFrozenRows(rows: number): void {
    const view = this._tab.worksheet.views[0] ?? {};
    const xSplit = 'xSplit' in view ? view.xSplit : 0;
    this._tab.worksheet.views = rows > 0 || xSplit ? [{ state: 'frozen', ySplit: rows, xSplit }] : [];
  }

  getFrozenRows(): number {
    const view = this._tab.worksheet.views[0];
    return view && view.state === 'frozen' ? view.ySplit ?? 0 : 0;
  }

  setFrozenColumns(columns: number): void {
    const rows = this.getFrozenRows();
    this._tab.worksheet.views = rows > 0 || columns > 0 ? [{ state: 'frozen', ySplit: rows, xSplit: columns }] : [];
  }

  getFrozenColumns(): number {
    const view = this._tab.worksheet.views[0];
    return view && view.state === 'frozen' ? view.xSplit ?? 0 : 0;
  }

  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    this._tab.conditionalRules = [...rules];
  }

  getConditionalFormatRules(): ConditionalFormatRule[] {
    return [...(this._tab.conditionalRules ?? [])];
  }

  setColumnWidth(column: number, widthPx: number): this {
    if (!Number.isInteger(column) || column < 1 || column > this._tab.maxColumns) throw new ServiceError('Those columns are out of bounds.');
    this._tab.worksheet.getColumn(column).width = widthPx / PX_PER_EXCEL_UNIT;
    return this;
  }

  setColumnWidths(startColumn: number, numColumns: number, widthPx: number): this {
    for (let c = startColumn; c < startColumn + numColumns; c++) this.setColumnWidth(c, widthPx);
    return this;
  }

  getColumnWidth(column: number): number {
    const width = this._tab.worksheet.getColumn(column).width;
    return width === undefined ? DEFAULT_COLUMN_PX : Math.round(width * PX_PER_EXCEL_UNIT);
  }

  /** Fits each column to its longest displayed text (an estimate of Sheets' pixel measure). */
  autoResizeColumns(startColumn: number, numColumns: number): this {
    for (let c = startColumn; c < startColumn + numColumns; c++) {
      let longest = 0;
      this._tab.worksheet.getColumn(c).eachCell({ includeEmpty: false }, (cell) => {
        const text = displayOf(cell.value, cell.numFmt || DEFAULT_FORMAT);
        longest = Math.max(longest, ...text.split('\n').map((l) => l.length));
      });
      this._tab.worksheet.getColumn(c).width = Math.max(2, longest + 2);
    }
    return this;
  }

  autoResizeColumn(column: number): this {
    return this.autoResizeColumns(column, 1);
  }

  /** Attaches a key (and value) to this tab; several entries may share a key. */
  addDeveloperMetadata(key: string, value?: string): this {
    if (typeof key !== 'string' || key === '') throw new ServiceError('Invalid argument: key');
    const v = value === undefined || value === null ? null : String(value);
    checkMetadataSize(this._tab.metadata, key.length + (v?.length ?? 0));
    this._tab.metadata.push({ id: newMetadataId(), key, value: v });
    return this;
  }

  getDeveloperMetadata(): DeveloperMetadata[] {
    return this._tab.metadata.map((entry) => new DeveloperMetadata(entry, this._tab.metadata));
  }

  /** Groups, hidden rows, validation, protections, banding and charts move with the cells. */
  private _move(axis: Axis, at: number, count: number): void {
    moveModel(this._tab.sheets, axis, at, count, this._tab);
    for (const other of this._book.tabList()) {
      if (other === this._tab) continue;
      for (const chart of other.sheets.charts) {
        chart.sources = chart.sources.flatMap((s) => {
          if (s.tab !== this._tab) return [s];
          const moved = moveModelRect(s.rect, axis, at, count);
          return moved ? [{ ...s, rect: moved }] : [];
        });
      }
    }
  }

  private _sheetNamed(name: string): Sheet {
    const tab = this._book.tabByName(name);
    if (!tab) throw new ServiceError('Range not found');
    return new Sheet(this._book, tab);
  }

  /** Sheets refuses a range that reaches past the grid. */
  private _bounded(rect: GridRect): GridRect {
    if (rect.row + rect.numRows - 1 > this._tab.maxRows || rect.column + rect.numColumns - 1 > this._tab.maxColumns) {
      throw new ServiceError('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return rect;
  }
}

export function duplicateName(name: string): ServiceError {
  return new ServiceError(`A sheet with the name "${name}" already exists. Please enter another name.`);
}

/** Sheets refuses an empty name or one longer than 100 characters (its text is not documented: ours names the rule). */
export function checkTabName(name: string): void {
  if (name.trim() === '') throw new ServiceError('A sheet name cannot be empty.');
  if (name.length > MAX_TAB_NAME) throw new ServiceError(`A sheet name can be at most ${MAX_TAB_NAME} characters.`);
}
