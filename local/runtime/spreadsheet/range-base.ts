// What every layer of the Range stand-in shares: its place on a tab and cell iteration.
// https://developers.google.com/apps-script/reference/spreadsheet/range
import type ExcelJS from 'exceljs';
import { ServiceError } from '../errors';
import { toA1, type GridRect } from './a1';
import type { Sheet } from './sheet';
import { DEFAULT_FORMAT } from './values';

export type Cell = ExcelJS.Cell;

export const EMPTY_CELL = { value: null, numFmt: undefined, font: undefined, fill: undefined, alignment: undefined, border: undefined } as unknown as Cell;

export function formatOf(cell: Cell): string {
  return cell.numFmt || DEFAULT_FORMAT;
}

/** Cells read from a file may share one style object; always give the cell its own copy. */
export function style(cell: Cell, patch: Partial<ExcelJS.Style>): void {
  cell.style = { ...cell.style, ...patch };
}

export function signatureError(method: string, value: unknown): ServiceError {
  const kind = Array.isArray(value) ? 'Object[]' : value === null ? 'null' : typeof value === 'string' ? 'String' : typeof value === 'number' ? 'number' : 'Object';
  return new ServiceError(`The parameters (${kind}) don't match the method signature for SpreadsheetApp.Range.${method}.`);
}

export class RangeBase {
  constructor(
    readonly _sheet: Sheet,
    readonly _rect: GridRect,
  ) {}

  getSheet(): Sheet { return this._sheet; }
  getRow(): number { return this._rect.row; }
  getColumn(): number { return this._rect.column; }
  getNumRows(): number { return this._rect.numRows; }
  getNumColumns(): number { return this._rect.numColumns; }
  getLastRow(): number { return this._rect.row + this._rect.numRows - 1; }
  getLastColumn(): number { return this._rect.column + this._rect.numColumns - 1; }
  getA1Notation(): string { return toA1(this._rect); }

  protected _checkShape(grid: unknown, method: string): void {
    const { numRows, numColumns } = this._rect;
    if (!Array.isArray(grid)) throw signatureError(method, grid);
    if (grid.length !== numRows) {
      throw new ServiceError(`The number of rows in the data does not match the number of rows in the range. The data has ${grid.length} but the range has ${numRows}.`);
    }
    for (const row of grid as unknown[][]) {
      if (!Array.isArray(row) || row.length !== numColumns) {
        throw new ServiceError(`The number of columns in the data does not match the number of columns in the range. The data has ${Array.isArray(row) ? row.length : 0} but the range has ${numColumns}.`);
      }
    }
  }

  /** Every cell, created when missing; r and c are 0-based within the range. */
  protected _each(fn: (cell: Cell, r: number, c: number) => void): void {
    const ws = this._sheet._tab.worksheet;
    for (let r = 0; r < this._rect.numRows; r++) {
      for (let c = 0; c < this._rect.numColumns; c++) fn(ws.getCell(this._rect.row + r, this._rect.column + c), r, c);
    }
  }

  /** Every cell read without creating it: reading a large empty range stays cheap. */
  protected _map<T>(fn: (cell: Cell, row: number, column: number) => T): T[][] {
    const ws = this._sheet._tab.worksheet;
    const out: T[][] = [];
    for (let r = 0; r < this._rect.numRows; r++) {
      const row = ws.findRow(this._rect.row + r);
      const line: T[] = [];
      for (let c = 0; c < this._rect.numColumns; c++) {
        const cell = row?.findCell(this._rect.column + c);
        line.push(fn(cell ?? EMPTY_CELL, this._rect.row + r, this._rect.column + c));
      }
      out.push(line);
    }
    return out;
  }

  protected _topLeft<T>(fn: (cell: Cell, row: number, column: number) => T): T {
    const cell = this._sheet._tab.worksheet.findRow(this._rect.row)?.findCell(this._rect.column);
    return fn(cell ?? EMPTY_CELL, this._rect.row, this._rect.column);
  }
}
