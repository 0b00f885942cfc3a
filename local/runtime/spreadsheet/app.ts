// SpreadsheetApp: the entry point of the Spreadsheet service, over the local workbooks.
// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
// getActiveSpreadsheet(): "Returns the currently active spreadsheet, or null if there is none."
// openById(id) needs the https://www.googleapis.com/auth/spreadsheets scope (spreadsheets.currentonly
// does not cover it). getUi(): "A script can only interact with the UI for the current instance of
// an open spreadsheet" — from a trigger it throws "Cannot call SpreadsheetApp.getUi() from this context."
import { ServiceError } from '../errors';
import { BandingTheme } from './banding';
import { ConditionalFormatRuleBuilder } from './conditional';
import { GroupControlTogglePosition } from './groups';
import { ProtectionType } from './protection';
import { BorderStyle, WrapStrategy } from './range-style';
import type { Sheet } from './sheet';
import { Spreadsheet, type ToastRecord } from './spreadsheet';
import { Ui, UiRecorder } from './ui';
import { DataValidationBuilder, DataValidationCriteria } from './validation';
import type { LocalSpreadsheet } from './workbook';

export const SPREADSHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
export const UI_FROM_TRIGGER = 'Cannot call SpreadsheetApp.getUi() from this context.';
export const OPEN_BY_ID_DENIED = `You do not have permission to call SpreadsheetApp.openById. Required permissions: ${SPREADSHEETS_SCOPE}`;
export const OPEN_BY_ID_UNKNOWN = 'Unexpected error while getting the method or property openById on object SpreadsheetApp.';

/** Where the service is called from (the runtime's execution context); absent: one bound workbook, UI allowed. */
export interface SpreadsheetContext {
  /** What getActiveSpreadsheet() returns. */
  active(): LocalSpreadsheet | null;
  /** A spreadsheet the user can open, by id. */
  byId(id: string): LocalSpreadsheet | undefined;
  /** False in a trigger: no person is looking. */
  uiAllowed(): boolean;
  /** True when the granted scopes include the full spreadsheets scope. */
  mayOpenById(): boolean;
}

export class SpreadsheetAppService {
  static readonly apiName = 'SpreadsheetApp';
  readonly WrapStrategy = WrapStrategy;
  readonly BorderStyle = BorderStyle;
  readonly BandingTheme = BandingTheme;
  readonly ProtectionType = ProtectionType;
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly GroupControlTogglePosition = GroupControlTogglePosition;
  /** Toasts shown on the spreadsheet, in order (for tests). */
  readonly _toasts: ToastRecord[] = [];
  private readonly _ui: Ui;

  constructor(
    private readonly _book: LocalSpreadsheet,
    readonly _uiRecorder: UiRecorder = new UiRecorder(),
    addonName = 'EROS Scheduler',
    private readonly _context?: SpreadsheetContext,
  ) {
    this._ui = new Ui(_uiRecorder, addonName);
  }

  /**
   * Typed as never null for host code: outside an execution the runtime's context is a person's
   * in the first spreadsheet. Inside an add-on's time-driven trigger the bundle gets null.
   */
  getActiveSpreadsheet(): Spreadsheet {
    const book = this._context ? this._context.active() : this._book;
    return (book ? new Spreadsheet(book, this._toasts) : null) as Spreadsheet;
  }

  getActive(): Spreadsheet {
    return this.getActiveSpreadsheet();
  }

  getActiveSheet(): Sheet {
    return (this.getActiveSpreadsheet() as Spreadsheet | null)?.getActiveSheet() as Sheet;
  }

  setActiveSheet(sheet: Sheet): Sheet {
    const ss = this.getActiveSpreadsheet() as Spreadsheet | null;
    if (!ss) throw new ServiceError('There is no active spreadsheet.');
    return ss.setActiveSheet(sheet);
  }

  openById(id: string): Spreadsheet {
    if (this._context && !this._context.mayOpenById()) throw new ServiceError(OPEN_BY_ID_DENIED);
    const book = this._context ? this._context.byId(String(id)) : String(id) === this._book.id ? this._book : undefined;
    if (!book) throw new ServiceError(OPEN_BY_ID_UNKNOWN);
    return new Spreadsheet(book, this._toasts);
  }

  getUi(): Ui {
    if (this._context && !this._context.uiAllowed()) throw new ServiceError(UI_FROM_TRIGGER);
    return this._ui;
  }

  newConditionalFormatRule(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder();
  }

  newDataValidation(): DataValidationBuilder {
    return new DataValidationBuilder();
  }

  /** Writes are applied at once locally; counted so a test can see where a script flushes. */
  flush(): void {}
}
