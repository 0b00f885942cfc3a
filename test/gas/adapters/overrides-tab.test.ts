// The run's read of the Overrides tab: a renamed tab is reported, and a workbook that never had
// one is not searched tab by tab on every run (a getName per tab: 500 calls at 500 pages).
import { OVERRIDES_COLUMNS } from '../../../src/core/overrides/table';
import { loadOverridesFrom, OVERRIDES_SEEN_KEY, type TabMemo } from '../../../src/gas/adapters/overrides-tab';

class Book {
  getNameCalls = 0;
  constructor(public names: string[]) {}
  getSheetByName(name: string) {
    return this.names.includes(name) ? { getDataRange: () => ({ getValues: () => [[...OVERRIDES_COLUMNS]] }), getRange: () => { throw new Error('unused'); } } : null;
  }
  insertSheet(): never { throw new Error('the run never creates tabs here'); }
  getSpreadsheetTimeZone() { return 'America/Los_Angeles'; }
  getSheets() {
    return this.names.map((n) => ({ getName: () => { this.getNameCalls += 1; return n; } }));
  }
}

class Memo implements TabMemo {
  map = new Map<string, string>();
  getProperty(k: string) { return this.map.get(k) ?? null; }
  setProperty(k: string, v: string) { this.map.set(k, v); }
}

describe('loadOverridesFrom', () => {
  it('reports a renamed Overrides tab when the tab was there before', () => {
    const book = new Book(['Overrides', 'a', 'b']);
    const memo = new Memo();
    expect(loadOverridesFrom(book as never, ['a'], true, memo).problems).toEqual([]);
    expect(memo.getProperty(OVERRIDES_SEEN_KEY)).toBe('1');
    book.names[0] = 'Overrides (old)';
    const { problems } = loadOverridesFrom(book as never, ['a'], true, memo);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("tab 'Overrides (old)' looks like it");
  });

  it('searches a workbook without the tab once, then not again while it stays without', () => {
    const book = new Book(['a', 'b', 'c']);
    const memo = new Memo();
    loadOverridesFrom(book as never, ['a'], true, memo);
    expect(book.getNameCalls).toBe(3);
    expect(memo.getProperty(OVERRIDES_SEEN_KEY)).toBe('0');
    loadOverridesFrom(book as never, ['a'], true, memo);
    expect(book.getNameCalls).toBe(3);
  });

  it('searches every time without a memo, never when told the run already did', () => {
    const book = new Book(['a', 'Overrides copy']);
    expect(loadOverridesFrom(book as never, ['a']).problems).toHaveLength(1);
    expect(loadOverridesFrom(book as never, ['a'], false).problems).toEqual([]);
  });
});
