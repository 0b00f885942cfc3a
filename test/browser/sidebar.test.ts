// The real Sidebar.html in headless chromium, talking to the REAL server functions
// (src/gas/overrides.ts) over an in-memory workbook.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { OVERRIDES_COLUMNS } from '../../src/core/overrides/table';
import { createOverridesServer } from '../../src/gas/ui/overrides-server';
import { FakeSheet, fakeOverridesDeps, workbookWithPages, type FakeSpreadsheet } from '../gas/fakes/overrides-sheets';
import { launch, openPage, type Harness } from './harness';

const XSS_PAGE = `<img src=x onerror="window.__xss='page'">`;
const XSS_BAD_PAGE = `"><svg onload="window.__xss='problem'">`;
const XSS_NOTE = `<script>window.__xss='note'</script><img src=x onerror="window.__xss='note-img'">`;
const PAGES = ['miss_alexa', 'luna_rose', XSS_PAGE, XSS_BAD_PAGE];
const blank = (): unknown[] => OVERRIDES_COLUMNS.map(() => '');
function row(cells: Record<string, unknown>): unknown[] {
  const r = blank();
  for (const [k, v] of Object.entries(cells)) r[OVERRIDES_COLUMNS.indexOf(k as never)] = v;
  return r;
}

let harness: Harness;
beforeAll(async () => {
  harness = await launch();
});
afterAll(async () => {
  await harness?.close();
});

interface World {
  page: Page;
  ss: FakeSpreadsheet;
  calls: Array<{ name: string; args: unknown[] }>;
  overridesSheet(): FakeSheet;
}

async function open(): Promise<World> {
  const ss = workbookWithPages(PAGES);
  ss.sheets.set('Overrides', new FakeSheet([
    [...OVERRIDES_COLUMNS],
    row({ page_name: 'miss_alexa', ppv_min: 2, ppv_max: 5, allowed_hours: '10-22', excluded_categories: 'bg', notes: 'Vacation in March' }),
    row({ page_name: XSS_PAGE, notes: XSS_NOTE }),
    row({ page_name: XSS_BAD_PAGE, ppv_min: 'three' }),
  ]));
  const server = createOverridesServer(fakeOverridesDeps(ss).deps) as unknown as Record<string, (...a: unknown[]) => unknown>;
  const calls: World['calls'] = [];
  const page = await openPage(harness, 'Sidebar.html', (name, args) => {
    calls.push({ name, args });
    const fn = server[name];
    if (!fn) throw new Error(`Script function not found: ${name}`);
    return fn(...args);
  });
  await page.waitForSelector('body[data-ready=true]');
  return { page, ss, calls, overridesSheet: () => ss.getSheetByName('Overrides') as FakeSheet };
}

const xss = (page: Page) => page.evaluate('window.__xss');

