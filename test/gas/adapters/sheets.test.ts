// SheetsWorkbook against the local runtime's SpreadsheetApp stand-in (real grid, real errors),
// with every call recorded so the per-tab call count is measured, not assumed.
import { SheetsWorkbook, LIGHT_COLOURS, WORKING_PREFIX } from '../../../src/gas/adapters/sheets';
import { scheduleTable, runsTable } from '../../../src/core/run/tabs';
import type { Table } from '../../../src/core/run/ports';
import { MAX_WEEK_MESSAGES } from '../../../src/core/engine/config';
import { LocalSpreadsheet, SpreadsheetAppService } from '../../../local/runtime/index';

/** Wraps an object so every method call (and calls on what it returns) is recorded by name. */
function recording<T extends object>(target: T, calls: string[]): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value = Reflect.get(obj, key, receiver) as unknown;
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        calls.push(key);
        const out = (value as (...a: unknown[]) => unknown).apply(obj, args);
        const wrap = (x: unknown) => (x !== null && typeof x === 'object' && !(x instanceof Date) ? recording(x as object, calls) : x);
        return Array.isArray(out) ? out.map((x: unknown) => (Array.isArray(x) ? x : wrap(x))) : wrap(out);
      };
    },
  });
}

function workbook() {
  const app = new SpreadsheetAppService(LocalSpreadsheet.create('t.xlsx', { timeZone: 'America/Los_Angeles' }));
  const calls: string[] = [];
  const ss = app.getActiveSpreadsheet();
  const rule = () => app.newConditionalFormatRule() as never;
  const wb = new SheetsWorkbook(recording(ss, calls) as never, rule);
  const values = (name: string) => ss.getSheetByName(name)?.getDataRange().getValues() ?? [];
  return { wb, calls, ss, values, rule };
}

const exportRow = (slot: number) => ({ page_name: 'anna', schedule_id: 'sch_0123456789abcdef0123', slot_index: slot, local_date: '2026-11-30', local_time: '19:05', saturation_light: 'GREEN', price: 9.99, caption_id: 12 });
const schedule = (n: number) => scheduleTable(Array.from({ length: n }, (_, i) => exportRow(i)));
const runSummary = (runId: string, message = 'ok') =>
  ({ runId, runDate: '2026-11-25', runKind: 'DAILY', startedAt: new Date(0), status: 'SUCCEEDED', perPage: [], pagesGenerated: 0, pagesSkipped: 0, pagesFailed: 0, pagesNotAttempted: 0, jobs: 5, bytesProcessed: 0, executions: 1, message }) as never;
/** Calls that read or write the document (getRange only builds a reference). */
const documentCalls = (calls: string[]) => calls.filter((c) => c !== 'getRange');

