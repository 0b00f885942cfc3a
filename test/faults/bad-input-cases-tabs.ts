// Bad input in the tabs: tabs a person removed, renamed or edited — before the run or in the middle
// of it. The add-on's own tabs (schedules, Overview, Runs) are rebuilt; a person's tabs and the
// Overrides tab are never touched; nothing in them is lost.
import { writeOverrides, sheetValues, type BadCase, type CaseContext } from './bad-input';

const book = (ctx: CaseContext) => ctx.demo.runtime.services.SpreadsheetApp.getActiveSpreadsheet();
const last = (ctx: CaseContext) => ctx.generated[ctx.generated.length - 1] as string;

/** A tab with a person's content. */
function tabWith(ctx: CaseContext, name: string, rows: unknown[][]): void {
  const sheet = book(ctx).getSheetByName(name) ?? book(ctx).insertSheet(name);
  sheet.getRange(1, 1, rows.length, (rows[0] ?? []).length).setValues(rows);
}

const same = (ctx: CaseContext, name: string, rows: unknown[][]): string[] =>
  JSON.stringify(sheetValues(ctx, name)) === JSON.stringify(rows) ? [] : [`tab '${name}' changed: ${JSON.stringify(sheetValues(ctx, name)).slice(0, 120)}`];

const OLD_RUNS = [['Run ID', 'Note'], ['daily_20261101_x', 'kept by a person']];
const MINE = [['my notes for this page'], ['call the manager on Friday']];

export const TAB_CASES: BadCase[][] = [
  // Before the run: tabs missing or renamed; and the Overview typed over mid-run.
  [
    {
      group: 'Tab missing',
      name: 'no Overrides tab: every page uses its defaults',
      where: null,
    },
    {
      group: 'Tab renamed',
      name: "Runs renamed by a person ('Runs 2025')",
      arrange: (ctx) => {
        tabWith(ctx, 'Runs', OLD_RUNS);
        book(ctx).getSheetByName('Runs')?.setName('Runs 2025');
      },
      where: null,
      keeps: (ctx) => [...same(ctx, 'Runs 2025', OLD_RUNS), ...(sheetValues(ctx, 'Runs')?.length === 2 ? [] : ['no new Runs tab with the run'])],
    },
    {
      group: 'Tab renamed',
      name: "a page's tab renamed by a person",
      arrange: (ctx) => {
        tabWith(ctx, ctx.generated[0] as string, MINE);
        book(ctx).getSheetByName(ctx.generated[0] as string)?.setName(`${ctx.generated[0]} (mine)`);
      },
      where: null,
      keeps: (ctx) => [...same(ctx, `${ctx.generated[0]} (mine)`, MINE), ...((sheetValues(ctx, ctx.generated[0] as string)?.length ?? 0) > 1 ? [] : ['no new schedule tab'])],
    },
    {
      group: 'Edited mid-run',
      name: 'Overview rows typed over by a person mid-run',
      midRun: {
        at: /^BigQuery\.Jobs\.insert$/,
        edit: (ctx) => tabWith(ctx, 'Overview', [['Page', 'My column'], ['someone', 'typed here']]),
      },
      where: null,
      keeps: (ctx) => (String(sheetValues(ctx, 'Overview')?.[0]?.[0]) === 'Page' && (sheetValues(ctx, 'Overview')?.length ?? 0) > ctx.generated.length ? [] : ['Overview not rebuilt']),
    },
  ],
  // In the middle of the run (each edit at the next matching call): the Overrides tab edited, the
  // Runs tab deleted, one page's tab shrunk, another renamed.
  [
    {
      group: 'Edited mid-run',
      name: 'Overrides cell edited while the run writes tabs',
      arrange: (ctx) => writeOverrides(ctx, [{ page_name: ctx.generated[0], ppv_min: 1, ppv_max: 6, notes: 'before' }]),
      midRun: {
        at: /^SpreadsheetApp\.Range\.setValues$/,
        edit: (ctx) => book(ctx).getSheetByName('Overrides')?.getRange('J2').setValue('edited mid-run'),
      },
      where: null,
      keeps: (ctx) => (sheetValues(ctx, 'Overrides')?.[1]?.[9] === 'edited mid-run' ? [] : ['the mid-run edit of the Overrides tab was lost']),
    },
    {
      group: 'Edited mid-run',
      name: 'Runs tab deleted while the run writes tabs',
      arrange: (ctx) => tabWith(ctx, 'Runs', OLD_RUNS),
      midRun: {
        at: /^SpreadsheetApp\.Range\.setValues$/,
        edit: (ctx) => {
          const sheet = book(ctx).getSheetByName('Runs');
          if (sheet) book(ctx).deleteSheet(sheet);
        },
      },
      where: null,
      keeps: (ctx) => ((sheetValues(ctx, 'Runs')?.length ?? 0) >= 2 ? [] : ['the run was not logged in a new Runs tab']),
    },
    {
      group: 'Edited mid-run',
      name: "a page's tab shrunk by a person (rows and columns deleted) before the run writes it",
      arrange: (ctx) => tabWith(ctx, last(ctx), [['old', 'schedule'], ['x', 'y']]),
      midRun: {
        at: /^SpreadsheetApp\.Range\.setValues$/,
        edit: (ctx) => {
          const sheet = book(ctx).getSheetByName(last(ctx));
          sheet?.deleteRows(2, sheet.getMaxRows() - 2);
          sheet?.deleteColumns(3, sheet.getMaxColumns() - 2);
        },
      },
      where: null,
      keeps: (ctx) => ((sheetValues(ctx, last(ctx))?.length ?? 0) > 10 ? [] : [`tab ${last(ctx)} not rewritten`]),
    },
    {
      group: 'Edited mid-run',
      name: "a page's tab renamed by a person before the run writes it",
      arrange: (ctx) => tabWith(ctx, ctx.generated[1] as string, MINE),
      midRun: {
        at: /^BigQuery\.Jobs\.insert$/,
        edit: (ctx) => book(ctx).getSheetByName(ctx.generated[1] as string)?.setName(`${ctx.generated[1]} (kept)`),
      },
      where: null,
      keeps: (ctx) => same(ctx, `${ctx.generated[1]} (kept)`, MINE),
    },
  ],
];