describe('Page overrides sidebar (headless chromium)', () => {
  it('loads the pages and shows the current overrides of the selected page', async () => {
    const { page } = await open();
    expect(await page.locator('#page option').allTextContents()).toEqual(PAGES);
    expect(await page.inputValue('#page')).toBe('miss_alexa');
    expect(await page.inputValue('#ppvMin')).toBe('2');
    expect(await page.inputValue('#ppvMax')).toBe('5');
    expect(await page.inputValue('#hoursStart')).toBe('10');
    expect(await page.inputValue('#hoursEnd')).toBe('22');
    expect(await page.isChecked('#categories input[value=bg]')).toBe(true);
    expect(await page.isChecked('#categories input[value=solo]')).toBe(false);
    expect(await page.inputValue('#notes')).toBe('Vacation in March');
    // The README's picture is refreshed on demand (SIDEBAR_SCREENSHOT=1), so a test run leaves the tree clean.
    const shot = await page.locator('body').screenshot();
    expect(shot.length).toBeGreaterThan(1000);
    if (process.env.SIDEBAR_SCREENSHOT === '1') {
      const docs = join(__dirname, '..', '..', 'docs');
      mkdirSync(docs, { recursive: true });
      writeFileSync(join(docs, 'sidebar.png'), shot);
    }
    await page.close();
  });

  it('edits and saves: the server gets plain data and the row is written', async () => {
    const { page, calls, overridesSheet } = await open();
    await page.selectOption('#page', 'luna_rose');
    await page.fill('#pauseUntil', '2026-03-20');
    await page.fill('#ppvMin', '1');
    await page.fill('#ppvMax', '4');
    await page.fill('#hoursStart', '9');
    await page.fill('#hoursEnd', '22');
    await page.check('#categories input[value=tease]');
    await page.fill('#notes', 'Launch week');
    await page.click('#save');
    await page.waitForSelector('#status.ok');
    expect(await page.textContent('#status')).toBe('Saved overrides for luna_rose.');
    expect(calls.at(-1)).toEqual({
      name: 'saveOverrides',
      args: ['luna_rose', { pauseUntil: '2026-03-20', ppvMin: 1, ppvMax: 4, allowedHours: { start: 9, end: 22 }, excludedCategories: ['tease'], notes: 'Launch week' }],
    });
    const written = overridesSheet().cells.find((r) => r[0] === 'luna_rose');
    expect(written?.slice(0, 10)).toEqual(['luna_rose', expect.any(Date), '', 1, 4, '9-22', '', '', 'tease', 'Launch week']);
    expect(overridesSheet().setValuesCalls).toBe(1);
    await page.close();
  });

  it('shows validation errors next to the field: client-side and server-side', async () => {
    const { page, calls, ss } = await open();
    await page.fill('#ppvMin', '6');
    await page.fill('#ppvMax', '2');
    await page.click('#save');
    expect(await page.textContent('#err-ppvMin')).toBe('PPV minimum must not exceed PPV maximum');
    expect(await page.getAttribute('#ppvMin', 'aria-invalid')).toBe('true');
    expect(calls.filter((c) => c.name === 'saveOverrides')).toHaveLength(0);

    // The server is authoritative: the page left the Overview after the sidebar loaded.
    await page.fill('#ppvMin', '1');
    ss.sheets.set('Overview', new FakeSheet([['page_name'], ['luna_rose']]));
    await page.click('#save');
    await page.waitForSelector('#status.bad');
    expect(await page.textContent('#err-page')).toBe("'miss_alexa' is not a known page");
    expect(await page.textContent('#err-ppvMin')).toBe('');
    await page.close();
  });

  it('shows a server failure and keeps the edits; a retry then saves', async () => {
    const { page, overridesSheet } = await open();
    overridesSheet().failNextWrite = 'Service Spreadsheets failed while accessing document';
    await page.fill('#notes', 'Do not lose this');
    await page.fill('#ppvMax', '7');
    await page.click('#save');
    await page.waitForSelector('#status.bad');
    const status = await page.textContent('#status');
    expect(status).toContain('Service Spreadsheets failed while accessing document');
    expect(status).toContain('your edits are still here');
    expect(await page.inputValue('#notes')).toBe('Do not lose this');
    expect(await page.inputValue('#ppvMax')).toBe('7');
    expect(await page.isEnabled('#save')).toBe(true);
    await page.click('#save');
    await page.waitForSelector('#status.ok');
    expect(overridesSheet().cells[1]![9]).toBe('Do not lose this');
    await page.close();
  });

  it('renders hostile page names, notes and problems as text: no script runs', async () => {
    const { page } = await open();
    expect(await page.locator('#page option').nth(2).textContent()).toBe(XSS_PAGE);
    await page.selectOption('#page', XSS_PAGE);
    expect(await page.inputValue('#notes')).toBe(XSS_NOTE);
    await page.click('#save');
    await page.waitForSelector('#status.ok');
    expect(await page.textContent('#status')).toBe(`Saved overrides for ${XSS_PAGE}.`);
    await page.selectOption('#page', XSS_BAD_PAGE);
    const problems = await page.locator('#problems li').allTextContents();
    expect(problems).toEqual([`Overrides!D4 (ppv_min) for page '${XSS_BAD_PAGE}': must be a whole number, got 'three'`]);
    await page.waitForTimeout(50);
    expect(await xss(page)).toBeUndefined();
    // Only the page's own scripts (the two included client helpers and the sidebar's code).
    expect(await page.locator('img, svg').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(3);
    await page.close();
  });
});