describe('SheetsWorkbook', () => {
  it('lays a new tab out once: frozen bold header, column formats and light colours on whole columns', () => {
    const t = workbook();
    t.wb.writeScheduleTab('anna: vip', schedule(3));
    const sheet = t.ss.getSheetByName('anna_ vip')!;
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getRange(1, 1).getFontWeight()).toBe('bold');
    expect(sheet.getRange('J200').getNumberFormat()).toBe('$#,##0.00'); // price column, far below the data
    const rules = sheet.getConditionalFormatRules();
    expect(rules.map((r) => r.getBooleanCondition()?.getBackground())).toEqual(Object.values(LIGHT_COLOURS));
    expect((rules[0]!.getRanges()[0] as unknown as { getA1Notation(): string }).getA1Notation()).toBe('K2:K201');
  });

  it('replaces a schedule tab with two document calls whatever the row count (no clear: a block covers any week)', () => {
    const counts = [3, MAX_WEEK_MESSAGES].map((n) => {
      const t = workbook();
      t.wb.writeScheduleTab('anna', schedule(MAX_WEEK_MESSAGES - n + 1));
      t.calls.length = 0;
      t.wb.writeScheduleTab('anna', schedule(n));
      expect(t.values('anna')).toHaveLength(n + 1);
      return documentCalls(t.calls);
    });
    expect(counts[0]).toEqual(['getSheetByName', 'setValues']);
    expect(counts[1]).toEqual(counts[0]);
  });

  it('replaces other tabs with three document calls; refuses a table longer than its block before writing', () => {
    const t = workbook();
    const health: Table = { header: ['Check', 'Status'], rows: [['a', 'GREEN'], ['b', 'RED']] };
    t.wb.writeHealth(health);
    t.calls.length = 0;
    t.wb.writeHealth({ ...health, rows: [['c', 'GREEN']] });
    expect(documentCalls(t.calls)).toEqual(['getSheetByName', 'clearContents', 'setValues']);
    expect(t.values('Health')).toEqual([['Check', 'Status'], ['c', 'GREEN']]);
    // Longer than the block (validation allows no such week): its tail would outlive a later week.
    t.wb.writeScheduleTab('anna', schedule(3));
    expect(() => t.wb.writeScheduleTab('anna', { ...schedule(250), blockRows: 100 })).toThrow('tab anna: 250 rows, more than the 99 it holds');
    expect(t.values('anna')).toHaveLength(4);
  });

  it('a new schedule tab is cut to its block, so 500 pages fit the 10 million cells of a spreadsheet', () => {
    const t = workbook();
    for (let i = 0; i < 500; i += 1) t.wb.writeScheduleTab(`page ${i}`, schedule(1));
    const sheet = t.ss.getSheetByName('page 499')!;
    expect(sheet.getMaxRows()).toBe(MAX_WEEK_MESSAGES + 1);
    const cells = t.ss.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
    expect(cells).toBeLessThan(10_000_000 / 2);
  });

  it('later new schedule tabs are copies of the first: full layout, only their own rows, their own page tag, seven document calls', () => {
    const t = workbook();
    t.wb.writeScheduleTab('anna', schedule(40));
    t.calls.length = 0;
    t.wb.writeScheduleTab('bella', schedule(2));
    expect(documentCalls(t.calls)).toEqual(['getSheetByName', 'getSheetByName', 'insertSheet', 'getDeveloperMetadata', 'setValue', 'setValues', 'setName']);
    expect(t.wb.pageOfTab('bella')).toBe('bella');
    expect(t.wb.pageOfTab('anna')).toBe('anna');
    const sheet = t.ss.getSheetByName('bella')!;
    expect(t.values('bella')).toHaveLength(3);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getRange(1, 1).getFontWeight()).toBe('bold');
    expect(sheet.getRange('J200').getNumberFormat()).toBe('$#,##0.00');
    expect(sheet.getConditionalFormatRules()).toHaveLength(3);
    expect(sheet.getMaxRows()).toBe(MAX_WEEK_MESSAGES + 1);
    expect(t.values('anna')).toHaveLength(41);
  });

  it('maps a tab back to its page by its tag, whatever the tab is called', () => {
    const t = workbook();
    const long = `${'x'.repeat(110)}/vip`;
    t.wb.writeScheduleTab(long, schedule(1));
    t.wb.writeScheduleTab('Overview', schedule(1));
    const tabs = t.ss.getSheets().map((s) => s.getName());
    expect(tabs).toContain('Overview (page)');
    expect(tabs.find((n) => n.startsWith('xxx'))).toHaveLength(100);
    expect(t.wb.pageOfTab(tabs.find((n) => n.startsWith('xxx'))!)).toBe(long);
    expect(t.wb.pageOfTab('Overview (page)')).toBe('Overview');
    t.ss.getSheetByName('Overview (page)')!.setName('renamed by hand');
    expect(t.wb.pageOfTab('renamed by hand')).toBe('Overview');
    expect(t.wb.pageOfTab('Sheet1')).toBeNull();
    expect(t.wb.pageOfTab('no such tab')).toBeNull();
  });

  it('a copy killed before its rows are written leaves no tab under the real name; the next creation is right', () => {
    const t = workbook();
    t.wb.writeScheduleTab('anna', schedule(40));
    const killing = new Proxy(t.ss, {
      get: (o, k) => (k === 'insertSheet'
        ? (name: string, options?: object) => {
          const sheet = o.insertSheet(name, options as never);
          if (options) throw new Error('killed'); // right after the copy, before its rows
          return sheet;
        }
        : (Reflect.get(o, k) as (...a: unknown[]) => unknown).bind(o)),
    });
    const dying = new SheetsWorkbook(killing as never, t.rule);
    dying.writeScheduleTab('carl', schedule(1)); // laid out in full: the template is another execution's
    expect(() => dying.writeScheduleTab('bella', schedule(2))).toThrow();
    expect(t.ss.getSheetByName('bella')).toBeNull();
    t.wb.writeScheduleTab('bella', schedule(2));
    expect(t.values('bella')).toHaveLength(3);
    expect(t.ss.getSheetByName('bella')!.getConditionalFormatRules()).toHaveLength(3);
    expect(t.ss.getSheets().map((s) => s.getName())).not.toContain(`${WORKING_PREFIX}bella`);
  });

  it('leaves no rows of a longer earlier schedule and writes nulls as empty cells', () => {
    const t = workbook();
    t.wb.writeScheduleTab('anna', schedule(3));
    t.wb.writeScheduleTab('anna', schedule(1));
    const grid = t.values('anna');
    expect(grid).toHaveLength(2);
    expect(grid[1]![4]).toBe(''); // funnel_step was absent
    expect(t.calls.filter((c) => c === 'insertSheet')).toHaveLength(1);
  });

  it('rewrites a tab a person shrank by deleting rows', () => {
    const t = workbook();
    t.wb.writeScheduleTab('anna', schedule(3));
    const sheet = t.ss.getSheetByName('anna')!;
    sheet.deleteRows(5, MAX_WEEK_MESSAGES - 9);
    expect(sheet.getMaxRows()).toBe(10);
    t.wb.writeScheduleTab('anna', schedule(40));
    expect(t.values('anna')).toHaveLength(41);
  });

  it('appends runs below the existing rows, growing the grid past 1000 rows', () => {
    const t = workbook();
    for (let i = 0; i < 1001; i += 1) t.wb.appendRuns(runsTable(runSummary(`r${i}`)));
    const grid = t.values('Runs');
    expect(grid).toHaveLength(1002);
    expect(grid[0]![0]).toBe('Run ID');
    expect(t.calls).toContain('insertRowsAfter');
  });

  it("replaces the row of a run already in the tab (a killed execution wrote it) instead of adding one", () => {
    const t = workbook();
    t.wb.appendRuns(runsTable(runSummary('r1')));
    t.wb.appendRuns(runsTable(runSummary('r2', 'first try')));
    t.wb.appendRuns(runsTable(runSummary('r2', 'resumed')));
    t.wb.appendRuns(runsTable(runSummary('r3')));
    const grid = t.values('Runs');
    expect(grid.map((r) => r[0])).toEqual(['Run ID', 'r1', 'r2', 'r3']);
    expect(grid[2]![14]).toBe('resumed');
  });

  it('a tab whose creation was killed mid-layout gets its whole layout when created again', () => {
    const t = workbook();
    // The execution dies right after the frozen header, before the rest of the layout.
    const dies = (sheet: object) => new Proxy(sheet, { get: (o, k) => (k === 'getRange' ? () => { throw new Error('killed'); } : (Reflect.get(o, k) as (...a: unknown[]) => unknown).bind(o)) });
    const killing = new Proxy(t.ss, {
      get: (o, k) => (k === 'insertSheet' ? (name: string) => dies(o.insertSheet(name)) : (Reflect.get(o, k) as (...a: unknown[]) => unknown).bind(o)),
    });
    const dying = new SheetsWorkbook(killing as never, () => t.ss as never);
    expect(() => dying.writeScheduleTab('anna', schedule(2))).toThrow('killed');
    expect(t.ss.getSheetByName('anna')).toBeNull();
    t.wb.writeScheduleTab('anna', schedule(2));
    const sheet = t.ss.getSheetByName('anna')!;
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getRange('J200').getNumberFormat()).toBe('$#,##0.00');
    expect(sheet.getConditionalFormatRules()).toHaveLength(3);
    expect(t.ss.getSheets().map((s) => s.getName())).not.toContain(`${WORKING_PREFIX}anna`);
    expect(t.values('anna')).toHaveLength(3);
  });

  it('refuses a ragged table, naming the tab and row', () => {
    const t = workbook();
    const bad: Table = { header: ['a', 'b'], rows: [['x', 'y'], ['z']] };
    expect(() => t.wb.writeOverview(bad)).toThrow('tab Overview: row 2 has 1 cells for 2 columns');
  });
});
