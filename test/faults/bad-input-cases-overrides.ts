// Bad input in the Overrides tab and the settings: malformed Overrides cells for every field (wrong type, out of range), an
// unknown page, an unknown category, a renamed column, a renamed tab; and invalid settings.
import { OVERRIDES_COLUMNS, columnLetter } from '../../src/core/overrides/table';
import { SETTING_KEYS } from '../../src/core/run/settings';
import { writeOverrides, type BadCase, type CaseContext } from './bad-input';

interface Cell {
  column: (typeof OVERRIDES_COLUMNS)[number];
  kind: string;
  value: unknown;
  /** Other cells of the same row (a cross-field problem). */
  with?: Record<string, unknown>;
}

const A_DATE = new Date('2026-12-24T08:00:00Z');

export const CELLS: Cell[] = [
  { column: 'pause_until', kind: 'wrong type', value: 'next tuesday' },
  { column: 'pause_until', kind: 'out of range', value: '2026-02-30' },
  { column: 'volume_multiplier', kind: 'wrong type', value: 'lots' },
  { column: 'volume_multiplier', kind: 'out of range', value: 7 },
  { column: 'ppv_min', kind: 'wrong type', value: 'three' },
  { column: 'ppv_min', kind: 'out of range', value: -2 },
  { column: 'ppv_min', kind: 'above ppv_max', value: 9, with: { ppv_max: 3 } },
  { column: 'ppv_max', kind: 'wrong type', value: 2.5 },
  { column: 'ppv_max', kind: 'out of range', value: 99 },
  { column: 'allowed_hours', kind: 'wrong type', value: 'evenings' },
  { column: 'allowed_hours', kind: 'out of range', value: '25-30' },
  { column: 'price_floor', kind: 'wrong type', value: 'cheap' },
  { column: 'price_floor', kind: 'out of range', value: -5 },
  { column: 'price_ceiling', kind: 'wrong type', value: true },
  { column: 'price_ceiling', kind: 'out of range', value: 100000 },
  { column: 'excluded_categories', kind: 'wrong type', value: A_DATE },
  { column: 'excluded_categories', kind: 'unknown category', value: 'solo, nonsense_category' },
  { column: 'notes', kind: 'wrong type', value: A_DATE },
  { column: 'notes', kind: 'out of range', value: 'x'.repeat(2001) },
];

/** Up to `per` cell cases per run, each on its own page (row 2, 3, …) of the Overrides tab. */
export function cellCases(per: number): BadCase[][] {
  const runs: BadCase[][] = [];
  for (let i = 0; i < CELLS.length; i += per) {
    const chunk = CELLS.slice(i, i + per);
    const pageOf = (ctx: CaseContext, j: number) => ctx.pages[j % ctx.pages.length] as string;
    runs.push(
      chunk.map((cell, j) => ({
        group: 'Overrides cell',
        name: `${cell.column}: ${cell.kind}`,
        // The first case writes the whole tab for its run.
        arrange: j === 0 ? (ctx) => writeOverrides(ctx, chunk.map((c, k) => ({ page_name: pageOf(ctx, k), [c.column]: c.value, ...(c.with ?? {}) }))) : undefined,
        where: (ctx) => [`Overrides!${columnLetter(OVERRIDES_COLUMNS.indexOf(cell.column))}${j + 2} (${cell.column})`, `'${pageOf(ctx, j)}'`],
      })),
    );
  }
  return runs;
}

export const OTHER_OVERRIDES_CASES: BadCase[][] = [
  [
    {
      group: 'Overrides cell',
      name: 'page_name: unknown page',
      arrange: (ctx) => writeOverrides(ctx, [{ page_name: 'ghost_page', ppv_min: 2 }, { page_name: ctx.generated[0], ppv_min: 1, ppv_max: 6 }]),
      where: () => ['Overrides!A2 (page_name)', 'ghost_page'],
    },
  ],
  [
    {
      group: 'Overrides tab',
      name: 'a column renamed by hand (ppv_min)',
      arrange: (ctx) =>
        writeOverrides(
          ctx,
          [{ page_name: ctx.generated[0], 'ppv minimum': 2, ppv_max: 5 }],
          OVERRIDES_COLUMNS.map((c) => (c === 'ppv_min' ? 'ppv minimum' : c)),
        ),
      where: () => ["'ppv_min'", /Overrides header|Overrides!/],
    },
  ],
  [
    {
      group: 'Overrides tab',
      name: "tab renamed by hand ('Overrides (old)')",
      arrange: (ctx) => {
        writeOverrides(ctx, [{ page_name: ctx.generated[0], ppv_min: 1, ppv_max: 2 }]);
        ctx.demo.runtime.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Overrides')?.setName('Overrides (old)');
      },
      where: () => ["'Overrides (old)'"],
    },
  ],
];

const SETTINGS: Array<[keyof typeof SETTING_KEYS, string, string]> = [
  ['project', 'wrong shape', 'Acme Project!'],
  ['dataset', 'wrong shape', 'eros-brain'],
  ['location', 'unknown location', 'moon-base'],
  ['maximumBytesBilled', 'wrong type', 'lots'],
  ['maximumBytesBilled', 'negative', '-5'],
  ['maximumBytesBilled', 'absurd', '100000000000000000000'],
  ['weekStart', 'unsupported', 'SUNDAY'],
];

export const SETTINGS_CASES: BadCase[][] = SETTINGS.map(([key, kind, value]) => [
  {
    group: 'Settings',
    name: `${key}: ${kind}`,
    refuses: true,
    arrange: (ctx) => {
      ctx.demo.runtime.services.properties.store(`document:${ctx.demo.book.id}`)[SETTING_KEYS[key]] = value;
    },
    where: () => [`${key} (property ${SETTING_KEYS[key]})`],
  },
]);
