// Security, escaping: every user-supplied string the sidebar and the settings dialog show — page
// names, notes, categories, the problems quoting bad cells, a server failure's message, stored
// settings — renders as text in headless chromium. The pages talk to the REAL bundle (dist/Code.js
// in the local runtime) over a workbook holding the payloads; a static scan of src/html backs it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { createRuntime, LocalSpreadsheet, type LocalRuntime } from '../../local/runtime/index';
import { OVERRIDES_COLUMNS } from '../../src/core/overrides/table';
import { SETTING_KEYS } from '../../src/core/run/settings';
import { launch, openPage, type Harness } from '../browser/harness';

// Each payload records its own name in window.__xss if it ever runs.
const PAYLOADS = [
  `<img src=x onerror="window.__xss.push('img')">`,
  `"><svg onload="window.__xss.push('svg')">`,
  `<script>window.__xss.push('script')</script>`,
  `</option></select><iframe srcdoc="<script>parent.__xss.push('iframe')</script>"></iframe>`,
  `javascript:window.__xss.push('url')`,
  `' autofocus onfocus='window.__xss.push("attr")`,
  `<details open ontoggle="window.__xss.push('toggle')">x</details>`,
  `<?!= "raw" ?>{{constructor.constructor('window.__xss.push(1)')()}}`,
];
const INJECTED = 'img, svg, iframe, details, object, embed, script:not([data-page-script])';
/** The page's own scripts, marked after load so an injected <script> stands out. */
const MARK_PAGE_SCRIPTS = "document.querySelectorAll('script').forEach(function (s) { s.setAttribute('data-page-script', ''); })";

let harness: Harness;
beforeAll(async () => {
  harness = await launch();
  await harness.context.addInitScript({ content: 'window.__xss = window.__xss || [];' });
});
afterAll(async () => {
  await harness?.close();
});

function workbookWithPayloads(): { runtime: LocalRuntime; pages: string[] } {
  const book = LocalSpreadsheet.create('xss.xlsx');
  const runtime = createRuntime({ spreadsheet: book });
  const ss = runtime.services.SpreadsheetApp.getActiveSpreadsheet();
  const pages = ['plain_page', ...PAYLOADS];
  const overview = ss.insertSheet('Overview');
  overview.getRange(1, 1, pages.length + 1, 1).setValues([['Page'], ...pages.map((p) => [p])]);
  const rows = PAYLOADS.map((p, i) => {
    const r: unknown[] = OVERRIDES_COLUMNS.map(() => '');
    r[0] = p;
    r[OVERRIDES_COLUMNS.indexOf('notes')] = p;
    // Odd rows get a bad cell quoting the payload (a word as a number, an unknown category), so
    // the problems list shows it; such a page falls back to defaults (its notes are not shown).
    if (i % 4 === 1) r[OVERRIDES_COLUMNS.indexOf('ppv_min')] = p;
    if (i % 4 === 3) r[OVERRIDES_COLUMNS.indexOf('excluded_categories')] = p;
    return r;
  });
  const overrides = ss.insertSheet('Overrides');
  // Text cells ('@') keep payloads starting with '=' or quotes as typed.
  overrides.getRange(1, 1, rows.length + 1, OVERRIDES_COLUMNS.length).setNumberFormat('@');
  overrides.getRange(1, 1, rows.length + 1, OVERRIDES_COLUMNS.length).setValues([[...OVERRIDES_COLUMNS], ...rows]);
  return { runtime, pages };
}

async function assertInert(page: Page, where: string): Promise<void> {
  // Give onerror/onload/ontoggle/iframes a chance to fire.
  await page.waitForTimeout(150);
  expect({ where, ran: await page.evaluate('window.__xss') }).toEqual({ where, ran: [] });
  expect({ where, injected: await page.locator(INJECTED).count() }).toEqual({ where, injected: 0 });
}

