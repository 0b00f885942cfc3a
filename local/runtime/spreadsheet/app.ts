// SpreadsheetApp: the entry point of the Spreadsheet service, over one local workbook.
// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
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
  ) {
    this._ui = new Ui(_uiRecorder, addonName);
  }

  getActiveSpreadsheet(): Spreadsheet {
    return new Spreadsheet(this._book, this._toasts);
  }

  getActive(): Spreadsheet {
    return this.getActiveSpreadsheet();
  }

  getActiveSheet(): Sheet {
    return this.getActiveSpreadsheet().getActiveSheet();
  }

  setActiveSheet(sheet: Sheet): Sheet {
    return this.getActiveSpreadsheet().setActiveSheet(sheet);
  }

  getUi(): Ui {
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
