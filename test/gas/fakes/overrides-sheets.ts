// A small in-memory spreadsheet for the overrides server functions (and the browser test behind
// them). It copies what matters of Sheets' input handling: setValues parses typed-looking strings
// ('2026-03-01' → a Date at local midnight, '12' → 12, '9-23' → the date Sep 23) unless the cell
// is formatted as plain text ('@'), and a leading apostrophe makes text and is hidden.
import type { LockApi } from '../../../src/gas/adapters/lock';
import { pagesFromOverview, type RangeLike, type SheetLike, type SpreadsheetLike } from '../../../src/gas/adapters/overrides-tab';

const ZONE = 'America/Los_Angeles';

function midnightIn(y: number, m: number, d: number): Date {
  // LA is UTC-7 or UTC-8; pick the offset at which the local clock reads 00:00.
  for (const offset of [7, 8]) {
    const t = new Date(Date.UTC(y, m - 1, d, offset));
    const hour = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' }).format(t);
    if (hour === '00') return t;
  }
  throw new Error(`no midnight for ${y}-${m}-${d}`);
}

/** What Sheets stores for a value written with setValues into a cell of the given format. */
export function sheetsInput(value: unknown, format: string): unknown {
  if (typeof value !== 'string') return value;
  if (value.startsWith("'")) return value.slice(1);
  if (format === '@') return value;
  if (/^=/.test(value)) return `#FORMULA(${value})`;
  if (/^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) return midnightIn(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})-(\d{1,2})$/.exec(value);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12 && Number(m[2]) >= 1 && Number(m[2]) <= 31) {
    return midnightIn(2026, Number(m[1]), Number(m[2]));
  }
  return value;
}

export class FakeSheet implements SheetLike {
  cells: unknown[][] = [];
  formats = new Map<string, string>();
  setValuesCalls = 0;
  /** Set to make the next setValues throw like a Sheets service error. */
  failNextWrite: string | null = null;

  constructor(rows: unknown[][] = []) {
    this.cells = rows.map((r) => [...r]);
  }

  getDataRange(): RangeLike {
    const rows = Math.max(this.cells.length, 1);
    const cols = Math.max(1, ...this.cells.map((r) => r.length));
    return this.getRange(1, 1, rows, cols);
  }

  getRange(row: number, column: number, numRows: number, numColumns: number): RangeLike {
    const read = (): unknown[][] =>
      Array.from({ length: numRows }, (_, r) =>
        Array.from({ length: numColumns }, (_, c) => {
          const v = this.cells[row - 1 + r]?.[column - 1 + c];
          return v === undefined || v === null ? '' : v;
        }),
      );
    const range: RangeLike = {
      getValues: read,
      setValues: (values: unknown[][]) => {
        if (this.failNextWrite !== null) {
          const message = this.failNextWrite;
          this.failNextWrite = null;
          throw new Error(message);
        }
        if (values.length !== numRows || values.some((r) => r.length !== numColumns)) {
          throw new Error(`The number of rows or columns in the data does not match the range (${numRows}x${numColumns})`);
        }
        this.setValuesCalls++;
        values.forEach((r, i) => {
          const target = (this.cells[row - 1 + i] ??= []);
          r.forEach((v, j) => {
            target[column - 1 + j] = sheetsInput(v, this.formats.get(`${row + i}:${column + j}`) ?? '');
          });
        });
        for (let i = 0; i < this.cells.length; i++) this.cells[i] ??= [];
        return range;
      },
      setNumberFormat: (format: string) => {
        for (let r = 0; r < numRows; r++) for (let c = 0; c < numColumns; c++) this.formats.set(`${row + r}:${column + c}`, format);
        return range;
      },
    };
    return range;
  }
}

export class FakeSpreadsheet implements SpreadsheetLike {
  sheets = new Map<string, FakeSheet>();
  timeZone = ZONE;

  getSheetByName(name: string): FakeSheet | null {
    return this.sheets.get(name) ?? null;
  }

  insertSheet(name: string): FakeSheet {
    if (this.sheets.has(name)) throw new Error(`A sheet with the name "${name}" already exists.`);
    const sheet = new FakeSheet();
    this.sheets.set(name, sheet);
    return sheet;
  }

  getSpreadsheetTimeZone(): string {
    return this.timeZone;
  }
}

export class FakeLock implements LockApi {
  held = false;
  acquisitions = 0;
  busy = false;

  tryLock(): boolean {
    if (this.busy || this.held) return false;
    this.held = true;
    this.acquisitions++;
    return true;
  }

  releaseLock(): void {
    this.held = false;
  }

  hasLock(): boolean {
    return this.held;
  }
}

/** Server deps over the fakes: pages from the Overview tab as in Apps Script, a fixed clock. */
export function fakeOverridesDeps(ss: FakeSpreadsheet, lock = new FakeLock(), categories = ['solo', 'bg', 'tease', 'custom', 'lingerie']) {
  let flushes = 0;
  return {
    lock,
    flushes: () => flushes,
    deps: {
      spreadsheet: () => ss,
      knownPages: pagesFromOverview,
      knownCategories: () => [...categories],
      lock: () => lock,
      now: () => new Date('2026-03-02T18:30:00Z'),
      user: () => 'scheduler@agency.test',
      flush: () => {
        flushes++;
      },
    },
  };
}

/** A workbook with an Overview tab listing these pages. */
export function workbookWithPages(pages: string[]): FakeSpreadsheet {
  const ss = new FakeSpreadsheet();
  ss.sheets.set('Overview', new FakeSheet([['EROS overview'], ['page_name', 'size_tier'], ...pages.map((p) => [p, 'SMALL'])]));
  return ss;
}
