// How cells look: number formats, fonts, fills, alignment, wrap strategies and borders.
// https://developers.google.com/apps-script/reference/spreadsheet/range#setWrapStrategy(WrapStrategy)
// https://developers.google.com/apps-script/reference/spreadsheet/range#setBorder(Boolean,Boolean,Boolean,Boolean,Boolean,Boolean,String,BorderStyle)
// https://developers.google.com/apps-script/reference/spreadsheet/wrap-strategy
// https://developers.google.com/apps-script/reference/spreadsheet/border-style
import type ExcelJS from 'exceljs';
import { ServiceError } from '../errors';
import { argb, fromArgb } from './colors';
import { cellKey } from './model';
import { formatOf, RangeBase, style, type Cell } from './range-base';

export const WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' } as const;
export const BorderStyle = { DOTTED: 'DOTTED', DASHED: 'DASHED', SOLID: 'SOLID', SOLID_MEDIUM: 'SOLID_MEDIUM', SOLID_THICK: 'SOLID_THICK', DOUBLE: 'DOUBLE' } as const;
const XLSX_BORDER: Record<string, ExcelJS.BorderStyle> = {
  DOTTED: 'dotted', DASHED: 'dashed', SOLID: 'thin', SOLID_MEDIUM: 'medium', SOLID_THICK: 'thick', DOUBLE: 'double',
};
const HORIZONTAL: Record<string, ExcelJS.Alignment['horizontal'] | undefined> = { left: 'left', center: 'center', right: 'right', normal: undefined };
const VERTICAL: Record<string, ExcelJS.Alignment['vertical'] | undefined> = { top: 'top', middle: 'middle', bottom: 'bottom' };

function fillOf(color: string | null): ExcelJS.Fill {
  return color ? { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(color) } } : { type: 'pattern', pattern: 'none' };
}

