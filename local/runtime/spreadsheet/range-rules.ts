// What a range carries beyond its look: data validation and checkboxes, row and column groups,
// protection and banding.
// https://developers.google.com/apps-script/reference/spreadsheet/range#insertCheckboxes()
// https://developers.google.com/apps-script/reference/spreadsheet/range#setDataValidation(DataValidation)
// https://developers.google.com/apps-script/reference/spreadsheet/range#shiftRowGroupDepth(Integer)
// https://developers.google.com/apps-script/reference/spreadsheet/range#protect()
// https://developers.google.com/apps-script/reference/spreadsheet/range#applyRowBanding(BandingTheme,Boolean,Boolean)
import { ServiceError } from '../errors';
import { Banding, newBanding } from './banding';
import { collapseWithin, expandTouching, shiftDepth } from './groups';
import { cellKey } from './model';
import type { BandingSpec } from './model';
import { Protection } from './protection';
import { RangeStyle } from './range-style';
import type { Range } from './range';
import { checkboxValues, DataValidation } from './validation';
import { fromCell, type SheetValue } from './values';

type Scalar = string | number | boolean;

const same = (a: SheetValue, b: Scalar): boolean => a === b || (typeof a !== 'object' && String(a) === String(b));

export abstract class RangeRules extends RangeStyle {
  /** Defined by Range, where values are written. */
  abstract setValue(value: unknown): this;

  /** null removes the rule. */
  setDataValidation(rule: DataValidation | null): this {
    if (rule !== null && !(rule instanceof DataValidation)) throw new ServiceError("The parameters (Object) don't match the method signature for SpreadsheetApp.Range.setDataValidation.");
    this._forCells((key) => this._setRule(key, rule));
    return this;
  }

  setDataValidations(rules: Array<Array<DataValidation | null>>): this {
    this._checkShape(rules, 'setDataValidations');
    this._forCells((key, r, c) => this._setRule(key, rules[r]?.[c] ?? null));
    return this;
  }

  /** The top-left cell's rule, or null. */
  getDataValidation(): DataValidation | null {
    const spec = this._tabModel().validations.get(cellKey(this._rect.row, this._rect.column));
    return spec ? new DataValidation(spec) : null;
  }

  getDataValidations(): Array<Array<DataValidation | null>> {
    return this._map((_cell, row, column) => {
      const spec = this._tabModel().validations.get(cellKey(row, column));
      return spec ? new DataValidation(spec) : null;
    });
  }

  clearDataValidations(): this {
    return this.setDataValidation(null);
  }

  /**
   * insertCheckboxes(): TRUE checked, FALSE unchecked, every cell set to false.
   * insertCheckboxes(checked): unchecked is '' and every cell is set to ''.
   * insertCheckboxes(checked, unchecked): every cell is set to the unchecked value.
   */
  insertCheckboxes(checkedValue?: Scalar, uncheckedValue?: Scalar): this {
    const values = [checkedValue, uncheckedValue].filter((v): v is Scalar => v !== undefined && v !== null);
    const spec = { criteria: 'CHECKBOX' as const, values, allowInvalid: true, helpText: null };
    const { unchecked } = checkboxValues(spec);
    this._forCells((key) => this._tabModel().validations.set(key, spec));
    return this.setValue(unchecked);
  }

  /** Clears the checkbox rules, and the values of cells that held the checked or unchecked value. */
  removeCheckboxes(): this {
    this._forCells((key, r, c) => {
      const spec = this._tabModel().validations.get(key);
      if (spec?.criteria !== 'CHECKBOX') return;
      this._tabModel().validations.delete(key);
      const { checked, unchecked } = checkboxValues(spec);
      const value = this._valueAt(r, c);
      if (same(value, checked) || same(value, unchecked)) this._cellAt(r, c).value = null;
    });
    return this;
  }

  check(): this { return this._setChecked(true); }
  uncheck(): this { return this._setChecked(false); }

  /** true when every cell is a checked checkbox, false when every one is unchecked, else null. */
  isChecked(): boolean | null {
    const states = new Set<boolean | null>();
    this._forCells((key, r, c) => {
      const spec = this._tabModel().validations.get(key);
      if (spec?.criteria !== 'CHECKBOX') return void states.add(null);
      const { checked, unchecked } = checkboxValues(spec);
      const value = this._valueAt(r, c);
      states.add(same(value, checked) ? true : same(value, unchecked) || value === '' ? false : null);
    });
    return states.size === 1 ? [...states][0] ?? null : null;
  }

