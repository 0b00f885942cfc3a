// A tab's rows and columns as a person sees them: hidden, grouped and collapsed, row heights;
// the tab itself hidden or coloured.
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#hideColumns(Integer,Integer)
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRowGroup(Integer,Integer)
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#hideSheet()
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#setTabColor(String)
import { ServiceError } from '../errors';
import type { GridRect } from './a1';
import { argb, fromArgb } from './colors';
import { Group, groupAt, groupsOf, GroupControlTogglePosition, setCollapsed, type GroupSpan } from './groups';
import type { Axis, DimensionModel } from './model';
import { DEFAULT_ROW_PX } from './persist';
import { Range } from './range';
import type { LocalSpreadsheet, TabModel } from './workbook';


export class SheetLayout {
  constructor(
    readonly _book: LocalSpreadsheet,
    readonly _tab: TabModel,
  ) {}

  hideColumns(columnIndex: number, numColumns = 1): void { this._hide('column', columnIndex, numColumns, true); }
  showColumns(columnIndex: number, numColumns = 1): void { this._hide('column', columnIndex, numColumns, false); }
  hideRows(rowIndex: number, numRows = 1): void { this._hide('row', rowIndex, numRows, true); }
  showRows(rowIndex: number, numRows = 1): void { this._hide('row', rowIndex, numRows, false); }
  hideColumn(column: Range): void { this.hideColumns(column._rect.column, column._rect.numColumns); }
  hideRow(row: Range): void { this.hideRows(row._rect.row, row._rect.numRows); }
  unhideColumn(column: Range): void { this.showColumns(column._rect.column, column._rect.numColumns); }
  unhideRow(row: Range): void { this.showRows(row._rect.row, row._rect.numRows); }
  /** Hidden with hideColumns (a collapsed group's columns are not hidden by the user). */
  isColumnHiddenByUser(columnPosition: number): boolean { return this._tab.sheets.columns.hidden.has(Number(columnPosition)); }
  isRowHiddenByUser(rowPosition: number): boolean { return this._tab.sheets.rows.hidden.has(Number(rowPosition)); }
  /** The local runtime has no filters. */
  isRowHiddenByFilter(_rowPosition: number): boolean { return false; }

  setRowHeight(rowPosition: number, height: number): this { return this.setRowHeights(rowPosition, 1, height); }

  setRowHeights(startRow: number, numRows: number, height: number): this {
    this._checkSpan('row', startRow, numRows);
    for (let r = startRow; r < startRow + numRows; r++) this._tab.sheets.rowHeights.set(r, Number(height));
    return this;
  }

  getRowHeight(rowPosition: number): number { return this._tab.sheets.rowHeights.get(Number(rowPosition)) ?? DEFAULT_ROW_PX; }

  /** The group of that depth holding the row, or null. */
  getRowGroup(rowIndex: number, groupDepth: number): Group<Range> | null { return this._group('row', rowIndex, groupDepth); }
  getColumnGroup(columnIndex: number, groupDepth: number): Group<Range> | null { return this._group('column', columnIndex, groupDepth); }
  getRowGroupDepth(rowIndex: number): number { return this._tab.sheets.rows.depth.get(Number(rowIndex)) ?? 0; }
  getColumnGroupDepth(columnIndex: number): number { return this._tab.sheets.columns.depth.get(Number(columnIndex)) ?? 0; }
  collapseAllRowGroups(): this { return this._all('row', true); }
  expandAllRowGroups(): this { return this._all('row', false); }
  collapseAllColumnGroups(): this { return this._all('column', true); }
  expandAllColumnGroups(): this { return this._all('column', false); }
  setRowGroupControlPosition(position: string): this { return this._control('row', position); }
  setColumnGroupControlPosition(position: string): this { return this._control('column', position); }
  getRowGroupControlPosition(): string { return this._tab.sheets.rows.controlAfter ? 'AFTER' : 'BEFORE'; }
  getColumnGroupControlPosition(): string { return this._tab.sheets.columns.controlAfter ? 'AFTER' : 'BEFORE'; }

  /** "If this method is called on the only visible sheet, it throws an exception." */
  hideSheet(): this {
    if (this._tab.worksheet.state !== 'visible') return this;
    const visible = this._book.tabList().filter((t) => t.worksheet.state === 'visible');
    if (visible.length <= 1) throw new ServiceError("You can't hide all the sheets in a document.");
    this._tab.worksheet.state = 'hidden';
    return this;
  }

  showSheet(): this {
    this._tab.worksheet.state = 'visible';
    return this;
  }

  isSheetHidden(): boolean { return this._tab.worksheet.state !== 'visible'; }

  /** A CSS colour ('#ff0000' or 'red'), or null to reset. */
  setTabColor(color: string | null): this {
    const props = this._tab.worksheet.properties as { tabColor?: { argb: string } };
    props.tabColor = color ? { argb: argb(color) } : undefined;
    return this;
  }

  /** '#rrggbb', or null when the tab has no colour. */
  getTabColor(): string | null {
    return fromArgb((this._tab.worksheet.properties as { tabColor?: { argb?: string } }).tabColor?.argb) ?? null;
  }

  _rangeOf(rect: GridRect): Range { return new Range(this as never, rect); }

  private _dim(axis: Axis): DimensionModel { return axis === 'row' ? this._tab.sheets.rows : this._tab.sheets.columns; }

  /** Sheets refuses indexes outside the grid with these messages. */
  private _checkSpan(axis: Axis, start: number, count: number): void {
    const max = axis === 'row' ? this._tab.maxRows : this._tab.maxColumns;
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 1 || count < 1 || start + count - 1 > max) {
      throw new ServiceError(axis === 'row' ? 'Those rows are out of bounds.' : 'Those columns are out of bounds.');
    }
  }

  private _hide(axis: Axis, start: number, count: number, hidden: boolean): void {
    this._checkSpan(axis, Number(start), Number(count));
    const set = this._dim(axis).hidden;
    for (let i = Number(start); i < Number(start) + Number(count); i++) {
      if (hidden) set.add(i);
      else set.delete(i);
    }
  }

  private _group(axis: Axis, index: number, depth: number): Group<Range> | null {
    const dim = this._dim(axis);
    const span = groupAt(dim, Number(index), Number(depth));
    return span ? new Group(dim, span, (g: GroupSpan) => this._groupRange(axis, g)) : null;
  }

  private _groupRange(axis: Axis, g: GroupSpan): Range {
    const n = g.end - g.start + 1;
    return axis === 'row'
      ? this._rangeOf({ row: g.start, column: 1, numRows: n, numColumns: this._tab.maxColumns })
      : this._rangeOf({ row: 1, column: g.start, numRows: this._tab.maxRows, numColumns: n });
  }

  private _all(axis: Axis, collapsed: boolean): this {
    const dim = this._dim(axis);
    for (const g of groupsOf(dim)) setCollapsed(dim, g, collapsed);
    return this;
  }

  private _control(axis: Axis, position: string): this {
    if (!(String(position) in GroupControlTogglePosition)) {
      throw new ServiceError(`The parameters (${String(position)}) don't match the method signature for SpreadsheetApp.Sheet.set${axis === 'row' ? 'Row' : 'Column'}GroupControlPosition.`);
    }
    this._dim(axis).controlAfter = String(position) === 'AFTER';
    return this;
  }
}
