// Contract tests for the SpreadsheetApp stand-in: each pins a behaviour Google's service has.
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { LocalSpreadsheet, SpreadsheetAppService, UiRecorder } from '../../../local/runtime';
import { parseA1, toA1 } from '../../../local/runtime/spreadsheet/a1';

function app() {
  const book = LocalSpreadsheet.create('Test.xlsx', { timeZone: 'America/Los_Angeles' });
  const ui = new UiRecorder();
  return { book, ui, app: new SpreadsheetAppService(book, ui) };
}

// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet
describe('Spreadsheet', () => {
  it('starts with Sheet1; getSheetByName returns null for a missing tab', () => {
    const ss = app().app.getActiveSpreadsheet();
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
    expect(ss.getSheetByName('Nope')).toBeNull();
    expect(ss.getName()).toBe('Test');
    expect(ss.getSpreadsheetTimeZone()).toBe('America/Los_Angeles');
  });

  it('refuses to grow past 10 million cells (all tabs\' grids together) with Google\'s message', () => {
    const ss = app().app.getActiveSpreadsheet();
    const limit = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';
    // Sheet1 and 383 more default tabs (1000 × 26) make 9 984 000 cells; one more is refused.
    for (let i = 0; i < 383; i += 1) ss.insertSheet(`t${i}`);
    expect(() => ss.insertSheet('one too many')).toThrow(limit);
    expect(ss.getSheetByName('one too many')).toBeNull();
    const sheet = ss.getSheetByName('t0')!;
    expect(() => sheet.insertRowsAfter(1000, 1000)).toThrow(limit);
    expect(() => sheet.insertColumnsAfter(26, 20)).toThrow(limit);
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.insertColumnsAfter(26, 1).getMaxColumns()).toBe(27);
    // Cutting a tab's grid makes room again.
    sheet.deleteRows(101, 900);
    expect(ss.insertSheet('room again').getMaxRows()).toBe(1000);
  });

  it('insertSheet refuses a taken name with Google\'s message and inserts at a 0-based index', () => {
    const ss = app().app.getActiveSpreadsheet();
    ss.insertSheet('Schedules');
    expect(() => ss.insertSheet('Schedules')).toThrow('A sheet with the name "Schedules" already exists. Please enter another name.');
    ss.insertSheet('First', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['First', 'Sheet1', 'Schedules']);
    expect(ss.getSheetByName('Schedules')!.getIndex()).toBe(3);
    expect(ss.getActiveSheet().getName()).toBe('First'); // a new tab becomes active
  });

  it('deleteSheet removes a tab but never the last one', () => {
    const ss = app().app.getActiveSpreadsheet();
    const extra = ss.insertSheet('Extra');
    ss.deleteSheet(extra);
    expect(ss.getSheetByName('Extra')).toBeNull();
    expect(() => ss.deleteSheet(ss.getSheets()[0]!)).toThrow("You can't remove all the sheets in a document.");
  });

  it('toast is recorded with Sheets\' default 5 s timeout', () => {
    const a = app();
    a.app.getActiveSpreadsheet().toast('Done', 'EROS');
    expect(a.app._toasts).toEqual([{ message: 'Done', title: 'EROS', timeoutSeconds: 5 }]);
  });
});

