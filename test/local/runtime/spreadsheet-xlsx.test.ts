// The workbook persists as a real .xlsx: reopened with exceljs directly, a person's view of it
// (values, frozen header, number formats, widths, conditional formats) is what the script wrote.
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#setFrozenRows(Integer)
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalSpreadsheet, SpreadsheetAppService, openWorkbook, saveWorkbook } from '../../../local/runtime';

describe('LocalSpreadsheet on an .xlsx file', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'eros-xlsx-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a missing file with Sheet1 and writes what the script did', async () => {
    const path = join(dir, 'Schedules.xlsx');
    const book = await openWorkbook(path);
    expect(existsSync(path)).toBe(false);
    const app = new SpreadsheetAppService(book);
    const ss = app.getActiveSpreadsheet();
    const tab = ss.insertSheet('page_a');
    const when = new Date('2025-07-01T16:00:00Z'); // 09:00 PDT
    tab.getRange(1, 1, 3, 3).setValues([
      ['Send time', 'Caption', 'Price'],
      [when, 'Good morning', 12],
      [when, '=HYPERLINK("x")', 9.5],
    ]);
    tab.setFrozenRows(1);
    tab.getRange('C2:C3').setNumberFormat('$#,##0.00');
    tab.getRange('A1:C1').setFontWeight('bold').setBackground('#dddddd');
    tab.setColumnWidth(2, 280);
    tab.setConditionalFormatRules([
      app.newConditionalFormatRule().whenFormulaSatisfied('=$C2>10').setBackground('#ff0000').setRanges([tab.getRange('A2:C3')]).build(),
    ]);
    await saveWorkbook(book);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sheet1', 'page_a']);
    const ws = wb.getWorksheet('page_a')!;
    expect(ws.getCell('A1').value).toBe('Send time');
    expect(ws.getCell('B2').value).toBe('Good morning');
    expect(ws.getCell('C2').value).toBe(12);
    expect(ws.getCell('C2').numFmt).toBe('$#,##0.00');
    // The wall time a person in Los Angeles sees, stored as the sheet's serial date.
    expect((ws.getCell('A2').value as Date).toISOString()).toBe('2025-07-01T09:00:00.000Z');
    expect(ws.getCell('A2').numFmt).toBe('M/d/yyyy H:mm:ss');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(Math.round(ws.getColumn(2).width! * 7)).toBe(280);
    expect((ws.getCell('B3').value as { formula: string }).formula).toBe('HYPERLINK("x")');
    const cf = (ws as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<{ formulae: string[] }> }> }).conditionalFormattings;
    expect(cf).toHaveLength(1);
    expect(cf[0]!.ref).toBe('A2:C3');
    expect(cf[0]!.rules[0]!.formulae).toEqual(['$C2>10']);
  });

  it('reopens a saved file with the same values, instants and frozen rows', async () => {
    const path = join(dir, 'Round.xlsx');
    const book = await LocalSpreadsheet.open(path);
    const sheet = new SpreadsheetAppService(book).getActiveSheet();
    const winter = new Date('2025-01-15T11:05:00Z');
    sheet.getRange('A1:C1').setValues([['page_a', 3, winter]]);
    sheet.setFrozenRows(1);
    await book.save();

    const again = new SpreadsheetAppService(await LocalSpreadsheet.open(path)).getActiveSheet();
    expect(again.getRange('A1:C1').getValues()).toEqual([['page_a', 3, winter]]);
    expect(again.getFrozenRows()).toBe(1);
  });

  // What an .xlsx can hold is in the file for LibreOffice and Excel; the rest of the Sheets model
  // (checkbox rules, collapsed groups, CLIP, protections, banding, charts) comes back from the
  // very hidden metadata tab.
  it('keeps groups, hidden rows and columns, checkboxes, wrap, tab colour, hidden tabs, protections, banding and charts', async () => {
    const path = join(dir, 'Desk.xlsx');
    const book = await openWorkbook(path);
    const app = new SpreadsheetAppService(book);
    const ss = app.getActiveSpreadsheet();
    const tab = ss.insertSheet('page a');
    tab.getRange('A1:C3').setValues([['Caption', 'Sent', 'Id'], ['Hi', false, 'sch_1'], ['Yo', false, 'sch_1']]);
    tab.getRange('A2:A3').setWrap(true);
    tab.getRange('C2:C3').setWrapStrategy('CLIP');
    tab.getRange('B2:B3').insertCheckboxes();
    tab.getRange('B3').check();
    tab.getRange('C:D').shiftColumnGroupDepth(1);
    tab.getColumnGroup(3, 1)!.collapse();
    tab.hideRows(10);
    tab.setRowHeight(2, 42);
    tab.setTabColor('#b7e1cd');
    tab.getRange('A1:C3').protect().setWarningOnly(true).setDescription('generated');
    tab.getRange('A1:C3').applyRowBanding('BLUE');
    tab.insertChart(tab.newChart().asColumnChart().addRange(tab.getRange('A1:B3')).setPosition(5, 1, 0, 0).setOption('title', 'T').build());
    ss.insertSheet('Hidden').hideSheet();
    await saveWorkbook(book);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('page a')!;
    expect([ws.getColumn(3).outlineLevel, ws.getColumn(3).hidden, ws.getColumn(4).hidden, ws.getColumn(1).hidden]).toEqual([1, true, true, false]);
    expect([ws.getRow(10).hidden, ws.getRow(2).height]).toEqual([true, 31.5]);
    expect(ws.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['"TRUE,FALSE"'] });
    expect(ws.getCell('A2').alignment?.wrapText).toBe(true);
    expect((ws.properties as { tabColor?: { argb: string } }).tabColor?.argb).toBe('FFB7E1CD');
    expect(wb.getWorksheet('Hidden')!.state).toBe('hidden');

    const again = new SpreadsheetAppService(await openWorkbook(path)).getActiveSpreadsheet();
    const back = again.getSheetByName('page a')!;
    expect(back.getRange('B2:B3').getValues()).toEqual([[false], [true]]);
    expect(back.getRange('B2').getDataValidation()!.getCriteriaType()).toBe('CHECKBOX');
    expect(back.getRange('A2:C2').getWrapStrategies()).toEqual([['WRAP', 'OVERFLOW', 'CLIP']]);
    expect([back.getColumnGroup(4, 1)!.isCollapsed(), back.isColumnHiddenByUser(3), back.isRowHiddenByUser(10), back.getRowHeight(2)]).toEqual([true, false, true, 42]);
    expect(back.getTabColor()).toBe('#b7e1cd');
    expect(back.getProtections('RANGE').map((p) => [p.isWarningOnly(), p.getDescription(), p.getRange().getA1Notation()])).toEqual([[true, 'generated', 'A1:C3']]);
    expect(back.getBandings().map((b) => b.getRange().getA1Notation())).toEqual(['A1:C3']);
    const [chart] = back.getCharts();
    expect([chart!.getOptions().get('title'), chart!.getRanges()[0]!.getA1Notation(), chart!.getContainerInfo().getAnchorRow()]).toEqual(['T', 'A1:B3', 5]);
    expect(again.getSheetByName('Hidden')!.isSheetHidden()).toBe(true);
    // Ids stay unique after a reload: a new chart does not take an old id.
    back.insertChart(back.newChart().asLineChart().addRange(back.getRange('A1:B3')).build());
    expect(new Set(back.getCharts().map((c) => c.getChartId())).size).toBe(2);
  });
});

