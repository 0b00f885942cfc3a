import { OVERRIDES_COLUMNS } from '../../../src/core/overrides/table';
import { createOverridesServer } from '../../../src/gas/ui/overrides-server';
import { pagesFromOverview } from '../../../src/gas/adapters/overrides-tab';
import { FakeLock, FakeSheet, FakeSpreadsheet, fakeOverridesDeps, sheetsInput, workbookWithPages } from '../fakes/overrides-sheets';

const PAGES = ['miss_alexa', 'luna_rose', 'jade_w'];

function setup(rows?: unknown[][]) {
  const ss = workbookWithPages(PAGES);
  if (rows) ss.sheets.set('Overrides', new FakeSheet(rows));
  const fake = fakeOverridesDeps(ss);
  return { ss, ...fake, server: createOverridesServer(fake.deps) };
}

/** Only JSON-able data: what google.script.run can carry. */
function expectPlain(value: unknown): void {
  expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  const walk = (v: unknown): void => {
    expect(v instanceof Date).toBe(false);
    expect(v).not.toBeUndefined();
    if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
}

describe('the fake behaves like Sheets where it matters', () => {
  it('parses typed-looking text unless the cell is plain text', () => {
    expect(sheetsInput('9-23', '')).toBeInstanceOf(Date);
    expect(sheetsInput('9-23', '@')).toBe('9-23');
    expect(sheetsInput("'=1+1", '')).toBe('=1+1');
    expect(sheetsInput('12', '')).toBe(12);
  });
});

describe('pagesFromOverview', () => {
  it('finds the page column under a title line; no tab gives no pages', () => {
    expect(pagesFromOverview(workbookWithPages(['a', 'b', 'a', ' c ']))).toEqual(['a', 'b', 'c']);
    expect(pagesFromOverview(new FakeSpreadsheet())).toEqual([]);
  });
});

describe('getOverridesForSidebar', () => {
  it('returns pages, categories, the tab\'s overrides and its problems as plain data', () => {
    const { server } = setup([
      [...OVERRIDES_COLUMNS],
      ['miss_alexa', new Date('2026-03-10T07:00:00Z'), 1.5, 1, 3, '10-22', '', '', 'bg', 'note', '', ''],
      ['luna_rose', '', '', 'three', '', '', '', '', '', '', '', ''],
    ]);
    const data = server.getOverridesForSidebar();
    expectPlain(data);
    expect(data.pages).toEqual(PAGES);
    expect(data.categories).toContain('solo');
    expect(data.overrides).toEqual({
      miss_alexa: { pauseUntil: '2026-03-10', volumeMultiplier: 1.5, ppvMin: 1, ppvMax: 3, allowedHours: { start: 10, end: 22 }, excludedCategories: ['bg'], notes: 'note' },
    });
    expect(data.problems).toEqual([expect.objectContaining({ row: 3, column: 'D (ppv_min)', page: 'luna_rose' })]);
  });

  it('without an Overrides tab: no overrides, no problems', () => {
    const data = setup().server.getOverridesForSidebar();
    expect(data).toEqual({ pages: PAGES, categories: expect.any(Array), overrides: {}, problems: [] });
  });
});

describe('saveOverrides', () => {
  it('creates the tab with its header and the row in one setValues, under the lock', () => {
    const { ss, server, lock, flushes } = setup();
    const result = server.saveOverrides('jade_w', { ppvMin: 2, allowedHours: { start: 9, end: 23 }, notes: '=HYPERLINK("x")' });
    expect(result).toEqual({ ok: true, saved: { ppvMin: 2, allowedHours: { start: 9, end: 23 }, notes: '=HYPERLINK("x")' }, row: 2 });
    const sheet = ss.getSheetByName('Overrides')!;
    expect(sheet.setValuesCalls).toBe(1);
    expect(sheet.cells[0]).toEqual([...OVERRIDES_COLUMNS]);
    // Hours stay text (the cell was plain text), the note is not a formula, the stamp is LA time.
    expect(sheet.cells[1]).toEqual(['jade_w', '', '', 2, '', '9-23', '', '', '', '=HYPERLINK("x")', '2026-03-02 10:30', 'scheduler@agency.test']);
    expect(lock.acquisitions).toBe(1);
    expect(lock.held).toBe(false);
    expect(flushes()).toBe(1);
    // And it reads back the same.
    expect(server.getOverridesForSidebar().overrides.jade_w).toEqual(result.ok && result.saved);
  });

  it('rewrites the page\'s own row (keeping the scheduler\'s extra column) or appends a new one', () => {
    const header = ['page_name', 'my column', ...OVERRIDES_COLUMNS.slice(1)];
    const { ss, server } = setup([header, ['luna_rose', 'keep me', '', '', 5], ['miss_alexa', 'mine', '', '', 1]]);
    const sheet = ss.getSheetByName('Overrides')!;
    expect(server.saveOverrides('miss_alexa', { ppvMax: 4, pauseUntil: '2026-04-01' })).toMatchObject({ ok: true, row: 3 });
    expect(sheet.cells[2]!.slice(0, 6)).toEqual(['miss_alexa', 'mine', expect.any(Date), '', '', 4]);
    expect(server.saveOverrides('jade_w', { excludedCategories: ['Solo', 'bg', 'solo'] })).toMatchObject({ ok: true, row: 4, saved: { excludedCategories: ['solo', 'bg'] } });
    expect(sheet.setValuesCalls).toBe(2);
    expect(sheet.cells).toHaveLength(4);
    const read = server.getOverridesForSidebar();
    expect(read.problems).toEqual([]);
    expect(read.overrides).toEqual({
      luna_rose: { ppvMin: 5 },
      miss_alexa: { ppvMax: 4, pauseUntil: '2026-04-01' },
      jade_w: { excludedCategories: ['solo', 'bg'] },
    });
  });

  it('answers validation failures with field errors and writes nothing', () => {
    const { ss, server, lock } = setup();
    const result = server.saveOverrides('nobody', { ppvMin: 5, ppvMax: 2, volumeMultiplier: 'lots', excludedCategories: ['feet'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expectPlain(result);
    expect(result.errors.map((e) => e.field).sort()).toEqual(['page', 'volumeMultiplier']);
    const second = server.saveOverrides('jade_w', { ppvMin: 5, ppvMax: 2, excludedCategories: ['feet'], pauseUntil: '2026-02-30' });
    expect(second).toEqual({
      ok: false,
      errors: [
        { field: 'ppvMin', message: 'PPV minimum must not exceed PPV maximum' },
      ],
    });
    const third = server.saveOverrides('jade_w', { excludedCategories: ['feet'], pauseUntil: '2026-02-30', allowedHours: { start: 25, end: 3 } });
    expect(third.ok).toBe(false);
    expect(!third.ok && third.errors.map((e) => `${e.field}: ${e.message}`)).toEqual(['allowedHours: start hour must be 0 to 24', 'allowedHours: start must be before end']);
    const fourth = server.saveOverrides('jade_w', { excludedCategories: ['feet'], pauseUntil: '2026-02-30' });
    expect(!fourth.ok && fourth.errors.map((e) => e.field)).toEqual(['pauseUntil', 'excludedCategories']);
    expect(server.saveOverrides('jade_w', null)).toEqual({ ok: false, errors: [expect.objectContaining({ field: 'form' })] });
    expect(ss.getSheetByName('Overrides')).toBeNull();
    expect(lock.acquisitions).toBe(0);
  });

  it('refuses to save into a tab whose header lost a column, and says which', () => {
    const header = OVERRIDES_COLUMNS.filter((c) => c !== 'ppv_max');
    const { ss, server } = setup([header]);
    const result = server.saveOverrides('jade_w', { ppvMin: 1 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]!.message).toMatch(/no column 'ppv_max'/);
    expect(ss.getSheetByName('Overrides')!.setValuesCalls).toBe(0);
  });

  it('when the lock is busy: a form error, nothing written', () => {
    const { ss, server, lock } = setup();
    lock.busy = true;
    expect(server.saveOverrides('jade_w', { ppvMin: 1 })).toEqual({ ok: false, errors: [{ field: 'form', message: expect.stringMatching(/try again/) }] });
    expect(ss.getSheetByName('Overrides')).toBeNull();
  });

  it('a Sheets failure propagates (the sidebar shows it) and the lock is released', () => {
    const { ss, server, lock } = setup([[...OVERRIDES_COLUMNS]]);
    ss.getSheetByName('Overrides')!.failNextWrite = 'Service Spreadsheets failed while accessing document';
    expect(() => server.saveOverrides('jade_w', { ppvMin: 1 })).toThrow(/Service Spreadsheets failed/);
    expect(lock.held).toBe(false);
  });

  it('a page named __proto__ stays data', () => {
    const ss = workbookWithPages(['__proto__']);
    const server = createOverridesServer(fakeOverridesDeps(ss, new FakeLock()).deps);
    expect(server.saveOverrides('__proto__', { ppvMin: 3 }).ok).toBe(true);
    const data = server.getOverridesForSidebar();
    expect(Object.getOwnPropertyNames(data.overrides)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(data.overrides)).toBe(Object.prototype);
  });
});