// https://developers.google.com/apps-script/reference/spreadsheet/sheet
describe('Sheet', () => {
  it('setName refuses a name another tab has (case-insensitively)', () => {
    const ss = app().app.getActiveSpreadsheet();
    ss.insertSheet('Log');
    expect(() => ss.getSheetByName('Sheet1')!.setName('log')).toThrow('A sheet with the name "log" already exists. Please enter another name.');
    ss.getSheetByName('Sheet1')!.setName('Main');
    expect(ss.getSheetByName('Main')).not.toBeNull();
  });

  it('getRange(row, col) rejects row or column < 1 with Google\'s messages', () => {
    const sheet = app().app.getActiveSheet();
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
  });

  it('a range past the grid (1000 × 26) fails until rows are inserted', () => {
    const sheet = app().app.getActiveSheet();
    expect(sheet.getMaxRows()).toBe(1000);
    expect(sheet.getMaxColumns()).toBe(26);
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    sheet.insertRowsAfter(1000, 5);
    expect(sheet.getRange(1000, 1, 2, 1).getNumRows()).toBe(2);
  });

  it('getLastRow/getLastColumn/getDataRange follow content, not formatting', () => {
    const sheet = app().app.getActiveSheet();
    expect(sheet.getLastRow()).toBe(0);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
    sheet.getRange('A1:C3').setBackground('#ff0000');
    sheet.getRange('B2').setValue('x');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([2, 2]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:B2');
  });

  it('clear removes values and formats, clearContents only values', () => {
    const sheet = app().app.getActiveSheet();
    const r = sheet.getRange('A1').setValue(5).setNumberFormat('0.00');
    sheet.clearContents();
    expect([r.getValue(), r.getNumberFormat()]).toEqual(['', '0.00']);
    sheet.clear();
    expect(r.getNumberFormat()).toBe('General');
  });

  it('frozen rows, column widths and conditional rules are kept', () => {
    const a = app();
    const sheet = a.app.getActiveSheet();
    sheet.setFrozenRows(1);
    sheet.setColumnWidth(2, 140);
    const rule = a.app.newConditionalFormatRule().whenTextEqualTo('RED').setBackground('#f4c7c3').setRanges([sheet.getRange('C2:C50')]).build();
    sheet.setConditionalFormatRules([rule]);
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getColumnWidth(2)).toBe(140);
    expect(sheet.getColumnWidth(3)).toBe(100);
    expect(sheet.getConditionalFormatRules()).toHaveLength(1);
    expect(() => a.app.newConditionalFormatRule().setBackground('#fff').build()).toThrow();
  });

  it('insertSheet(name, { template }) copies the template: values, formats, frozen rows, widths, rules, grid', () => {
    const a = app();
    const ss = a.app.getActiveSpreadsheet();
    const tmpl = ss.insertSheet('Template');
    tmpl.deleteRows(51, 950);
    tmpl.setFrozenRows(1);
    tmpl.setColumnWidth(2, 140);
    tmpl.getRange('A1').setValue('Date').setFontWeight('bold');
    tmpl.getRange('J2:J').setNumberFormat('$#,##0.00');
    tmpl.setConditionalFormatRules([a.app.newConditionalFormatRule().whenTextEqualTo('RED').setBackground('#f4c7c3').setRanges([tmpl.getRange('C2:C')]).build()]);
    const copy = ss.insertSheet('Copy', { template: tmpl });
    expect(copy.getRange('A1').getValue()).toBe('Date');
    expect(copy.getRange('A1').getFontWeight()).toBe('bold');
    expect(copy.getRange('J40').getNumberFormat()).toBe('$#,##0.00');
    expect([copy.getFrozenRows(), copy.getColumnWidth(2), copy.getMaxRows(), copy.getMaxColumns()]).toEqual([1, 140, 50, 26]);
    expect(copy.getConditionalFormatRules()).toHaveLength(1);
    // The copy is its own tab: changing it leaves the template alone.
    copy.getRange('A1').setValue('changed');
    expect(tmpl.getRange('A1').getValue()).toBe('Date');
    expect(ss.getSheets().map((x) => x.getName())).toEqual(['Sheet1', 'Template', 'Copy']);
    const other = app().app.getActiveSpreadsheet().getActiveSheet();
    expect(() => ss.insertSheet('Foreign', { template: other })).toThrow('template');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata and
  // https://developers.google.com/workspace/sheets/api/guides/metadata (30,000 characters a sheet).
  it('developer metadata stays with its tab through a rename, is copied with it, and is bounded', () => {
    const a = app();
    const ss = a.app.getActiveSpreadsheet();
    const tab = ss.insertSheet('anna');
    tab.addDeveloperMetadata('eros.page', 'anna');
    tab.setName('Anna (renamed by hand)');
    const [m] = ss.getSheetByName('Anna (renamed by hand)')!.getDeveloperMetadata();
    expect([m?.getKey(), m?.getValue()]).toEqual(['eros.page', 'anna']);
    // Google does not document whether a duplicated tab keeps its metadata: the stand-in copies it,
    // the stricter case for code that tags copies.
    const copy = ss.insertSheet('bella', { template: ss.getSheetByName('Anna (renamed by hand)')! });
    copy.getDeveloperMetadata()[0]!.setValue('bella');
    expect(ss.getSheetByName('Anna (renamed by hand)')!.getDeveloperMetadata()[0]!.getValue()).toBe('anna');
    expect(() => tab.addDeveloperMetadata('k', 'x'.repeat(30_000))).toThrow(/30000 characters/);
    expect(() => tab.addDeveloperMetadata('')).toThrow(/key/);
  });

  // Sheets names a tab with up to 100 characters (an .xlsx file allows 31): the stand-in keeps the
  // Sheets name and gives the file an alias, so code never sees a name cut short.
  it('tab names of up to 100 characters (and History) are kept whole, through a save and a reload', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'eros-names-')), 'n.xlsx');
    const book = LocalSpreadsheet.create(file);
    const ss = new SpreadsheetAppService(book).getActiveSpreadsheet();
    const long = 'p'.repeat(100);
    ss.insertSheet(long);
    ss.insertSheet('History');
    ss.insertSheet(`${'p'.repeat(40)}: two`);
    expect(() => ss.insertSheet('q'.repeat(101))).toThrow(/at most 100 characters/);
    expect(ss.getSheetByName(long)!.getName()).toBe(long);
    await book.save();
    const again = new SpreadsheetAppService(await LocalSpreadsheet.open(file)).getActiveSpreadsheet();
    expect(again.getSheets().map((x) => x.getName())).toEqual(['Sheet1', long, 'History', `${'p'.repeat(40)}: two`]);
  });

  it('developer metadata survives a save and a reload of the workbook file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'eros-meta-')), 'm.xlsx');
    const book = LocalSpreadsheet.create(file);
    const ss = new SpreadsheetAppService(book).getActiveSpreadsheet();
    ss.insertSheet('page one').addDeveloperMetadata('eros.page', 'page/one');
    await book.save();
    const again = new SpreadsheetAppService(await LocalSpreadsheet.open(file)).getActiveSpreadsheet();
    expect(again.getSheets().map((x) => x.getName())).toEqual(['Sheet1', 'page one']);
    expect(again.getSheetByName('page one')!.getDeveloperMetadata().map((m) => [m.getKey(), m.getValue()])).toEqual([['eros.page', 'page/one']]);
  });
});

