// Range: a rectangle of cells on one tab. Values and formulas here; formats in range-style.ts;
// validation, groups, protection and banding in range-rules.ts.
// https://developers.google.com/apps-script/reference/spreadsheet/range
import { cellKey } from './model';
import { RangeRules } from './range-rules';
import { formatOf, signatureError, style, type Cell } from './range-base';
import { AUTO_DATE_FORMAT, DEFAULT_FORMAT, displayOf, fromCell, toCell, type SheetValue } from './values';
import { ServiceError } from '../errors';

export interface ClearOptions {
  contentsOnly?: boolean;
  formatOnly?: boolean;
  validationsOnly?: boolean;
  commentsOnly?: boolean;
  skipFilteredRows?: boolean;
}

const formulaOf = (cell: Cell): string => {
  const v = cell.value as { formula?: string; sharedFormula?: string } | null;
  return v && typeof v === 'object' && typeof v.formula === 'string' ? `=${v.formula}` : '';
};

export class Range extends RangeRules {
  static readonly apiName = 'SpreadsheetApp.Range';

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

  /** A formula is stored as written; the local runtime does not evaluate it. */
  setFormula(formula: string): this {
    if (typeof formula !== 'string') throw signatureError('setFormula', formula);
    return this.setValue(formula.startsWith('=') ? formula : `=${formula}`);
  }

  setFormulas(formulas: string[][]): this {
    this._checkShape(formulas, 'setFormulas');
    const tz = this._sheet._book.timeZone;
    this._each((cell, r, c) => {
      const f = String(formulas[r]?.[c] ?? '');
      writeValue(cell, f === '' || f.startsWith('=') ? f : `=${f}`, tz);
    });
    return this;
  }

  /** '=…' or '' when the top-left cell holds no formula. */
  getFormula(): string { return this._topLeft(formulaOf); }
  getFormulas(): string[][] { return this._map(formulaOf); }

  clearContent(): this {
    this._each((cell) => (cell.value = null));
    return this;
  }

  /** clear() empties values and formats; options narrow it (validationsOnly clears the rules alone). */
  clear(options?: ClearOptions): this {
    if (options?.validationsOnly) return this.clearDataValidations();
    this._each((cell, r, c) => {
      if (!options?.formatOnly) cell.value = null;
      if (options?.contentsOnly) return;
      cell.style = {};
      this._sheet._tab.sheets.clipped.delete(cellKey(this._rect.row + r, this._rect.column + c));
    });
    return this;
  }

  /** Sheets also moves the selection here; locally it only makes the tab active. */
  activate(): this {
    this._sheet.activate();
    return this;
  }
}

function writeValue(cell: Cell, value: unknown, timeZone: string): void {
  const stored = toCell(value, timeZone, formatOf(cell));
  cell.value = stored;
  // Sheets gives a date-time format to a General cell that receives a Date.
  if (stored instanceof Date && formatOf(cell) === DEFAULT_FORMAT) style(cell, { numFmt: AUTO_DATE_FORMAT });
}