  /** Changes the group depth of the range's rows by delta, between 0 and 8. */
  shiftRowGroupDepth(delta: number): this {
    shiftDepth(this._tabModel().rows, this._rect.row, this._rect.numRows, Number(delta));
    return this;
  }

  shiftColumnGroupDepth(delta: number): this {
    shiftDepth(this._tabModel().columns, this._rect.column, this._rect.numColumns, Number(delta));
    return this;
  }

  collapseGroups(): this {
    collapseWithin(this._tabModel().rows, this._rect.row, this.getLastRow());
    collapseWithin(this._tabModel().columns, this._rect.column, this.getLastColumn());
    return this;
  }

  expandGroups(): this {
    expandTouching(this._tabModel().rows, this._rect.row, this.getLastRow());
    expandTouching(this._tabModel().columns, this._rect.column, this.getLastColumn());
    return this;
  }

  /** A new protected range (several may cover the same cells). */
  protect(): Protection<Range> {
    const spec = { id: this._sheet._book.nextObjectId(), kind: 'RANGE' as const, rect: { ...this._rect }, description: '', warningOnly: false, unprotected: [] };
    this._tabModel().protections.push(spec);
    return this._sheet._protection(spec);
  }

  /** applyRowBanding([theme[, showHeader, showFooter]]): by default a header colour and no footer. */
  applyRowBanding(theme = 'LIGHT_GREY', showHeader = true, showFooter = false): Banding<Range> {
    return this._band('ROWS', theme, showHeader, showFooter);
  }

  applyColumnBanding(theme = 'LIGHT_GREY', showHeader = true, showFooter = false): Banding<Range> {
    return this._band('COLUMNS', theme, showHeader, showFooter);
  }

  /** Bandings applied to any cell of this range. */
  getBandings(): Array<Banding<Range>> {
    const r = this._rect;
    return this._tabModel().bandings
      .filter((b) => b.rect.row <= this.getLastRow() && r.row <= b.rect.row + b.rect.numRows - 1 && b.rect.column <= this.getLastColumn() && r.column <= b.rect.column + b.rect.numColumns - 1)
      .map((b) => this._sheet._banding(b));
  }

  private _band(kind: BandingSpec['kind'], theme: string, header: boolean, footer: boolean): Banding<Range> {
    const spec = newBanding(this._tabModel().bandings, this._sheet._book.nextObjectId(), kind, { ...this._rect }, theme, !!header, !!footer);
    this._tabModel().bandings.push(spec);
    return this._sheet._banding(spec);
  }

  private _setChecked(on: boolean): this {
    this._forCells((key, r, c) => {
      const spec = this._tabModel().validations.get(key);
      if (spec?.criteria !== 'CHECKBOX') return;
      const { checked, unchecked } = checkboxValues(spec);
      const value = this._valueAt(r, c);
      // Cells holding neither value are left alone.
      if (!same(value, checked) && !same(value, unchecked) && value !== '') return;
      this._cellAt(r, c).value = on ? checked : unchecked === '' ? null : unchecked;
    });
    return this;
  }

  private _setRule(key: string, rule: DataValidation | null): void {
    if (rule) this._tabModel().validations.set(key, { ...rule._spec, values: [...rule._spec.values] });
    else this._tabModel().validations.delete(key);
  }

  private _tabModel() {
    return this._sheet._tab.sheets;
  }

  private _forCells(fn: (key: string, r: number, c: number) => void): void {
    for (let r = 0; r < this._rect.numRows; r++) {
      for (let c = 0; c < this._rect.numColumns; c++) fn(cellKey(this._rect.row + r, this._rect.column + c), r, c);
    }
  }

  private _cellAt(r: number, c: number) {
    return this._sheet._tab.worksheet.getCell(this._rect.row + r, this._rect.column + c);
  }

  private _valueAt(r: number, c: number): SheetValue {
    const cell = this._sheet._tab.worksheet.findRow(this._rect.row + r)?.findCell(this._rect.column + c);
    return fromCell(cell?.value ?? null, this._sheet._book.timeZone);
  }
}
