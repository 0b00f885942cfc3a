// The local Apps Script runtime: every stand-in except BigQuery (local/runtime/bigquery/).
export { createRuntime, DEFAULT_BUNDLE_PATH, MAX_EXECUTION_MS, FUNCTION_NOT_FOUND, type RuntimeOptions, type LocalRuntime, type FiredTrigger, type ServiceCallInfo } from './context';
export { DocumentHost, type DeploymentMode, type ExecutionContext, type ExecutionKind, type ExecutionRecord } from './execution';
export { Bridge, HOST_REALM } from './bridge';
export { RuntimeClock, type ClockLike } from './clock';
export { ServiceCallCounter } from './counter';
export { ServiceError, ExecutionKilled, ExecutionTimeLimit } from './errors';
import { LocalSpreadsheet, type LocalSpreadsheetOptions } from './spreadsheet/workbook';
export { LocalSpreadsheet, type LocalSpreadsheetOptions };
export { SpreadsheetAppService, SPREADSHEETS_SCOPE, UI_FROM_TRIGGER, OPEN_BY_ID_DENIED, OPEN_BY_ID_UNKNOWN } from './spreadsheet/app';
export { Spreadsheet } from './spreadsheet/spreadsheet';
export { Sheet } from './spreadsheet/sheet';
export { Range } from './spreadsheet/range';
export { Ui, UiRecorder, Menu, type MenuRecord } from './spreadsheet/ui';
export { ConditionalFormatRule, ConditionalFormatRuleBuilder } from './spreadsheet/conditional';
export { PropertiesServiceStandIn, Properties, PropertyStores } from './properties';
export { LockServiceStandIn, Lock, LockRegistry, LOCK_TIMEOUT_MESSAGE } from './lock';
export { CacheServiceStandIn, Cache, CacheStores } from './cache';
export { UtilitiesService } from './utilities';
export { formatDate } from './dateformat';
export { SessionService } from './session';
export { ScriptAppService, TriggerStore, Trigger, ADDON_CLOCK_LIMIT, ADDON_HOURLY, ADDON_OTHER_FILE, TOO_MANY_TRIGGERS } from './script-app';
export { HtmlServiceStandIn, HtmlOutput, HtmlTemplate } from './html';
export { LoggerService, ConsoleService, LogRecorder } from './logger';

/** Loads (or starts) the workbook before a run; Apps Script code then uses it synchronously. */
export function openWorkbook(path: string, options?: LocalSpreadsheetOptions): Promise<LocalSpreadsheet> {
  return LocalSpreadsheet.open(path, options);
}

/** Writes the workbook after a run. */
export function saveWorkbook(book: LocalSpreadsheet, path?: string): Promise<void> {
  return book.save(path);
}