// https://developers.google.com/apps-script/reference/spreadsheet/range
describe('Range', () => {
  it('setValues checks rows then columns with Google\'s messages', () => {
    const r = app().app.getActiveSheet().getRange(1, 1, 2, 3);
    expect(() => r.setValues([[1, 2, 3]])).toThrow('The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.');
    expect(() => r.setValues([[1, 2, 3], [4, 5]])).toThrow('The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.');
  });

  it('getValues: empty cells are \'\', numbers numbers, booleans booleans, dates Dates', () => {
    const sheet = app().app.getActiveSheet();
    const when = new Date('2025-03-09T10:30:00Z');
    sheet.getRange(1, 1, 1, 4).setValues([[12.5, true, when, null]]);
    const [row] = sheet.getRange(1, 1, 1, 5).getValues();
    expect(row).toEqual([12.5, true, when, '', '']);
    expect(sheet.getRange('C1').getNumberFormat()).toBe('M/d/yyyy H:mm:ss');
  });

  it('strings are read like typed input unless the cell is plain text (@)', () => {
    const sheet = app().app.getActiveSheet();
    sheet.getRange('A1:C1').setValues([['42', 'TRUE', '007']]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([[42, true, 7]]);
    sheet.getRange('D1').setNumberFormat('@').setValue('007');
    expect(sheet.getRange('D1').getValue()).toBe('007');
  });

  it('getDisplayValues applies the number format', () => {
    const sheet = app().app.getActiveSheet();
    sheet.getRange('A1:B1').setValues([[1234.5, 0.25]]);
    sheet.getRange('A1').setNumberFormat('#,##0.00');
    sheet.getRange('B1').setNumberFormat('0%');
    sheet.getRange('C1').setValue(new Date('2025-11-02T10:05:00Z')).setNumberFormat('yyyy-mm-dd hh:mm');
    expect(sheet.getRange('A1:C1').getDisplayValues()).toEqual([['1,234.50', '25%', '2025-11-02 02:05']]);
  });

  it('a Date written in the spreadsheet zone reads back as the same instant across DST (property)', () => {
    const sheet = app().app.getActiveSheet();
    const cell = sheet.getRange('A1');
    fc.assert(fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), (d) => {
      // Except the hour repeated when clocks fall back: a cell holds wall time, so Sheets cannot
      // tell its two instants apart either (pinned in the next test).
      const t = DateTime.fromJSDate(d, { zone: 'America/Los_Angeles' });
      fc.pre(t.plus({ hours: 1 }).hour !== t.hour && t.minus({ hours: 1 }).hour !== t.hour);
      cell.setValue(d);
      expect((cell.getValue() as Date).getTime()).toBe(d.getTime());
    }), { numRuns: 300 });
  });

  it('the two instants of a fall-back hour read back as one wall time; spring-forward keeps the instant', () => {
    const cell = app().app.getActiveSheet().getRange('A1');
    const pdt = new Date('2025-11-02T08:30:00Z'); // 01:30 PDT
    const pst = new Date('2025-11-02T09:30:00Z'); // 01:30 PST
    cell.setValue(pst);
    const back = cell.getValue() as Date;
    expect([pdt.getTime(), pst.getTime()]).toContain(back.getTime());
    cell.setValue(pdt);
    expect((cell.getValue() as Date).getTime()).toBe(back.getTime());
    const spring = new Date('2025-03-09T10:30:00Z'); // 03:30 PDT, just after the gap
    cell.setValue(spring);
    expect((cell.getValue() as Date).getTime()).toBe(spring.getTime());
  });

  it('A1 notation round-trips (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 800 }), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }),
      (row, column, numRows, numColumns) => {
        const rect = { row, column, numRows, numColumns };
        expect(parseA1(toA1(rect), 10_000, 1_000)).toEqual(rect);
      }));
    expect(parseA1('B:C', 1000, 26)).toEqual({ row: 1, column: 2, numRows: 1000, numColumns: 2 });
  });
});

