// Protected ranges and sheets. Warning-only protection lets anyone edit after confirming a
// warning; a script (and its owner) always may.
// https://developers.google.com/apps-script/reference/spreadsheet/protection
// https://developers.google.com/apps-script/reference/spreadsheet/range#protect()
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#getProtections(ProtectionType)
import { ServiceError } from '../errors';
import type { GridRect } from './a1';
import type { ProtectionSpec } from './model';

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;

export interface ProtectionHost<R> {
  /** The protections list the spec lives in (remove() takes it out). */
  list(): ProtectionSpec[];
  range(rect: GridRect | null): R;
  rectOf(range: R): GridRect;
}

export class Protection<R> {
  static readonly apiName = 'SpreadsheetApp.Protection';

  constructor(
    readonly _spec: ProtectionSpec,
    private readonly _host: ProtectionHost<R>,
  ) {}

  getProtectionType(): string { return this._spec.kind; }
  getRange(): R { return this._host.range(this._spec.rect); }
  getDescription(): string { return this._spec.description; }
  isWarningOnly(): boolean { return this._spec.warningOnly; }
  /** The script runs as the spreadsheet's owner here, who may always edit. */
  canEdit(): boolean { return true; }
  /** Warning-only protection has no editor list (everyone may edit after the warning). */
  getEditors(): unknown[] { return []; }

  setDescription(description: string): this {
    this._spec.description = String(description);
    return this;
  }

  setWarningOnly(warningOnly: boolean): this {
    this._spec.warningOnly = !!warningOnly;
    return this;
  }

  setRange(range: R): this {
    if (this._spec.kind === 'SHEET') throw new ServiceError('The protection type is SHEET; a sheet protection has no range to set.');
    this._spec.rect = this._host.rectOf(range);
    return this;
  }

  getUnprotectedRanges(): R[] { return this._spec.unprotected.map((r) => this._host.range(r)); }

  /** "Unprotects the given array of ranges within a protected sheet." */
  setUnprotectedRanges(ranges: R[]): this {
    if (this._spec.kind !== 'SHEET') throw new ServiceError('Unprotected ranges can only be set on a protected sheet.');
    this._spec.unprotected = ranges.map((r) => this._host.rectOf(r));
    return this;
  }

  remove(): void {
    const list = this._host.list();
    const i = list.indexOf(this._spec);
    if (i >= 0) list.splice(i, 1);
  }
}
