import { SheetsWorkbook, LIGHT_COLOURS } from '../../src/gas/sheets';
import { scheduleTable, runsTable } from '../../src/core/run/tabs';
import type { Table } from '../../src/core/run/ports';

/** A recording Sheet/Spreadsheet stand-in: enough grid behaviour to check what lands where. */
function fakeSpreadsheet() {
  const calls: string[] = [];
  const sheets = new Map<string, ReturnType<typeof makeSheet>>();
  function makeSheet(name: string) {
    let grid: unknown[][] = [];
    let maxRows = 1000;
    const formats = new Map<string, string>();
    const s = {
      name,
      grid: () => grid,
      formats,
      frozen: 0,
      rules: [] as unknown[],
      clear: () => (calls.push(`${name}.clear`), (grid = []), formats.clear(), s),
      getLastRow: () => (calls.push(`${name}.getLastRow`), grid.length),
      getMaxRows: () => (calls.push(`${name}.getMaxRows`), maxRows),
      getMaxColumns: () => (calls.push(`${name}.getMaxColumns`), 26),
      insertRowsAfter: (_after: number, n: number) => (calls.push(`${name}.insertRowsAfter`), (maxRows += n), s),
      insertColumnsAfter: () => s,
      setFrozenRows: (n: number) => (calls.push(`${name}.setFrozenRows`), (s.frozen = n)),
      setConditionalFormatRules: (r: unknown[]) => (calls.push(`${name}.setConditionalFormatRules`), (s.rules = r)),
      getRange: (row: number, col: number, rows: number, cols: number) => {
        calls.push(`${name}.getRange`);
        if (row + rows - 1 > maxRows) throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
        return {
          setValues: (v: unknown[][]) => {
            calls.push(`${name}.setValues`);
            if (v.length !== rows || v.some((r) => r.length !== cols)) throw new Error('dimension mismatch');
            v.forEach((r, i) => (grid[row - 1 + i] = r));
          },
          setNumberFormat: (f: string) => (calls.push(`${name}.setNumberFormat`), formats.set(`${row}:${col}x${rows}`, f)),
          setFontWeight: () => calls.push(`${name}.setFontWeight`),
          a1: { row, col, rows, cols },
        };
      },
    };
    return s;
  }
  const ss = {
    getSheetByName: (n: string) => (calls.push('getSheetByName'), (sheets.get(n) ?? null) as never),
    insertSheet: (n: string) => {
      calls.push('insertSheet');
      const s = makeSheet(n);
      sheets.set(n, s);
      return s as never;
    },
  };
  const rule = () => {
    const r: Record<string, unknown> = {};
    const b = {
      whenTextEqualTo: (t: string) => ((r.text = t), b),
      setBackground: (c: string) => ((r.background = c), b),
      setRanges: (rg: unknown[]) => ((r.ranges = rg), b),
      build: () => r,
    };
    return b as never;
  };
  return { ss, calls, sheets, rule };
}

const exportRow = (slot: number) => ({ page_name: 'anna', schedule_id: 's1', slot_index: slot, local_date: '2026-11-30', local_time: '19:05', saturation_light: 'GREEN', price: 9.99, caption_id: 12 });

describe('SheetsWorkbook', () => {
  it('writes a schedule tab in one setValues with a constant number of calls, whatever the row count', () => {
    const count = (n: number) => {
      const f = fakeSpreadsheet();
      new SheetsWorkbook(f.ss, f.rule).writeScheduleTab('anna: vip', scheduleTable(Array.from({ length: n }, (_, i) => exportRow(i))));
      return f;
    };
    const small = count(3);
    const large = count(500);
    expect(small.calls.length).toBe(large.calls.length);
    expect(large.calls.filter((c) => c.endsWith('.setValues'))).toHaveLength(1);
    const sheet = large.sheets.get('anna_ vip')!;
    expect(sheet.grid()).toHaveLength(501);
    expect(sheet.grid()[0]![0]).toBe('Date');
    expect(sheet.grid()[1]).toContain(9.99);
    expect(sheet.frozen).toBe(1);
    expect([...sheet.formats.values()]).toContain('$#,##0.00');
    expect((sheet.rules as Array<{ text: string; background: string }>).map((r) => [r.text, r.background])).toEqual(Object.entries(LIGHT_COLOURS));
  });

  it('replaces a tab on re-run (no leftover rows) and turns nulls into empty cells', () => {
    const f = fakeSpreadsheet();
    const wb = new SheetsWorkbook(f.ss, f.rule);
    wb.writeScheduleTab('anna', scheduleTable([exportRow(0), exportRow(1), exportRow(2)]));
    wb.writeScheduleTab('anna', scheduleTable([exportRow(0)]));
    const grid = f.sheets.get('anna')!.grid();
    expect(grid).toHaveLength(2);
    expect(grid[1]![4]).toBe(''); // funnel_step was absent
    expect(f.calls.filter((c) => c === 'insertSheet')).toHaveLength(1);
  });

  it('appends runs below the existing rows in one getRange+setValues, growing the sheet when full', () => {
    const f = fakeSpreadsheet();
    const wb = new SheetsWorkbook(f.ss, f.rule);
    const summary = { runId: 'r', runDate: '2026-11-25', runKind: 'DAILY', startedAt: new Date(0), status: 'SUCCEEDED', perPage: [], pagesGenerated: 0, pagesSkipped: 0, pagesFailed: 0, pagesNotAttempted: 0, jobs: 5, bytesProcessed: 0, executions: 1, message: 'ok' } as never;
    for (let i = 0; i < 1001; i += 1) wb.appendRuns(runsTable(summary));
    const runs = f.sheets.get('Runs')!;
    expect(runs.grid()).toHaveLength(1002);
    expect(runs.grid()[0]![0]).toBe('Run ID');
    expect(f.calls).toContain('Runs.insertRowsAfter');
  });

  it('refuses a ragged table, naming the tab and row', () => {
    const f = fakeSpreadsheet();
    const bad: Table = { header: ['a', 'b'], rows: [['x', 'y'], ['z']] };
    expect(() => new SheetsWorkbook(f.ss, f.rule).writeOverview(bad)).toThrow('tab Overview: row 2 has 1 cells for 2 columns');
  });
});
