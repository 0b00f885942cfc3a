// How a value crosses between Apps Script and a cell, copying what Sheets does:
// - a Date is stored as the wall-clock time in the spreadsheet's time zone (what a person sees)
//   and read back as the instant that wall time denotes in that zone;
// - strings are parsed like typed input (USER_ENTERED): "42" becomes a number, "TRUE" a boolean,
//   "=..." a formula — unless the cell's number format is plain text ("@");
// - empty cells read as ''.
import type { CellValue } from 'exceljs';
import { DateTime } from 'luxon';
import { format as formatNumber } from 'numfmt';
import { types } from 'node:util';

export type SheetValue = string | number | boolean | Date;

/** The format Sheets gives a cell when a Date is written into it (en_US locale). */
export const AUTO_DATE_FORMAT = 'M/d/yyyy H:mm:ss';
export const DEFAULT_FORMAT = 'General';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Instant → the same wall time expressed as a UTC Date (how exceljs writes serial dates). */
export function toWallClock(instant: Date, timeZone: string): Date {
  const w = DateTime.fromJSDate(instant, { zone: timeZone });
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond));
}

/** Inverse of toWallClock. A wall time skipped by a DST jump resolves forward, as Sheets does. */
export function fromWallClock(wall: Date, timeZone: string): Date {
  return DateTime.fromObject(
    {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
      millisecond: wall.getUTCMilliseconds(),
    },
    { zone: timeZone },
  ).toJSDate();
}

/** An Apps Script value → what the cell stores. */
export function toCell(value: unknown, timeZone: string, numberFormat: string): CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'boolean') return value;
  if (types.isDate(value)) return toWallClock(value as Date, timeZone);
  const text = String(value);
  if (numberFormat === '@') return text;
  if (text.startsWith('=') && text.length > 1) return { formula: text.slice(1), date1904: false };
  const trimmed = text.trim();
  if (NUMBER.test(trimmed)) return Number(trimmed);
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toUpperCase() === 'TRUE';
  return text;
}

/** What the cell stores → the Apps Script value getValues returns. */
export function fromCell(cell: CellValue, timeZone: string): SheetValue {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number' || typeof cell === 'string' || typeof cell === 'boolean') return cell;
  if (cell instanceof Date) return fromWallClock(cell, timeZone);
  if (typeof cell === 'object') {
    if ('formula' in cell || 'sharedFormula' in cell) {
      // Formulas are not evaluated locally: the cached result if the file had one, else ''.
      const result = (cell as { result?: unknown }).result;
      return result === undefined || result === null || typeof result === 'object' ? '' : fromCell(result as CellValue, timeZone);
    }
    if ('richText' in cell) return cell.richText.map((r) => r.text).join('');
    if ('text' in cell) return String((cell as { text: unknown }).text);
    if ('error' in cell) return String(cell.error);
  }
  return String(cell);
}

/** The text Sheets shows for a stored value under a number format. */
export function displayOf(cell: CellValue, numberFormat: string): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return formatNumber(numberFormat, cell.getTime() / 86_400_000 + 25_569);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'number') return formatNumber(numberFormat || DEFAULT_FORMAT, cell);
  if (typeof cell === 'string') return numberFormat === '@' || !numberFormat.includes('@') ? cell : formatNumber(numberFormat, cell);
  const plain = fromCell(cell, 'UTC');
  return typeof plain === 'object' ? plain.toISOString() : String(plain);
}
