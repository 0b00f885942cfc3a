// Range: a rectangle of cells on one tab.
// https://developers.google.com/apps-script/reference/spreadsheet/range
import type ExcelJS from 'exceljs';
import { ServiceError } from '../errors';
import { toA1, type GridRect } from './a1';
import { argb } from './conditional';
import { AUTO_DATE_FORMAT, DEFAULT_FORMAT, displayOf, fromCell, toCell, type SheetValue } from './values';
import type { Sheet } from './sheet';

type Cell = ExcelJS.Cell;

const ALIGNMENTS: Record<string, ExcelJS.Alignment['horizontal'] | undefined> = {
  left: 'left', center: 'center', right: 'right', normal: undefined,
};

export class Range {
  static readonly apiName = 'SpreadsheetApp.Range';

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

  getValues(): SheetValue[][] {
    const tz = this._sheet._book.timeZone;
    return this._map((c) => fromCell(c.value, tz));
  }

  getValue(): SheetValue { return this._topLeft((c) => fromCell(c.value, this._sheet._book.timeZone)); }

  getDisplayValues(): string[][] { return this._map((c) => displayOf(c.value, formatOf(c))); }

  getDisplayValue(): string { return this._topLeft((c) => displayOf(c.value, formatOf(c))); }

  setValues(values: unknown): this {
    if (!Array.isArray(values)) throw signatureError('setValues', values);
    const { numRows, numColumns } = this._rect;
    if (values.length !== numRows) {
      throw new ServiceError(`The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${numRows}.`);
    }
    for (const row of values) {
      if (!Array.isArray(row)) throw signatureError('setValues', values);
      if (row.length !== numColumns) {
        throw new ServiceError(`The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${numColumns}.`);
      }
    }
    const rows = values as unknown[][];
    this._each((cell, r, c) => writeValue(cell, rows[r]?.[c], this._sheet._book.timeZone));
    return this;
  }

  setValue(value: unknown): this {
    const tz = this._sheet._book.timeZone;
    this._each((cell) => writeValue(cell, value, tz));
    return this;
  }

  clearContent(): this {
    this._each((cell) => (cell.value = null));
    return this;
  }

  clear(): this {
    this._each((cell) => {
      cell.value = null;
      cell.style = {};
    });
    return this;
  }

  setNumberFormat(format: string): this {
    this._each((cell) => style(cell, { numFmt: String(format) }));
    return this;
  }

  setNumberFormats(formats: string[][]): this {
    this._checkShape(formats, 'setNumberFormats');
    this._each((cell, r, c) => style(cell, { numFmt: String(formats[r]?.[c]) }));
    return this;
  }

  getNumberFormat(): string { return this._topLeft(formatOf); }
  getNumberFormats(): string[][] { return this._map(formatOf); }

  setFontWeight(weight: 'bold' | 'normal' | null): this {
    this._each((cell) => style(cell, { font: { ...cell.font, bold: weight === 'bold' } }));
    return this;
  }

  getFontWeight(): string { return this._topLeft((c) => (c.font?.bold ? 'bold' : 'normal')); }

  setFontColor(color: string | null): this {
    this._each((cell) => style(cell, { font: { ...cell.font, color: color ? { argb: argb(color) } : undefined } }));
    return this;
  }

  setBackground(color: string | null): this {
    this._each((cell) => style(cell, { fill: fillOf(color) }));
    return this;
  }

  setBackgrounds(colors: Array<Array<string | null>>): this {
    this._checkShape(colors, 'setBackgrounds');
    this._each((cell, r, c) => style(cell, { fill: fillOf(colors[r]?.[c] ?? null) }));
    return this;
  }

  getBackground(): string {
    return this._topLeft((c) => {
      const fill = c.fill as ExcelJS.FillPattern | undefined;
      const hex = fill?.fgColor?.argb;
      return hex ? `#${hex.slice(2).toLowerCase()}` : '#ffffff';
    });
  }

  setHorizontalAlignment(alignment: string | null): this {
    const horizontal = ALIGNMENTS[String(alignment ?? 'normal').toLowerCase()];
    this._each((cell) => style(cell, { alignment: { ...cell.alignment, horizontal } }));
    return this;
  }

  setWrap(wrap: boolean): this {
    this._each((cell) => style(cell, { alignment: { ...cell.alignment, wrapText: !!wrap } }));
    return this;
  }

  getWrap(): boolean { return this._topLeft((c) => !!c.alignment?.wrapText); }

  /** Sheets also moves the selection here; locally it only makes the tab active. */
  activate(): this {
    this._sheet.activate();
    return this;
  }

  private _checkShape(grid: unknown, method: string): void {
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

  private _each(fn: (cell: Cell, r: number, c: number) => void): void {
    const ws = this._sheet._tab.worksheet;
    for (let r = 0; r < this._rect.numRows; r++) {
      for (let c = 0; c < this._rect.numColumns; c++) fn(ws.getCell(this._rect.row + r, this._rect.column + c), r, c);
    }
  }

  private _map<T>(fn: (cell: Cell) => T): T[][] {
    const ws = this._sheet._tab.worksheet;
    const out: T[][] = [];
    for (let r = 0; r < this._rect.numRows; r++) {
      const row = ws.findRow(this._rect.row + r);
      const line: T[] = [];
      for (let c = 0; c < this._rect.numColumns; c++) {
        // findRow/findCell do not create cells: reading a large empty range stays cheap.
        const cell = row?.findCell(this._rect.column + c);
        line.push(fn(cell ?? EMPTY_CELL));
      }
      out.push(line);
    }
    return out;
  }

  private _topLeft<T>(fn: (cell: Cell) => T): T {
    const cell = this._sheet._tab.worksheet.findRow(this._rect.row)?.findCell(this._rect.column);
    return fn(cell ?? EMPTY_CELL);
  }
}

const EMPTY_CELL = { value: null, numFmt: undefined, font: undefined, fill: undefined, alignment: undefined } as unknown as Cell;

function formatOf(cell: Cell): string {
  return cell.numFmt || DEFAULT_FORMAT;
}

function writeValue(cell: Cell, value: unknown, timeZone: string): void {
  const stored = toCell(value, timeZone, formatOf(cell));
  cell.value = stored;
  // Sheets gives a date-time format to a General cell that receives a Date.
  if (stored instanceof Date && formatOf(cell) === DEFAULT_FORMAT) style(cell, { numFmt: AUTO_DATE_FORMAT });
}

/** Cells read from a file may share one style object; always give the cell its own copy. */
function style(cell: Cell, patch: Partial<ExcelJS.Style>): void {
  cell.style = { ...cell.style, ...patch };
}

function fillOf(color: string | null): ExcelJS.Fill {
  return color
    ? { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(color) } }
    : { type: 'pattern', pattern: 'none' };
}

function signatureError(method: string, value: unknown): ServiceError {
  const kind = Array.isArray(value) ? 'Object[]' : value === null ? 'null' : typeof value === 'string' ? 'String' : typeof value === 'number' ? 'number' : 'Object';
  return new ServiceError(`The parameters (${kind}) don't match the method signature for SpreadsheetApp.Range.${method}.`);
}
