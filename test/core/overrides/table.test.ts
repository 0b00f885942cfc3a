import {
  OVERRIDES_COLUMNS, columnLetter, parseOverridesTab, rowForLayout, toRecord, toRow,
} from '../../../src/core/overrides/table';

const known = { pages: ['miss_alexa', 'luna_rose', 'jade_w'], categories: ['solo', 'bg', 'tease', 'custom', 'lingerie'] };
const header = [...OVERRIDES_COLUMNS];
const blankRow = (): unknown[] => OVERRIDES_COLUMNS.map(() => '');
/** A row with the given columns set, others blank. */
function row(cells: Partial<Record<(typeof OVERRIDES_COLUMNS)[number], unknown>>): unknown[] {
  const r = blankRow();
  for (const [k, v] of Object.entries(cells)) r[OVERRIDES_COLUMNS.indexOf(k as never)] = v;
  return r;
}

describe('columnLetter', () => {
  it.each([[0, 'A'], [3, 'D'], [25, 'Z'], [26, 'AA'], [27, 'AB'], [701, 'ZZ'], [702, 'AAA']])('%i → %s', (i, l) => {
    expect(columnLetter(i)).toBe(l);
  });
});

describe('parseOverridesTab', () => {
  it('reads a well-formed row of strings, numbers and a Date cell', () => {
    const values = [
      header,
      row({
        page_name: 'miss_alexa', pause_until: new Date('2026-03-10T08:00:00Z'), volume_multiplier: '1.25', ppv_min: 2,
        ppv_max: '4', allowed_hours: '9-23', price_floor: 5, price_ceiling: '40.5', excluded_categories: 'bg, Tease', notes: 'vacation',
        updated_at: '2026-03-01 10:00', updated_by: 'a@b.c',
      }),
    ];
    const { overrides, problems } = parseOverridesTab(values, known, { timeZone: 'America/Los_Angeles' });
    expect(problems).toEqual([]);
    expect(overrides.get('miss_alexa')).toEqual({
      pauseUntil: '2026-03-10', volumeMultiplier: 1.25, ppvMin: 2, ppvMax: 4, allowedHours: { start: 9, end: 23 },
      priceFloor: 5, priceCeiling: 40.5, excludedCategories: ['bg', 'tease'], notes: 'vacation',
    });
  });

  it('reads a Date cell in the spreadsheet time zone (midnight LA is the previous day in UTC+x zones)', () => {
    const midnightLA = new Date('2026-07-04T07:00:00Z'); // 00:00 PDT
    const values = [header, row({ page_name: 'jade_w', pause_until: midnightLA })];
    expect(parseOverridesTab(values, known, { timeZone: 'America/Los_Angeles' }).overrides.get('jade_w')).toEqual({ pauseUntil: '2026-07-04' });
    expect(parseOverridesTab(values, known, { timeZone: 'Asia/Tokyo' }).overrides.get('jade_w')).toEqual({ pauseUntil: '2026-07-04' });
    expect(parseOverridesTab(values, known, { timeZone: 'Pacific/Honolulu' }).overrides.get('jade_w')).toEqual({ pauseUntil: '2026-07-03' });
  });

  it('reports a bad cell with tab, row, column and page in plain words; that page falls back, others proceed', () => {
    const values = [
      header,
      row({ page_name: 'luna_rose', ppv_max: 3 }),
      blankRow(),
      blankRow(),
      blankRow(),
      blankRow(),
      row({ page_name: 'miss_alexa', ppv_min: 'three', notes: 'keep' }),
    ];
    const { overrides, problems } = parseOverridesTab(values, known);
    expect(problems).toEqual([
      {
        tab: 'Overrides', row: 7, column: 'D (ppv_min)', page: 'miss_alexa',
        message: "Overrides!D7 (ppv_min) for page 'miss_alexa': must be a whole number, got 'three'",
      },
    ]);
    expect(overrides.has('miss_alexa')).toBe(false);
    expect(overrides.get('luna_rose')).toEqual({ ppvMax: 3 });
  });

  it('reports every bad cell of a row, and schema ranges and cross-field rules at the right column', () => {
    const values = [
      header,
      row({ page_name: 'miss_alexa', volume_multiplier: 'lots', ppv_min: 2.5, allowed_hours: 'morning' }),
      row({ page_name: 'luna_rose', ppv_min: 5, ppv_max: 2, price_floor: 30, price_ceiling: 10, volume_multiplier: 9 }),
      row({ page_name: 'jade_w', allowed_hours: '23-9', pause_until: '2026-02-30' }),
    ];
    const { overrides, problems } = parseOverridesTab(values, known);
    expect(overrides.size).toBe(0);
    const at = problems.map((p) => `${p.row} ${p.column} ${p.page}`);
    expect(at).toEqual([
      '2 C (volume_multiplier) miss_alexa', '2 D (ppv_min) miss_alexa', '2 F (allowed_hours) miss_alexa',
      '3 C (volume_multiplier) luna_rose', '3 D (ppv_min) luna_rose', '3 G (price_floor) luna_rose',
      '4 B (pause_until) jade_w', '4 F (allowed_hours) jade_w',
    ]);
    expect(problems[2]!.message).toMatch(/like 9-23/);
    expect(problems[3]!.message).toBe("Overrides!C3 (volume_multiplier) for page 'luna_rose': must be 0 to 3 (cell holds 9)");
    expect(problems[4]!.message).toMatch(/PPV minimum must not exceed PPV maximum/);
    expect(problems[6]!.message).toMatch(/must be a date like 2026-12-31, got '2026-02-30'/);
    expect(problems[7]!.message).toMatch(/start must be before end/);
  });

  it('explains hours that Sheets turned into a date', () => {
    const values = [header, row({ page_name: 'jade_w', allowed_hours: new Date(2026, 8, 23) })];
    const { problems } = parseOverridesTab(values, known);
    expect(problems[0]!.message).toMatch(/format the column as plain text/);
  });

  it('reports an unknown page (with a hint at a near spelling) and an unknown category', () => {
    const values = [
      header,
      row({ page_name: 'Miss_Alexa', ppv_min: 1 }),
      row({ page_name: 'nobody' }),
      row({ page_name: 'jade_w', excluded_categories: 'solo, feet' }),
    ];
    const { overrides, problems } = parseOverridesTab(values, known);
    expect(overrides.size).toBe(0);
    expect(problems.map((p) => p.message)).toEqual([
      "Overrides!A2 (page_name) for page 'Miss_Alexa': 'Miss_Alexa' is not a known page; did you mean 'miss_alexa'?",
      "Overrides!A3 (page_name) for page 'nobody': 'nobody' is not a known page",
      "Overrides!I4 (excluded_categories) for page 'jade_w': unknown category 'feet'; known: solo, bg, tease, custom, lingerie (cell holds 'solo, feet')",
    ]);
  });

  it('reports duplicate page rows and the page falls back to defaults', () => {
    const values = [header, row({ page_name: 'jade_w', ppv_min: 1 }), row({ page_name: 'luna_rose' }), row({ page_name: ' jade_w ', ppv_min: 2 })];
    const { overrides, problems } = parseOverridesTab(values, known);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 4, column: 'A (page_name)', page: 'jade_w' });
    expect(problems[0]!.message).toMatch(/already has a row \(row 2\)/);
    expect([...overrides.keys()]).toEqual(['luna_rose']);
  });

  it('skips blank rows and reports a row without a page name', () => {
    const values = [header, [], ['', null, undefined, '  '], row({ ppv_min: 3 })];
    const { overrides, problems } = parseOverridesTab(values, known);
    expect(overrides.size).toBe(0);
    expect(problems).toEqual([expect.objectContaining({ row: 4, column: 'A (page_name)', page: '' })]);
  });

  it('finds columns by name in any order, tolerates case and spaces, and reports missing or renamed ones', () => {
    const shuffled = ['PPV Min', 'page name', 'my own column', 'ppv minimum', ...OVERRIDES_COLUMNS.filter((c) => !['ppv_min', 'page_name', 'ppv_max'].includes(c))];
    const values = [shuffled, [2, 'miss_alexa', 'anything', 5]];
    const { overrides, problems } = parseOverridesTab(values, known);
    expect(overrides.get('miss_alexa')).toEqual({ ppvMin: 2 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 1, column: 'ppv_max', page: '' });
    expect(problems[0]!.message).toMatch(/column 'ppv_max' is missing or was renamed; unrecognised header cells: C 'my own column', D 'ppv minimum'/);
  });

  it('without a page_name column reads nothing and says so', () => {
    const { overrides, problems } = parseOverridesTab([['page', 'ppv_min'], ['miss_alexa', 1]], known);
    expect(overrides.size).toBe(0);
    expect(problems.map((p) => p.column)).toContain('page_name');
  });

  it('an empty tab is no overrides and no problems', () => {
    expect(parseOverridesTab([], known)).toEqual({ overrides: new Map(), problems: [] });
  });
});

describe('toRow', () => {
  it('writes plain strings and numbers in header order, hours as 9-23 and formulas escaped', () => {
    const r = toRow('miss_alexa', { ppvMin: 1, allowedHours: { start: 9, end: 23 }, excludedCategories: ['bg', 'solo'], notes: '=IMPORTXML("x")' }, { updatedAt: '2026-03-01 10:00', updatedBy: 'me' });
    expect(r).toEqual(['miss_alexa', '', '', 1, '', '9-23', '', '', 'bg, solo', `'=IMPORTXML("x")`, '2026-03-01 10:00', 'me']);
  });

  it('rowForLayout keeps the scheduler\'s own columns and places ours by header', () => {
    const layout = { page_name: 1, ppv_min: 0 };
    const out = rowForLayout(toRecord('jade_w', { ppvMin: 4 }), layout, 3, [1, 'jade_w', 'my note']);
    expect(out).toEqual([4, 'jade_w', 'my note']);
  });
});
