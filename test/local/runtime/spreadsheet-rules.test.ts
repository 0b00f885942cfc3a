// Contract tests: checkboxes and data validation, row and column groups, hidden rows and columns,
// warning-only protection and banding, each as Google's reference page describes it.
import { LocalSpreadsheet, SpreadsheetAppService } from '../../../local/runtime';

function app() {
  const book = LocalSpreadsheet.create('Rules.xlsx', { timeZone: 'America/Los_Angeles' });
  return { book, app: new SpreadsheetAppService(book) };
}

// https://developers.google.com/apps-script/reference/spreadsheet/range#insertCheckboxes()
// https://developers.google.com/apps-script/reference/spreadsheet/range#insertCheckboxes(Object,Object)
// https://developers.google.com/apps-script/reference/spreadsheet/range#isChecked()
// https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#requireCheckbox()
describe('checkboxes', () => {
  it('insertCheckboxes sets every cell to false; getValues reads booleans; check/uncheck/isChecked', () => {
    const a = app();
    const sent = a.app.getActiveSheet().getRange('A2:A4');
    sent.setValues([['x'], ['y'], ['z']]);
    sent.insertCheckboxes();
    expect(sent.getValues()).toEqual([[false], [false], [false]]);
    expect(sent.isChecked()).toBe(false);
    a.app.getActiveSheet().getRange('A3').check();
    expect(sent.getValues()).toEqual([[false], [true], [false]]);
    expect(sent.isChecked()).toBeNull(); // some checked, some not
    sent.check();
    expect(sent.isChecked()).toBe(true);
    const rule = sent.getDataValidation()!;
    expect([rule.getCriteriaType(), rule.getCriteriaValues()]).toEqual([a.app.DataValidationCriteria.CHECKBOX, []]);
  });

  it('custom values: one value leaves cells empty, two set the unchecked value; check ignores other values', () => {
    const sheet = app().app.getActiveSheet();
    sheet.getRange('B1').insertCheckboxes('yes');
    expect(sheet.getRange('B1').getValue()).toBe('');
    sheet.getRange('C1:C2').insertCheckboxes('sent', 'open');
    expect(sheet.getRange('C1:C2').getValues()).toEqual([['open'], ['open']]);
    sheet.getRange('C2').setValue('typed by hand');
    sheet.getRange('C1:C2').check();
    expect(sheet.getRange('C1:C2').getValues()).toEqual([['sent'], ['typed by hand']]);
    expect(sheet.getRange('C1:C2').isChecked()).toBeNull();
  });

  it('removeCheckboxes clears the rule and the cells that held a checkbox value only', () => {
    const sheet = app().app.getActiveSheet();
    const r = sheet.getRange('A1:A2').insertCheckboxes();
    sheet.getRange('A2').setValue('note');
    r.removeCheckboxes();
    expect(r.getValues()).toEqual([[''], ['note']]);
    expect(r.getDataValidations()).toEqual([[null], [null]]);
  });

  it('a rule from newDataValidation() applies like insertCheckboxes but leaves values; null removes it', () => {
    const a = app();
    const sheet = a.app.getActiveSheet();
    const rule = a.app.newDataValidation().requireCheckbox().setAllowInvalid(false).build();
    sheet.getRange('D1').setValue(true).setDataValidation(rule);
    expect(sheet.getRange('D1').getValue()).toBe(true);
    expect(sheet.getRange('D1').getDataValidation()!.getAllowInvalid()).toBe(false);
    sheet.getRange('D1').setDataValidation(null);
    expect(sheet.getRange('D1').getDataValidation()).toBeNull();
    expect(() => a.app.newDataValidation().build()).toThrow(/criteria/);
  });

  it('rules move with their rows when rows are inserted or deleted above them', () => {
    const sheet = app().app.getActiveSheet();
    sheet.getRange('A5').insertCheckboxes();
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getRange('A7').getDataValidation()?.getCriteriaType()).toBe('CHECKBOX');
    expect(sheet.getRange('A5').getDataValidation()).toBeNull();
    sheet.deleteRows(2, 3);
    expect(sheet.getRange('A4').getDataValidation()?.getCriteriaType()).toBe('CHECKBOX');
  });
});

// https://developers.google.com/apps-script/reference/spreadsheet/range#shiftColumnGroupDepth(Integer)
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#getColumnGroup(Integer,Integer)
// https://developers.google.com/apps-script/reference/spreadsheet/group
describe('groups', () => {
  it('shiftColumnGroupDepth makes a group; getColumnGroup finds it; collapse and expand it', () => {
    const sheet = app().app.getActiveSheet();
    sheet.getRange('N:P').shiftColumnGroupDepth(1);
    const group = sheet.getColumnGroup(15, 1)!;
    expect([group.getDepth(), group.getRange().getA1Notation(), group.getControlIndex(), group.isCollapsed()]).toEqual([1, 'N1:P1000', 17, false]);
    expect(sheet.getColumnGroup(13, 1)).toBeNull();
    expect(sheet.getColumnGroup(14, 2)).toBeNull();
    group.collapse();
    expect(sheet.getColumnGroup(14, 1)!.isCollapsed()).toBe(true);
    expect(sheet.isColumnHiddenByUser(14)).toBe(false); // collapsed, not hidden by the user
    sheet.expandAllColumnGroups();
    expect(sheet.getColumnGroup(14, 1)!.isCollapsed()).toBe(false);
  });

  it('depth stays between 0 and 8; nested groups; remove lowers the depth by one', () => {
    const sheet = app().app.getActiveSheet();
    const rows = sheet.getRange('2:10');
    for (let i = 0; i < 10; i++) rows.shiftRowGroupDepth(1);
    expect(sheet.getRowGroupDepth(5)).toBe(8);
    rows.shiftRowGroupDepth(-20);
    expect(sheet.getRowGroupDepth(5)).toBe(0);
    sheet.getRange('2:10').shiftRowGroupDepth(1);
    sheet.getRange('4:6').shiftRowGroupDepth(1);
    expect(sheet.getRowGroup(5, 2)!.getRange().getA1Notation()).toBe('A4:Z6');
    expect(sheet.getRowGroup(5, 1)!.getRange().getA1Notation()).toBe('A2:Z10');
    sheet.getRowGroup(5, 2)!.remove();
    expect(sheet.getRowGroup(5, 2)).toBeNull();
    expect(sheet.getRowGroupDepth(5)).toBe(1);
  });

  it('the control toggle may sit before the group; Range.collapseGroups collapses the groups inside it', () => {
    const a = app();
    const sheet = a.app.getActiveSheet();
    sheet.setRowGroupControlPosition(a.app.GroupControlTogglePosition.BEFORE);
    sheet.getRange('3:4').shiftRowGroupDepth(1);
    expect(sheet.getRowGroup(3, 1)!.getControlIndex()).toBe(2);
    sheet.getRange('1:10').collapseGroups();
    expect(sheet.getRowGroup(3, 1)!.isCollapsed()).toBe(true);
    sheet.getRange('2:2').expandGroups(); // the control row touches it
    expect(sheet.getRowGroup(3, 1)!.isCollapsed()).toBe(false);
  });
});

