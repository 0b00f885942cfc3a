// Contract tests: how cells and tabs look (widths, wrap, borders, fills, fonts, formats, formulas,
// tab colour, order, hidden tabs), each as Google's reference page describes it.
import { LocalSpreadsheet, SpreadsheetAppService } from '../../../local/runtime';

function app() {
  const book = LocalSpreadsheet.create('Format.xlsx', { timeZone: 'America/Los_Angeles' });
  return { book, app: new SpreadsheetAppService(book) };
}

// https://developers.google.com/apps-script/reference/spreadsheet/sheet#setColumnWidth(Integer,Integer)
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#setColumnWidths(Integer,Integer,Integer)
describe('column widths', () => {
  it('are pixels, 100 by default; setColumnWidths sets a run; a column outside the grid is refused', () => {
    const sheet = app().app.getActiveSheet();
    sheet.setColumnWidths(2, 3, 320);
    expect([1, 2, 3, 4, 5].map((c) => sheet.getColumnWidth(c))).toEqual([100, 320, 320, 320, 100]);
    expect(() => sheet.setColumnWidth(0, 50)).toThrow('Those columns are out of bounds.');
    expect(() => sheet.setColumnWidth(27, 50)).toThrow('Those columns are out of bounds.');
  });
});

// https://developers.google.com/apps-script/reference/spreadsheet/range#setWrap(Boolean)
// https://developers.google.com/apps-script/reference/spreadsheet/range#setWrapStrategy(WrapStrategy)
// https://developers.google.com/apps-script/reference/spreadsheet/wrap-strategy
describe('wrap', () => {
  it('OVERFLOW by default; setWrap(true) is WRAP, setWrap(false) OVERFLOW; CLIP is its own strategy', () => {
    const a = app();
    const sheet = a.app.getActiveSheet();
    const { WrapStrategy } = a.app;
    expect(sheet.getRange('A1').getWrapStrategy()).toBe(WrapStrategy.OVERFLOW);
    sheet.getRange('A1:B2').setWrap(true);
    expect(sheet.getRange('A1:B2').getWraps()).toEqual([[true, true], [true, true]]);
    sheet.getRange('B2').setWrapStrategy(WrapStrategy.CLIP);
    expect(sheet.getRange('A1:B2').getWrapStrategies()).toEqual([['WRAP', 'WRAP'], ['WRAP', 'CLIP']]);
    expect(sheet.getRange('B2').getWrap()).toBe(false);
    sheet.getRange('A1').setWrap(false);
    expect(sheet.getRange('A1').getWrapStrategy()).toBe('OVERFLOW');
    sheet.getRange('C1:D1').setWrapStrategies([['CLIP', 'WRAP']]);
    expect(sheet.getRange('C1:D1').getWrapStrategies()).toEqual([['CLIP', 'WRAP']]);
    expect(() => sheet.getRange('A1').setWrapStrategy('SHRINK')).toThrow(/setWrapStrategy/);
  });
});

// https://developers.google.com/apps-script/reference/spreadsheet/range#setBorder(Boolean,Boolean,Boolean,Boolean,Boolean,Boolean,String,BorderStyle)
describe('borders', () => {
  it('true draws, false removes, null leaves a side; vertical and horizontal are the inner lines', () => {
    const a = app();
    const sheet = a.app.getActiveSheet();
    const range = sheet.getRange('A1:B2');
    range.setBorder(true, true, true, true, null, null, '#ff0000', a.app.BorderStyle.SOLID_MEDIUM);
    const ws = a.book.tabList()[0]!.worksheet;
    expect(ws.getCell('A1').border).toMatchObject({ top: { style: 'medium', color: { argb: 'FFFF0000' } }, left: { style: 'medium' } });
    expect(ws.getCell('A1').border.right).toBeUndefined(); // inner vertical line left as it was (none)
    expect(ws.getCell('B2').border).toMatchObject({ bottom: { style: 'medium' }, right: { style: 'medium' } });
    range.setBorder(null, null, null, null, true, true);
    expect(ws.getCell('A1').border).toMatchObject({ right: { style: 'thin', color: { argb: 'FF000000' } }, bottom: { style: 'thin' }, top: { style: 'medium' } });
    range.setBorder(false, null, null, null, null, null);
    expect(ws.getCell('A1').border.top).toBeUndefined();
    expect(() => range.setBorder(true, true, true, true, true, true, null, 'WAVY')).toThrow(/setBorder/);
  });
});

