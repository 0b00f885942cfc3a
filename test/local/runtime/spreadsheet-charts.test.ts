// Contract tests: embedded charts through Sheet.newChart() and EmbeddedChartBuilder, updated in
// place with modify() and updateChart, as Google's reference pages describe them.
// https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
// https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertChart(EmbeddedChart)
// https://developers.google.com/apps-script/reference/spreadsheet/container-info
import { createRuntime, LocalSpreadsheet, SpreadsheetAppService } from '../../../local/runtime';
import { ChartType } from '../../../local/runtime/spreadsheet/charts';

function sheetWithData() {
  const book = LocalSpreadsheet.create('Charts.xlsx');
  const app = new SpreadsheetAppService(book);
  const sheet = app.getActiveSheet();
  sheet.getRange('A1:C4').setValues([['Week', 'Planned', 'Target'], ['11/2', 40, 42], ['11/9', 44, 42], ['11/16', 39, 42]]);
  return { book, app, sheet };
}

describe('EmbeddedChartBuilder → insertChart', () => {
  it('records the spec as the builder was given it: type, ranges, position, options', () => {
    const { sheet } = sheetWithData();
    const chart = sheet.newChart().setChartType(ChartType.COLUMN).addRange(sheet.getRange('A1:C4')).addRange(sheet.getRange('A1:C4'))
      .setPosition(2, 5, 10, 0).setOption('title', 'Planned against target').setOption('series', { 1: { type: 'line' } }).build();
    expect(chart.getChartId()).toBeNull(); // not in the spreadsheet yet
    sheet.insertChart(chart);
    const [placed] = sheet.getCharts();
    expect(placed!._describe()).toEqual({
      chartId: placed!.getChartId(), type: 'COLUMN', ranges: ["'Sheet1'!A1:C4"], position: { row: 2, column: 5, offsetX: 10, offsetY: 0 },
      options: { title: 'Planned against target', series: { 1: { type: 'line' } } },
      hiddenDimensionStrategy: 'IGNORE_ROWS', mergeStrategy: 'MERGE_COLUMNS', numHeaders: -1, transpose: false,
    });
    const info = placed!.getContainerInfo();
    expect([info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY()]).toEqual([2, 5, 10, 0]);
    expect(placed!.getOptions().get('title')).toBe('Planned against target');
    expect(placed!.getRanges().map((r) => r.getA1Notation())).toEqual(['A1:C4']);
  });

  it('modify() → build() → updateChart changes the chart in place: one chart, same id', () => {
    const { sheet } = sheetWithData();
    sheet.insertChart(sheet.newChart().asLineChart().addRange(sheet.getRange('A1:B4')).build());
    const [chart] = sheet.getCharts();
    const id = chart!.getChartId();
    sheet.updateChart(chart!.modify().clearRanges().addRange(sheet.getRange('A1:C4')).setOption('title', 'v2').setPosition(8, 1, 0, 0).build());
    const after = sheet.getCharts();
    expect(after.map((c) => [c.getChartId(), c.getOptions().get('title'), c.getContainerInfo().getAnchorRow()])).toEqual([[id, 'v2', 8]]);
    expect(after[0]!.modify().getChartType()).toBe('LINE');
  });

  it('refuses what Sheets refuses: no type, an unknown type, a sparkline object, a bad position, a duplicate insert', () => {
    const { sheet } = sheetWithData();
    expect(() => sheet.newChart().addRange(sheet.getRange('A1:B4')).build()).toThrow(/type/);
    expect(() => sheet.newChart().setChartType('DONUT')).toThrow(/setChartType/);
    expect(() => sheet.newChart().setChartType(ChartType.SPARKLINE)).toThrow(/not supported/);
    expect(() => sheet.newChart().setPosition(0, 1, 0, 0)).toThrow(/out of bounds/);
    expect(() => sheet.newChart().setOption('title', new Date())).toThrow(/Invalid value/);
    const chart = sheet.newChart().asColumnChart().addRange(sheet.getRange('A1:B4')).build();
    sheet.insertChart(chart);
    expect(() => sheet.insertChart(chart)).toThrow(/updateChart/);
    expect(sheet.getCharts()).toHaveLength(1);
  });

  it('updateChart and removeChart need a chart of this sheet', () => {
    const { sheet, app } = sheetWithData();
    const other = app.getActiveSpreadsheet().insertSheet('Other');
    sheet.insertChart(sheet.newChart().asBarChart().addRange(sheet.getRange('A1:B4')).build());
    const [chart] = sheet.getCharts();
    expect(() => other.updateChart(chart!)).toThrow(/not on this sheet/);
    expect(() => sheet.updateChart(sheet.newChart().asBarChart().build())).toThrow(/not on this sheet/);
    sheet.removeChart(chart!);
    expect(sheet.getCharts()).toEqual([]);
    expect(() => sheet.removeChart(chart!)).toThrow(/not on this sheet/);
  });

  it('a chart moves with its anchor and its data when rows are inserted above', () => {
    const { sheet } = sheetWithData();
    sheet.insertChart(sheet.newChart().asColumnChart().addRange(sheet.getRange('A1:C4')).setPosition(6, 1, 0, 0).build());
    sheet.insertRowsAfter(0, 2);
    const [chart] = sheet.getCharts();
    expect([chart!.getContainerInfo().getAnchorRow(), chart!.getRanges()[0]!.getA1Notation()]).toEqual([8, 'A3:C6']);
  });
});

describe('through the runtime', () => {
  it('Charts.ChartType reaches the bundle and every builder call is a counted Sheets call', () => {
    const code = `
      function chart() {
        var sheet = SpreadsheetApp.getActiveSheet();
        sheet.getRange('A1:B3').setValues([['Day', 'GB'], ['Mon', 1.5], ['Tue', 2.5]]);
        var built = sheet.newChart().setChartType(Charts.ChartType.COLUMN).addRange(sheet.getRange('A1:B3'))
          .setPosition(1, 4, 0, 0).setOption('title', 'Bytes billed').build();
        sheet.insertChart(built);
        return sheet.getCharts().length;
      }`;
    const rt = createRuntime({ code });
    expect(rt.call('chart')).toBe(1);
    const c = rt.services.counter;
    expect(c.get('SpreadsheetApp.EmbeddedChartBuilder.setOption')).toBe(1);
    expect(c.get('SpreadsheetApp.Sheet.insertChart')).toBe(1);
    expect(c.total('SpreadsheetApp.EmbeddedChartBuilder')).toBe(5);
  });
});