describe('user strings render as text (headless chromium, real server functions)', () => {
  it('overrides sidebar: page names, notes, problems and a server failure', async () => {
    const { runtime, pages } = workbookWithPayloads();
    const dialogs: string[] = [];
    let failNextSave: string | null = null;
    const page = await openPage(harness, 'Sidebar.html', (name, args) => {
      if (name === 'saveOverrides' && failNextSave) {
        const m = failNextSave;
        failNextSave = null;
        throw new Error(m);
      }
      return runtime.call(name, ...args);
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.waitForSelector('body[data-ready=true]');
    await page.evaluate(MARK_PAGE_SCRIPTS);
    await assertInert(page, 'load');
    expect(await page.locator('#page option').allTextContents()).toEqual(pages);

    for (const [i, payload] of PAYLOADS.entries()) {
      await page.selectOption('#page', payload);
      const problems = (await page.locator('#problems li').allTextContents()).join('\n');
      if (i % 2 === 0) expect(await page.inputValue('#notes')).toBe(payload);
      else expect(problems).toContain(payload);
      await page.hover('#notes');
      await assertInert(page, `page ${payload}`);
    }

    // A save: the status line quotes the page name.
    const target = PAYLOADS[2] as string;
    await page.selectOption('#page', target);
    await page.fill('#ppvMin', '');
    await page.fill('#notes', `${target} edited`);
    await page.click('#save');
    await page.waitForSelector('#status.ok, #status.bad');
    expect(await page.textContent('#status')).toContain(target);
    await assertInert(page, 'after save');

    // A server failure whose message carries a payload.
    failNextSave = `Exception: ${PAYLOADS[0]} ${PAYLOADS[3]}`;
    await page.click('#save');
    await page.waitForSelector('#status.bad');
    expect(await page.textContent('#status')).toContain(PAYLOADS[0]);
    await assertInert(page, 'after a server failure');
    expect(dialogs).toEqual([]);
    await page.close();
  }, 60_000);

  it('settings dialog: stored hostile values are shown in the fields and the problem text', async () => {
    const book = LocalSpreadsheet.create('xss-settings.xlsx');
    const runtime = createRuntime({ spreadsheet: book });
    const store = runtime.services.properties.store(`document:${book.id}`);
    store[SETTING_KEYS.project] = PAYLOADS[0] as string;
    store[SETTING_KEYS.dataset] = PAYLOADS[1] as string;
    store[SETTING_KEYS.location] = PAYLOADS[3] as string;
    const page = await openPage(harness, 'Settings.html', (name, args) => runtime.call(name, ...args));
    await page.waitForSelector('body[data-ready=true]');
    await page.evaluate(MARK_PAGE_SCRIPTS);
    expect(await page.inputValue('#project')).toBe(PAYLOADS[0]);
    expect(await page.inputValue('#dataset')).toBe(PAYLOADS[1]);
    expect(await page.inputValue('#location')).toBe(PAYLOADS[3]);
    expect(await page.textContent('#status')).toMatch(/project/);
    await page.click('#save');
    await assertInert(page, 'settings');
    await page.close();
  }, 60_000);
});

describe('the HTML never turns strings into markup (static)', () => {
  // The built files: each HTML file with the client code it includes (src/html/client).
  const dir = path.resolve(__dirname, '../../dist');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.html'));

  it.each(files)('%s uses textContent/value only: no innerHTML, document.write, eval, scriptlets or inline handlers built from data', (file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const script = text.replace(/^[\s\S]*?<script>/, '');
    expect(text).toContain('window.erosForm');
    expect(script).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function|setTimeout\(\s*['"`]|\.on[a-z]+\s*=\s*[^f]/);
    expect(script).not.toMatch(/setAttribute\(\s*['"]on|setAttribute\(\s*['"](href|src|srcdoc)/);
    // Served with createHtmlOutputFromFile: scriptlets would not even be evaluated; none exist.
    expect(text).not.toMatch(/<\?/);
  });
});
