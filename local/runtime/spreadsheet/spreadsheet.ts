// Spreadsheet: the document the script is bound to.
// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet
import { ServiceError } from '../errors';
import type { Protection } from './protection';
import { Sheet, checkTabName, duplicateName } from './sheet';
import type { Range } from './range';
import type { LocalSpreadsheet } from './workbook';

export interface ToastRecord {
  message: string;
  title: string;
  timeoutSeconds: number;
}

export class Spreadsheet {
  static readonly apiName = 'SpreadsheetApp.Spreadsheet';

  /** The workbook behind the document, and where its toasts are recorded. */
  constructor(readonly _book: LocalSpreadsheet, readonly _toasts: ToastRecord[]) {}

  getId(): string { return this._book.id; }
  getName(): string { return this._book.name; }
  getUrl(): string { return `https://docs.google.com/spreadsheets/d/${this._book.id}/edit`; }
  getSpreadsheetTimeZone(): string { return this._book.timeZone; }

  rename(name: string): void {
    this._book.name = String(name);
  }

  getSheets(): Sheet[] {
    return this._book.tabList().map((t) => new Sheet(this._book, t));
  }

  getNumSheets(): number {
    return this._book.tabList().length;
  }

  /** null when no tab has that name (Sheets matches names exactly here). */
  getSheetByName(name: string): Sheet | null {
    const tab = this._book.tabByName(String(name));
    return tab ? new Sheet(this._book, tab) : null;
  }

  getSheetById(id: number): Sheet | null {
    const tab = this._book.tabById(Number(id));
    return tab ? new Sheet(this._book, tab) : null;
  }

  getActiveSheet(): Sheet {
    const tab = this._book.tabById(this._book.activeSheetId ?? -1) ?? this._book.tabList()[0];
    if (!tab) throw new ServiceError('The spreadsheet has no sheets.');
    return new Sheet(this._book, tab);
  }

  setActiveSheet(sheet: Sheet): Sheet {
    this._book.activeSheetId = sheet.getSheetId();
    return new Sheet(this._book, sheet._tab);
  }

  /**
   * insertSheet([name], [index], [options]) in Google's overloads — index is 0-based; options
   * { template: Sheet of this spreadsheet } copies that tab. The new tab becomes active.
   */
  insertSheet(...args: unknown[]): Sheet {
    const name = typeof args[0] === 'string' ? args[0] : undefined;
    const index = args.find((a): a is number => typeof a === 'number');
    const options = args.find((a): a is { template?: unknown } => a !== null && typeof a === 'object');
    let template: Sheet | undefined;
    if (options?.template !== undefined) {
      if (!(options.template instanceof Sheet) || !this._book.tabList().includes(options.template._tab)) {
        throw new ServiceError('The template sheet must be a sheet of this spreadsheet.');
      }
      template = options.template;
    }
    const tabs = this._book.tabList();
    let title = name === undefined ? '' : String(name);
    if (title === '') {
      let n = tabs.length + 1;
      while (this._book.tabList().some((t) => t.name.toLowerCase() === `sheet${n}`)) n++;
      title = `Sheet${n}`;
    }
    if (tabs.some((t) => t.name.toLowerCase() === title.toLowerCase())) throw duplicateName(title);
    checkTabName(title);
    const tab = this._book.addTab(title, index, template?._tab);
    this._book.activeSheetId = tab.worksheet.id;
    return new Sheet(this._book, tab);
  }

  /** Moves the active tab to a 1-based position among the tabs. */
  moveActiveSheet(pos: number): void {
    const tabs = this._book.tabList();
    if (!Number.isInteger(pos) || pos < 1 || pos > tabs.length) {
      // Wording ours: Google documents that it throws, not the text.
      throw new ServiceError(`The sheet position ${String(pos)} is out of bounds: there are ${tabs.length} sheets.`);
    }
    this._book.moveTab(this.getActiveSheet()._tab, pos - 1);
  }

  /** Every protection of that type on every tab, tab by tab. */
  getProtections(type: string): Array<Protection<Range>> {
    return this.getSheets().flatMap((s) => s.getProtections(type));
  }

  deleteSheet(sheet: Sheet): void {
    if (this._book.tabList().length <= 1) throw new ServiceError("You can't remove all the sheets in a document.");
    this._book.removeTab(sheet._tab);
  }

  /** A1 notation on the active tab, or "Tab!A1" on a named tab. */
  getRange(a1: string): Range {
    return this.getActiveSheet().getRange(a1);
  }

  /** Recorded for tests (services.spreadsheet.toasts). Sheets' default timeout is 5 s. */
  toast(message: string, title?: string, timeoutSeconds?: number): void {
    this._toasts.push({ message: String(message), title: title === undefined ? '' : String(title), timeoutSeconds: timeoutSeconds ?? 5 });
  }
}
