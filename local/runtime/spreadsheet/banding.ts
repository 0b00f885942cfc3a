// Alternating colours (banding) over a range: a header, two alternating colours, a footer.
// https://developers.google.com/apps-script/reference/spreadsheet/banding
// https://developers.google.com/apps-script/reference/spreadsheet/banding-theme
// https://developers.google.com/apps-script/reference/spreadsheet/range#applyRowBanding(BandingTheme,Boolean,Boolean)
import { ServiceError } from '../errors';
import type { GridRect } from './a1';
import { cssHex } from './colors';
import type { BandingSpec } from './model';

/** Sheets' alternating-colour themes: header, first band, second band, footer. */
export const BANDING_THEMES: Record<string, [string, string, string, string]> = {
  LIGHT_GREY: ['#bdbdbd', '#ffffff', '#f3f3f3', '#dedede'],
  CYAN: ['#4dd0e1', '#ffffff', '#e0f7fa', '#a2e8f1'],
  GREEN: ['#63d297', '#ffffff', '#e7f9ef', '#afe9ca'],
  YELLOW: ['#f7cb4d', '#ffffff', '#fef8e3', '#fce8b2'],
  ORANGE: ['#f46524', '#ffffff', '#ffe6dd', '#ffccbc'],
  BLUE: ['#5b95f9', '#ffffff', '#e8f0fe', '#acc9fe'],
  TEAL: ['#26a69a', '#ffffff', '#ddf2f0', '#8cd3cd'],
  GREY: ['#78909c', '#ffffff', '#ebeff1', '#bbcbd2'],
  BROWN: ['#cca677', '#ffffff', '#f8f2eb', '#e6d3ba'],
  LIGHT_GREEN: ['#8bc34a', '#ffffff', '#eef7e3', '#c4e2a0'],
  INDIGO: ['#8989eb', '#ffffff', '#e8e7fc', '#c4c3f7'],
  PINK: ['#e91d63', '#ffffff', '#fddce8', '#f68bb1'],
};
export const BandingTheme = Object.fromEntries(Object.keys(BANDING_THEMES).map((k) => [k, k])) as Record<string, string>;

const overlaps = (a: GridRect, b: GridRect): boolean =>
  a.row <= b.row + b.numRows - 1 && b.row <= a.row + a.numRows - 1 && a.column <= b.column + b.numColumns - 1 && b.column <= a.column + a.numColumns - 1;

/** A new banding spec; Sheets refuses a range that already has alternating colours. */
export function newBanding(existing: readonly BandingSpec[], id: number, kind: BandingSpec['kind'], rect: GridRect, theme: string, header: boolean, footer: boolean): BandingSpec {
  const colours = BANDING_THEMES[String(theme)];
  if (!colours) throw new ServiceError(`The parameters (${String(theme)}) don't match the method signature for SpreadsheetApp.Range.apply${kind === 'ROWS' ? 'Row' : 'Column'}Banding.`);
  if (existing.some((b) => overlaps(b.rect, rect))) {
    throw new ServiceError('You cannot add alternating colors to a range that already has alternating background colors.');
  }
  return { id, kind, rect, header: header ? colours[0] : null, first: colours[1], second: colours[2], footer: footer ? colours[3] : null };
}

export interface BandingHost<R> {
  list(): BandingSpec[];
  range(rect: GridRect): R;
  rectOf(range: R): GridRect;
}

type Slot = 'header' | 'first' | 'second' | 'footer';

export class Banding<R> {
  static readonly apiName = 'SpreadsheetApp.Banding';

  constructor(
    readonly _spec: BandingSpec,
    private readonly _host: BandingHost<R>,
  ) {}

  getRange(): R { return this._host.range(this._spec.rect); }

  setRange(range: R): this {
    const rect = this._host.rectOf(range);
    if (this._host.list().some((b) => b !== this._spec && overlaps(b.rect, rect))) {
      throw new ServiceError('You cannot add alternating colors to a range that already has alternating background colors.');
    }
    this._spec.rect = rect;
    return this;
  }

  getHeaderRowColor(): string | null { return this._get('ROWS', 'header'); }
  getFirstRowColor(): string | null { return this._get('ROWS', 'first'); }
  getSecondRowColor(): string | null { return this._get('ROWS', 'second'); }
  getFooterRowColor(): string | null { return this._get('ROWS', 'footer'); }
  getHeaderColumnColor(): string | null { return this._get('COLUMNS', 'header'); }
  getFirstColumnColor(): string | null { return this._get('COLUMNS', 'first'); }
  getSecondColumnColor(): string | null { return this._get('COLUMNS', 'second'); }
  getFooterColumnColor(): string | null { return this._get('COLUMNS', 'footer'); }
  setHeaderRowColor(color: string | null): this { return this._set('ROWS', 'header', color); }
  setFirstRowColor(color: string | null): this { return this._set('ROWS', 'first', color); }
  setSecondRowColor(color: string | null): this { return this._set('ROWS', 'second', color); }
  setFooterRowColor(color: string | null): this { return this._set('ROWS', 'footer', color); }
  setHeaderColumnColor(color: string | null): this { return this._set('COLUMNS', 'header', color); }
  setFirstColumnColor(color: string | null): this { return this._set('COLUMNS', 'first', color); }
  setSecondColumnColor(color: string | null): this { return this._set('COLUMNS', 'second', color); }
  setFooterColumnColor(color: string | null): this { return this._set('COLUMNS', 'footer', color); }

  remove(): void {
    const list = this._host.list();
    const i = list.indexOf(this._spec);
    if (i >= 0) list.splice(i, 1);
  }

  /** Row colours of a column banding (and the reverse) read as null, as in Sheets. */
  private _get(kind: BandingSpec['kind'], slot: Slot): string | null {
    return this._spec.kind === kind ? this._spec[slot] : null;
  }

  private _set(kind: BandingSpec['kind'], slot: Slot, color: string | null): this {
    // A row banding has no column colours (and the reverse): setting one changes nothing.
    if (this._spec.kind !== kind) return this;
    const value = color === null ? null : cssHex(color);
    if (slot === 'first' || slot === 'second') this._spec[slot] = value ?? '#ffffff';
    else this._spec[slot] = value;
    return this;
  }
}