// https://developers.google.com/apps-script/reference/base/ui
describe('Ui', () => {
  it('records menus with items, separators and sub-menus; createAddonMenu uses the add-on name', () => {
    const a = app();
    const ui = a.app.getUi();
    ui.createMenu('EROS Scheduler').addItem('Generate', 'generate').addSeparator()
      .addSubMenu(ui.createMenu('More').addItem('Help', 'help')).addToUi();
    ui.createAddonMenu().addItem('Start', 'start').addToUi();
    expect(a.ui.menus).toEqual([
      { title: 'EROS Scheduler', addon: false, items: [
        { kind: 'item', caption: 'Generate', functionName: 'generate' }, { kind: 'separator' },
        { kind: 'subMenu', menu: { title: 'More', addon: false, items: [{ kind: 'item', caption: 'Help', functionName: 'help' }] } }] },
      { title: 'EROS Scheduler', addon: true, items: [{ kind: 'item', caption: 'Start', functionName: 'start' }] },
    ]);
  });

  it('alert returns Button.OK by default; prompt answers come from the queue', () => {
    const a = app();
    const ui = a.app.getUi();
    expect(ui.alert('Saved')).toBe(ui.Button.OK);
    a.ui.alertAnswers.push('NO');
    expect(ui.alert('Title', 'Really?', ui.ButtonSet.YES_NO)).toBe('NO');
    a.ui.promptAnswers.push({ text: 'page_a', button: 'OK' });
    const r = ui.prompt('Page?');
    expect([r.getResponseText(), r.getSelectedButton()]).toEqual(['page_a', 'OK']);
    expect(a.ui.alerts.map((x) => x.prompt)).toEqual(['Saved', 'Really?', 'Page?']);
  });
});