// https://developers.google.com/apps-script/reference/spreadsheet/sheet#hideColumns(Integer,Integer)
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#isColumnHiddenByUser(Integer)
describe('hidden rows and columns', () => {
  it('hideColumns/showColumns and hideRows/showRows; outside the grid is refused', () => {
    const sheet = app().app.getActiveSheet();
    sheet.hideColumns(2, 2);
    expect([1, 2, 3, 4].map((c) => sheet.isColumnHiddenByUser(c))).toEqual([false, true, true, false]);
    sheet.showColumns(3);
    expect(sheet.isColumnHiddenByUser(3)).toBe(false);
    sheet.hideRow(sheet.getRange('5:6'));
    expect([sheet.isRowHiddenByUser(5), sheet.isRowHiddenByUser(6), sheet.isRowHiddenByUser(7)]).toEqual([true, true, false]);
    expect(() => sheet.hideColumns(0)).toThrow('Those columns are out of bounds.');
    expect(() => sheet.hideRows(1000, 2)).toThrow('Those rows are out of bounds.');
  });
});

// https://developers.google.com/apps-script/reference/spreadsheet/protection#setWarningOnly(Boolean)
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#getProtections(ProtectionType)
describe('protection', () => {
  it('Range.protect().setWarningOnly(true) is listed by getProtections(RANGE); Sheet.protect returns the existing one', () => {
    const a = app();
    const sheet = a.app.getActiveSheet();
    const p = sheet.getRange('A1:M60').protect().setDescription('Generated by EROS').setWarningOnly(true);
    expect([p.isWarningOnly(), p.getProtectionType(), p.getRange().getA1Notation()]).toEqual([true, 'RANGE', 'A1:M60']);
    const listed = sheet.getProtections(a.app.ProtectionType.RANGE);
    expect(listed.map((x) => [x.getDescription(), x.isWarningOnly()])).toEqual([['Generated by EROS', true]]);
    expect(sheet.getProtections(a.app.ProtectionType.SHEET)).toEqual([]);
    expect(sheet.protect()._spec).toBe(sheet.protect()._spec);
    expect(() => p.setUnprotectedRanges([])).toThrow();
    listed[0]!.remove();
    expect(a.app.getActiveSpreadsheet().getProtections('RANGE')).toHaveLength(0);
  });

  it('a tab copied with insertSheet(template) does not carry the protection', () => {
    const ss = app().app.getActiveSpreadsheet();
    const tmpl = ss.getSheetByName('Sheet1')!;
    tmpl.getRange('A1:B2').protect().setWarningOnly(true);
    expect(ss.insertSheet('copy', { template: tmpl }).getProtections('RANGE')).toEqual([]);
  });
});

// https://developers.google.com/apps-script/reference/spreadsheet/range#applyRowBanding(BandingTheme,Boolean,Boolean)
// https://developers.google.com/apps-script/reference/spreadsheet/banding
describe('banding', () => {
  it('applyRowBanding: a header colour and no footer by default; getBandings on the range and the tab', () => {
    const a = app();
    const sheet = a.app.getActiveSheet();
    const band = sheet.getRange('A1:F20').applyRowBanding(a.app.BandingTheme.BLUE);
    expect(band.getHeaderRowColor()).not.toBeNull();
    expect(band.getFooterRowColor()).toBeNull();
    expect(band.getFirstRowColor()).not.toBe(band.getSecondRowColor());
    expect(sheet.getRange('C5').getBandings()).toHaveLength(1);
    expect(sheet.getRange('H1').getBandings()).toHaveLength(0);
    band.setSecondRowColor('#eeeeee');
    expect(sheet.getBandings()[0]!.getSecondRowColor()).toBe('#eeeeee');
    expect(band.getHeaderColumnColor()).toBeNull(); // a row banding has no column colours
  });

  it('a range that already has alternating colours is refused; remove frees it', () => {
    const sheet = app().app.getActiveSheet();
    const band = sheet.getRange('A1:F20').applyRowBanding();
    expect(() => sheet.getRange('B5:B6').applyRowBanding()).toThrow(/already has alternating/);
    band.remove();
    expect(sheet.getRange('B5:B6').applyRowBanding('GREEN', false, true).getFooterRowColor()).not.toBeNull();
  });
});