const backgroundOf = (c: Cell): string => fromArgb((c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb) ?? '#ffffff';
const fontColorOf = (c: Cell): string => fromArgb(c.font?.color?.argb) ?? '#000000';
const weightOf = (c: Cell): string => (c.font?.bold ? 'bold' : 'normal');

export class RangeStyle extends RangeBase {
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

  setFontWeights(weights: Array<Array<string | null>>): this {
    this._checkShape(weights, 'setFontWeights');
    this._each((cell, r, c) => style(cell, { font: { ...cell.font, bold: weights[r]?.[c] === 'bold' } }));
    return this;
  }

  getFontWeight(): string { return this._topLeft(weightOf); }
  getFontWeights(): string[][] { return this._map(weightOf); }

  setFontColor(color: string | null): this {
    this._each((cell) => style(cell, { font: { ...cell.font, color: color ? { argb: argb(color) } : undefined } }));
    return this;
  }

  setFontColors(colors: Array<Array<string | null>>): this {
    this._checkShape(colors, 'setFontColors');
    this._each((cell, r, c) => {
      const color = colors[r]?.[c] ?? null;
      style(cell, { font: { ...cell.font, color: color ? { argb: argb(color) } : undefined } });
    });
    return this;
  }

  getFontColor(): string { return this._topLeft(fontColorOf); }
  getFontColors(): string[][] { return this._map(fontColorOf); }

  /** Points; Sheets' default is 10. */
  setFontSize(size: number): this {
    this._each((cell) => style(cell, { font: { ...cell.font, size: Number(size) } }));
    return this;
  }

  getFontSize(): number { return this._topLeft((c) => c.font?.size ?? 10); }

  setFontStyle(fontStyle: 'italic' | 'normal' | null): this {
    this._each((cell) => style(cell, { font: { ...cell.font, italic: fontStyle === 'italic' } }));
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

  getBackground(): string { return this._topLeft(backgroundOf); }
  getBackgrounds(): string[][] { return this._map(backgroundOf); }

  setHorizontalAlignment(alignment: string | null): this {
    const horizontal = HORIZONTAL[String(alignment ?? 'normal').toLowerCase()];
    this._each((cell) => style(cell, { alignment: { ...cell.alignment, horizontal } }));
    return this;
  }

  setVerticalAlignment(alignment: string | null): this {
    const vertical = VERTICAL[String(alignment ?? 'bottom').toLowerCase()];
    this._each((cell) => style(cell, { alignment: { ...cell.alignment, vertical } }));
    return this;
  }

  /** true → WRAP; false → OVERFLOW (Sheets' default strategy). */
  setWrap(isWrapEnabled: boolean): this {
    return this.setWrapStrategy(isWrapEnabled ? WrapStrategy.WRAP : WrapStrategy.OVERFLOW);
  }

  setWraps(isWrapEnabled: boolean[][]): this {
    this._checkShape(isWrapEnabled, 'setWraps');
    return this.setWrapStrategies(isWrapEnabled.map((row) => row.map((w) => (w ? WrapStrategy.WRAP : WrapStrategy.OVERFLOW))));
  }

  getWrap(): boolean { return this.getWrapStrategy() === WrapStrategy.WRAP; }
  getWraps(): boolean[][] { return this.getWrapStrategies().map((row) => row.map((s) => s === WrapStrategy.WRAP)); }

  setWrapStrategy(strategy: string): this {
    if (!(String(strategy) in WrapStrategy)) throw new ServiceError(`The parameters (${String(strategy)}) don't match the method signature for SpreadsheetApp.Range.setWrapStrategy.`);
    this._each((cell, r, c) => this._setStrategy(cell, r, c, String(strategy)));
    return this;
  }

  setWrapStrategies(strategies: string[][]): this {
    this._checkShape(strategies, 'setWrapStrategies');
    for (const s of strategies.flat()) if (!(String(s) in WrapStrategy)) throw new ServiceError(`The parameters (Object[]) don't match the method signature for SpreadsheetApp.Range.setWrapStrategies.`);
    this._each((cell, r, c) => this._setStrategy(cell, r, c, String(strategies[r]?.[c])));
    return this;
  }

  getWrapStrategy(): string { return this._topLeft((cell, r, c) => this._strategyOf(cell, r, c)); }
  getWrapStrategies(): string[][] { return this._map((cell, r, c) => this._strategyOf(cell, r, c)); }

  /**
   * setBorder(top, left, bottom, right, vertical, horizontal[, color, style]): true draws, false
   * removes, null leaves a side as it is; vertical and horizontal are the inner lines.
   */
  setBorder(top: boolean | null, left: boolean | null, bottom: boolean | null, right: boolean | null, vertical: boolean | null, horizontal: boolean | null, color?: string | null, borderStyle?: string | null): this {
    const sides = [top, left, bottom, right, vertical, horizontal];
    if (sides.some((s) => s !== null && s !== undefined && typeof s !== 'boolean')) {
      throw new ServiceError("The parameters don't match the method signature for SpreadsheetApp.Range.setBorder.");
    }
    const kind = borderStyle === undefined || borderStyle === null ? 'SOLID' : String(borderStyle);
    const xlsxStyle = XLSX_BORDER[kind];
    if (!xlsxStyle) throw new ServiceError(`The parameters (${kind}) don't match the method signature for SpreadsheetApp.Range.setBorder.`);
    const line: Partial<ExcelJS.Border> = { style: xlsxStyle, color: { argb: argb(color ?? '#000000') } };
    const { numRows, numColumns } = this._rect;
    const pick = (edge: boolean, outer: boolean | null, inner: boolean | null) => (edge ? outer : inner);
    this._each((cell, r, c) => {
      const border: Partial<ExcelJS.Borders> = { ...cell.border };
      const want: Array<[keyof ExcelJS.Borders, boolean | null]> = [
        ['top', pick(r === 0, top, horizontal)], ['bottom', pick(r === numRows - 1, bottom, horizontal)],
        ['left', pick(c === 0, left, vertical)], ['right', pick(c === numColumns - 1, right, vertical)],
      ];
      for (const [side, on] of want) {
        if (on === true) (border as Record<string, unknown>)[side] = { ...line };
        else if (on === false) delete (border as Record<string, unknown>)[side];
      }
      style(cell, { border: border as ExcelJS.Borders });
    });
    return this;
  }

  private _strategyOf(cell: Cell, row: number, column: number): string {
    if (cell.alignment?.wrapText) return WrapStrategy.WRAP;
    return this._sheet._tab.sheets.clipped.has(cellKey(row, column)) ? WrapStrategy.CLIP : WrapStrategy.OVERFLOW;
  }

  private _setStrategy(cell: Cell, r: number, c: number, strategy: string): void {
    style(cell, { alignment: { ...cell.alignment, wrapText: strategy === WrapStrategy.WRAP } });
    const key = cellKey(this._rect.row + r, this._rect.column + c);
    if (strategy === WrapStrategy.CLIP) this._sheet._tab.sheets.clipped.add(key);
    else this._sheet._tab.sheets.clipped.delete(key);
  }
}
