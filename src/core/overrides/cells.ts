// Reading one cell of the Overrides tab. Sheets hands over numbers, strings, booleans and Date
// objects; a value typed by hand may be a numeric string. Every reader returns either a value
// (undefined for a blank cell) or a plain-words reason — it never throws, whatever the cell holds.

export type CellResult<T> = { ok: true; value: T | undefined } | { ok: false; message: string };

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOURS_TEXT = /^(\d{1,2})\s*[-–]\s*(\d{1,2})$/;
// A text cell that starts like a formula is written with a leading apostrophe (see toRow).
const FORMULA_START = /^[=+\-@]/;

export function isBlank(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** How a cell is quoted back to the scheduler in a message. */
export function describeCell(cell: unknown): string {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? 'an invalid date' : `the date ${cell.toISOString().slice(0, 10)}`;
  if (typeof cell === 'string') return `'${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}'`;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  return `a ${cell === null ? 'null' : typeof cell} value`;
}

export function readText(cell: unknown): CellResult<string> {
  if (isBlank(cell)) return { ok: true, value: undefined };
  if (typeof cell === 'string') return { ok: true, value: unescapeText(cell) };
  if (typeof cell === 'number' && Number.isFinite(cell)) return { ok: true, value: String(cell) };
  if (typeof cell === 'boolean') return { ok: true, value: String(cell) };
  return { ok: false, message: `must be text, got ${describeCell(cell)}` };
}

export function readNumber(cell: unknown, wholeOnly: boolean): CellResult<number> {
  if (isBlank(cell)) return { ok: true, value: undefined };
  const kind = wholeOnly ? 'a whole number' : 'a number';
  let n: number;
  if (typeof cell === 'number') n = cell;
  else if (typeof cell === 'string' && NUMBER_TEXT.test(cell.trim())) n = Number(cell.trim());
  else return { ok: false, message: `must be ${kind}, got ${describeCell(cell)}` };
  if (!Number.isFinite(n) || (wholeOnly && !Number.isInteger(n))) {
    return { ok: false, message: `must be ${kind}, got ${describeCell(cell)}` };
  }
  return { ok: true, value: n };
}

/** True when y-m-d names a real calendar day (2026-02-30 does not). */
export function isCalendarDate(iso: string): boolean {
  const m = ISO_DATE.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** A Date cell is midnight in the spreadsheet's time zone; read its calendar day there. */
export function dateInZone(date: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

export function readDate(cell: unknown, timeZone: string): CellResult<string> {
  if (isBlank(cell)) return { ok: true, value: undefined };
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { ok: false, message: 'must be a date like 2026-12-31, got an invalid date' };
    return { ok: true, value: dateInZone(cell, timeZone) };
  }
  if (typeof cell === 'string' && isCalendarDate(cell.trim())) return { ok: true, value: cell.trim() };
  return { ok: false, message: `must be a date like 2026-12-31, got ${describeCell(cell)}` };
}

export function readHours(cell: unknown): CellResult<{ start: number; end: number }> {
  if (isBlank(cell)) return { ok: true, value: undefined };
  if (cell instanceof Date) {
    // Typing 9-23 into a column that is not plain text makes Sheets store the date Sep 23.
    return {
      ok: false,
      message: `Sheets turned the hours into ${describeCell(cell)}; format the column as plain text (Format → Number → Plain text) and type the hours again like 9-23`,
    };
  }
  const m = typeof cell === 'string' ? HOURS_TEXT.exec(cell.trim()) : null;
  if (!m) return { ok: false, message: `must be Los Angeles hours like 9-23 (start-end, end not included), got ${describeCell(cell)}` };
  return { ok: true, value: { start: Number(m[1]), end: Number(m[2]) } };
}

export function readList(cell: unknown): CellResult<string[]> {
  const text = readText(cell);
  if (!text.ok || text.value === undefined) return text.ok ? { ok: true, value: undefined } : text;
  const items = text.value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return { ok: true, value: items.length > 0 ? items : undefined };
}

/**
 * Sheets would run '=…' (or '+…', '-…', '@…') as a formula: a leading apostrophe keeps it text.
 * Text that already starts with an apostrophe gets one more, so unescapeText restores it exactly.
 */
export function escapeText(text: string): string {
  return FORMULA_START.test(text) || text.startsWith("'") ? `'${text}` : text;
}

/** Sheets hides the apostrophe; a workbook on disk keeps it. Either way the text comes back as typed. */
export function unescapeText(text: string): string {
  const rest = text.slice(1);
  return text.startsWith("'") && (FORMULA_START.test(rest) || rest.startsWith("'")) ? rest : text;
}
