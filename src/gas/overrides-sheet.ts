// The slice of SpreadsheetApp / LockService the overrides code uses. Narrow on purpose: the real
// services satisfy it structurally, and a test fake or the local runtime only needs these methods.

export interface RangeLike {
  getValues(): unknown[][];
  setValues(values: unknown[][]): unknown;
  setNumberFormat(format: string): unknown;
}

export interface SheetLike {
  getDataRange(): RangeLike;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangeLike;
}

export interface SpreadsheetLike {
  getSheetByName(name: string): SheetLike | null;
  insertSheet(name: string): SheetLike;
  getSpreadsheetTimeZone(): string;
}

export interface LockLike {
  tryLock(timeoutInMillis: number): boolean;
  releaseLock(): void;
}

/** Values of a tab, or none when the tab does not exist. A new tab's one empty cell reads as none. */
export function readTab(spreadsheet: SpreadsheetLike, name: string): { sheet: SheetLike | null; values: unknown[][] } {
  const sheet = spreadsheet.getSheetByName(name);
  if (!sheet) return { sheet: null, values: [] };
  const values = sheet.getDataRange().getValues();
  const empty = values.length === 1 && (values[0] ?? []).every((c) => c === '' || c === null);
  return { sheet, values: empty ? [] : values };
}

/** 'yyyy-MM-dd HH:mm' wall time in a zone: what a person reads in the updated_at column. */
export function stampInZone(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