// https://developers.google.com/apps-script/reference/spreadsheet/range#setBackground(String)
// https://developers.google.com/apps-script/reference/spreadsheet/range#setFontColors(Object)
// https://developers.google.com/apps-script/reference/spreadsheet/range#setFontWeights(Object)
describe('fills and fonts', () => {
  it('take CSS colours (hex or names), null resets; weights and colours per cell', () => {
    const sheet = app().app.getActiveSheet();
    const r = sheet.getRange('A1:B1');
    r.setBackgrounds([['red', '#0F0']]);
    expect(r.getBackgrounds()).toEqual([['#ff0000', '#00ff00']]);
    r.setBackground(null);
    expect(r.getBackground()).toBe('#ffffff');
    r.setFontColors([['#123456', null]]).setFontWeights([['bold', 'normal']]);
    expect([r.getFontColors(), r.getFontWeights()]).toEqual([[['#123456', '#000000']], [['bold', 'normal']]]);
    expect(() => r.setBackground('not a colour')).toThrow(/Invalid color/);
    expect(() => r.setFontWeights([['bold']])).toThrow('The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.');
  });
});

// https://developers.google.com/apps-script/reference/spreadsheet/range#setNumberFormat(String)
// https://developers.google.com/apps-script/reference/spreadsheet/range#getDisplayValue()
describe('dates as dates', () => {
  it('a Date shows through its date format, never as a serial number; a number under a date format shows as a date', () => {
    const sheet = app().app.getActiveSheet();
    sheet.getRange('A1').setValue(new Date('2026-11-28T11:05:00Z'));
    expect(sheet.getRange('A1').getDisplayValue()).toBe('11/28/2026 3:05:00');
    sheet.getRange('A1').setNumberFormat('yyyy-mm-dd hh:mm');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('2026-11-28 03:05');
    // A serial number in a General cell is just a number (Sheets shows 46354): the bug to avoid.
    sheet.getRange('B1').setValue(46354);
    expect(sheet.getRange('B1').getDisplayValue()).toBe('46354');
    sheet.getRange('B1').setNumberFormat('yyyy-mm-dd');
    expect(sheet.getRange('B1').getDisplayValue()).toBe('2026-11-28');
  });
});

// https://developers.google.com/apps-script/reference/spreadsheet/range#setFormula(String)
// https://developers.google.com/apps-script/reference/spreadsheet/range#getFormulas()
describe('formulas', () => {
  it('are stored as written (SPARKLINE included) and read back with getFormula; values stay empty (not evaluated)', () => {
    const sheet = app().app.getActiveSheet();
    sheet.getRange('A1').setFormula('=SPARKLINE({1,2,3},{"charttype","bar";"max",5})');
    sheet.getRange('B1:C1').setFormulas([['=SUM(1,2)', '']]);
    expect(sheet.getRange('A1:C1').getFormulas()).toEqual([['=SPARKLINE({1,2,3},{"charttype","bar";"max",5})', '=SUM(1,2)', '']]);
    expect(sheet.getRange('A1').getValue()).toBe('');
  });
});

// https://developers.google.com/apps-script/reference/spreadsheet/sheet#setTabColor(String)
// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#moveActiveSheet(Integer)
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#hideSheet()
describe('tabs: colour, order, hidden', () => {
  it('tab colour takes CSS colours and null; getTabColor reads #rrggbb or null', () => {
    const sheet = app().app.getActiveSheet();
    expect(sheet.getTabColor()).toBeNull();
    expect(sheet.setTabColor('green').getTabColor()).toBe('#008000');
    expect(sheet.setTabColor(null).getTabColor()).toBeNull();
  });

  it('moveActiveSheet takes a 1-based position and refuses one outside the tabs; getIndex follows', () => {
    const ss = app().app.getActiveSpreadsheet();
    ss.insertSheet('Runs');
    const overview = ss.insertSheet('Overview');
    ss.setActiveSheet(overview);
    ss.moveActiveSheet(1);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Overview', 'Sheet1', 'Runs']);
    expect(overview.getIndex()).toBe(1);
    expect(() => ss.moveActiveSheet(0)).toThrow(/out of bounds/);
    expect(() => ss.moveActiveSheet(4)).toThrow(/out of bounds/);
  });

  it('hideSheet hides a tab, and throws on the only visible one; showSheet undoes it', () => {
    const ss = app().app.getActiveSpreadsheet();
    const runs = ss.insertSheet('Runs');
    runs.hideSheet();
    expect(runs.isSheetHidden()).toBe(true);
    expect(() => ss.getSheetByName('Sheet1')!.hideSheet()).toThrow();
    expect(runs.hideSheet().isSheetHidden()).toBe(true); // no effect when already hidden
    runs.showSheet();
    expect(runs.isSheetHidden()).toBe(false);
  });
});
