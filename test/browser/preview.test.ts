// The preview in headless chromium: a workbook drawn as Google Sheets shows it at its default zoom
// and column width, and the cells a person could not read found by layout: caption text cut by a
// narrow non-wrapping cell, a date too wide for its column (###), a date shown as a serial number.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_INSTALL_TIME, openDemo } from '../../local/harness/demo';
import { runMorning } from '../../local/harness/morning';
import { LocalSpreadsheet, SpreadsheetAppService } from '../../local/runtime';
import { problemsOf, renderWorkbook } from '../../local/preview/render';

jest.setTimeout(180_000);

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'eros-preview-test-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CAPTION = 'Long day, need company 👀 my live show highlights coming soon, only for my top fans tonight';
const WHEN = new Date('2026-11-28T11:05:00Z');

/** A page tab written the way a person can read it: wide wrapped caption, dates formatted, a checkbox. */
function goodBook(): LocalSpreadsheet {
  const book = LocalSpreadsheet.create('Good.xlsx');
  const app = new SpreadsheetAppService(book);
  const ss = app.getActiveSpreadsheet();
  const tab = ss.getActiveSheet().setName('page_a');
  tab.getRange('A1:F3').setValues([['Date', 'Time (LA)', 'Caption', 'Why', 'Sent', 'Schedule ID'], [WHEN, '10:07', CAPTION, 'Best seller here: 12 of 40 bought', false, 'sch_1'], [WHEN, '18:18', 'Hi', 'New caption: giving it a first try', false, 'sch_1']]);
  tab.getRange('A2:A3').setNumberFormat('ddd m/d');
  tab.setColumnWidth(3, 320).setColumnWidth(4, 240);
  tab.getRange('C2:D3').setWrap(true);
  tab.getRange('E2:E3').insertCheckboxes();
  tab.getRange('E2').check();
  tab.getRange('F:F').shiftColumnGroupDepth(1);
  tab.getColumnGroup(6, 1)!.collapse();
  tab.setFrozenRows(1);
  tab.setTabColor('#b7e1cd');
  tab.getRange('A1:E3').applyRowBanding(app.BandingTheme.LIGHT_GREY);
  tab.getRange('H1:I3').setValues([['Week', 'Planned'], ['11/23', 40], ['11/30', 44]]);
  tab.insertChart(tab.newChart().asColumnChart().addRange(tab.getRange('H1:I3')).setPosition(6, 1, 0, 0).setOption('title', 'Planned per week').build());
  const health = ss.insertSheet('Health');
  health.getRange('A1:B2').setValues([['Measure', 'Value'], ['Latest bandit update', WHEN]]);
  health.getRange('B2').setNumberFormat('m/d h:mm');
  health.getRange('C1').setFormula('=SPARKLINE({1,3,2,5})');
  return book;
}

/** The same tab as it is written without any care: default widths, no wrap, raw dates. */
function badBook(): LocalSpreadsheet {
  const book = LocalSpreadsheet.create('Bad.xlsx');
  const ss = new SpreadsheetAppService(book).getActiveSpreadsheet();
  const tab = ss.getActiveSheet().setName('page_a');
  tab.getRange('A1:D2').setValues([['Caption', 'Why', 'Last generated', 'latest_bandit_update'], [CAPTION, 'thompson score 0.971 (0/0 wins here)', WHEN, 46354]]);
  tab.getRange('C2').setNumberFormat('yyyy-mm-dd hh:mm:ss');
  return book;
}

test('a readable workbook: nothing cut, no ###, no serial dates; groups collapsed, checkboxes, chart, PNG', async () => {
  const out = join(dir, 'good');
  const reports = await renderWorkbook(goodBook(), out);
  expect(problemsOf(reports)).toEqual([]);
  expect(reports.map((r) => r.tab)).toEqual(['page_a', 'Health']);
  const [page] = reports;
  expect(page!.charts).toEqual([expect.objectContaining({ type: 'COLUMN' })]);
  expect(page!.charts[0]!.top).toBeGreaterThan(5 * 21);
  expect(statSync(page!.png!).size).toBeGreaterThan(10_000);
  const html = readFileSync(page!.html, 'utf8');
  expect(html).not.toMatch(/data-a1="F2"/); // the collapsed group's column is not drawn
  expect(html).toMatch(/<span class="ctl">\+<\/span>/); // its + control is
  expect(html.match(/<svg width="14"/g)).toHaveLength(2); // two checkboxes
  expect(html).toContain('border-bottom-color:#b7e1cd'); // the tab colour in the tab bar
  expect(readFileSync(reports[1]!.html, 'utf8')).toContain('<polyline'); // the sparkline
});

test('an unreadable workbook: a cut caption and reason, a date as ###, a date as a serial number', async () => {
  const reports = await renderWorkbook(badBook(), join(dir, 'bad'), { screenshots: () => false });
  const problems = problemsOf(reports);
  expect(problems).toEqual(expect.arrayContaining([
    expect.stringMatching(/^page_a!A2 \(Caption\): text cut/),
    expect.stringMatching(/^page_a!B2 \(Why\): text cut/),
    expect.stringMatching(/^page_a!C2 \(Last generated\): shows ###/),
    expect.stringMatching(/^page_a!D2 \(latest_bandit_update\): a date shown as the number 46354/),
  ]));
  expect(problems).toHaveLength(4);
  expect(reports[0]!.png).toBeNull();
});

describe("npm start's workbook", () => {
  let reports: Awaited<ReturnType<typeof renderWorkbook>>;
  beforeAll(async () => {
    const demo = await openDemo({ now: DEMO_INSTALL_TIME });
    try {
      runMorning(demo);
      reports = await renderWorkbook(demo.book, join(dir, 'demo'), { screenshots: (tab) => tab === 'Overview' });
    } finally {
      demo.close();
    }
  });

  test('is drawn tab by tab, the Overview with its picture', () => {
    const tabs = reports.map((r) => r.tab);
    expect(tabs).toEqual(expect.arrayContaining(['Overview', 'Runs', 'Health', 'Overrides']));
    expect(tabs.length).toBeGreaterThan(20);
    expect(existsSync(reports.find((r) => r.tab === 'Overview')!.png!)).toBe(true);
  });

  // The tabs set no widths, wrap or date formats, so this check fails (captions cut, "Last generated"
  // as ###, the bandit update as 46354). When the tabs read well it passes, and Jest reports this
  // `failing` test as broken: make it a plain `test` then.
  test.failing('reads well: no caption or reason cut, no ###, no date as a number', () => {
    expect(problemsOf(reports)).toEqual([]);
  });
});
