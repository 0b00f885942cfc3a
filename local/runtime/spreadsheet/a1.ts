// A1 notation as Sheets reads it: "B2", "A1:C10", "Sheet 1!A1:B2", "'My tab'!A:A", "3:5".
import { columnLetter } from '../../../src/core/overrides/header';
import { ServiceError } from '../errors';

export interface GridRect {
  row: number; // 1-based
  column: number; // 1-based
  numRows: number;
  numColumns: number;
}

/** 1 → A, 27 → AA: the project's one column-letter function (0-based there). */
export const columnLetters = (column: number): string => columnLetter(column - 1);

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function toA1(rect: GridRect): string {
  const start = `${columnLetters(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return start;
  return `${start}:${columnLetters(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
}

/** Splits "Sheet!A1:B2" into the sheet name (quotes removed) and the range part. */
export function splitSheetName(a1: string): { sheet?: string; ref: string } {
  const bang = a1.lastIndexOf('!');
  if (bang < 0) return { ref: a1 };
  let sheet = a1.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, ref: a1.slice(bang + 1) };
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

/** Parses the range part; open-ended rows/columns extend to the sheet's max size. */
export function parseA1(ref: string, maxRows: number, maxColumns: number): GridRect {
  const parts = ref.trim().split(':');
  const cells = parts.map((p) => CELL.exec(p));
  if (parts.length > 2 || cells.some((m) => !m || (!m[1] && !m[2]))) throw new ServiceError('Range not found');
  const a = cells[0] as RegExpExecArray;
  const b = (cells[1] ?? a) as RegExpExecArray;
  const c1 = a[1] ? columnNumber(a[1]) : 1;
  const r1 = a[2] ? Number(a[2]) : 1;
  const c2 = b[1] ? columnNumber(b[1]) : maxColumns;
  const r2 = b[2] ? Number(b[2]) : maxRows;
  if (r1 < 1 || r2 < 1) throw new ServiceError('Range not found');
  const row = Math.min(r1, r2);
  const column = Math.min(c1, c2);
  return { row, column, numRows: Math.abs(r2 - r1) + 1, numColumns: Math.abs(c2 - c1) + 1 };
}
