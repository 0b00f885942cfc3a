// What sits on a tab besides cells: protections, bandings and embedded charts.
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect()
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#getProtections(ProtectionType)
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#newChart()
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertChart(EmbeddedChart)
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#updateChart(EmbeddedChart)
import { ServiceError } from '../errors';
import { Banding } from './banding';
import { cloneDraft, EmbeddedChart, EmbeddedChartBuilder, type ChartHost } from './charts';
import type { BandingSpec, ChartSpec, ProtectionSpec } from './model';
import { Protection, ProtectionType } from './protection';
import type { Range } from './range';
import { SheetLayout } from './sheet-layout';
import type { TabModel } from './workbook';

type Chart = EmbeddedChart<TabModel, Range>;

export class SheetObjects extends SheetLayout {
  /** The tab's protection; an already protected tab returns its existing one. */
  protect(): Protection<Range> {
    const list = this._tab.sheets.protections;
    const existing = list.find((p) => p.kind === 'SHEET');
    if (existing) return this._protection(existing);
    const spec: ProtectionSpec = { id: this._book.nextObjectId(), kind: 'SHEET', rect: null, description: '', warningOnly: false, unprotected: [] };
    list.push(spec);
    return this._protection(spec);
  }

  /** getProtections(SpreadsheetApp.ProtectionType.RANGE | SHEET). */
  getProtections(type: string): Array<Protection<Range>> {
    if (!(String(type) in ProtectionType)) throw new ServiceError(`The parameters (${String(type)}) don't match the method signature for SpreadsheetApp.Sheet.getProtections.`);
    return this._tab.sheets.protections.filter((p) => p.kind === String(type)).map((p) => this._protection(p));
  }

  getBandings(): Array<Banding<Range>> {
    return this._tab.sheets.bandings.map((b) => this._banding(b));
  }

  newChart(): EmbeddedChartBuilder<TabModel, Range> {
    return EmbeddedChartBuilder.fresh(this._chartHost());
  }

  /** Places a chart built from newChart(); a chart already in the spreadsheet is updated with updateChart instead. */
  insertChart(chart: Chart): void {
    if (!(chart instanceof EmbeddedChart)) throw new ServiceError("The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.insertChart.");
    if (chart._draft.chartId !== null && this._book.tabList().some((t) => t.sheets.charts.some((c) => c.chartId === chart._draft.chartId))) {
      throw new ServiceError(`The chart ${chart._draft.chartId} is already in the spreadsheet: use updateChart to change it.`);
    }
    const chartId = this._book.nextObjectId();
    chart._draft.chartId = chartId;
    this._tab.sheets.charts.push({ ...(cloneDraft(chart._draft) as ChartSpec<TabModel>), chartId });
  }

  getCharts(): Chart[] {
    return this._tab.sheets.charts.map((c) => new EmbeddedChart<TabModel, Range>(cloneDraft(c), this._chartHost()));
  }

  /** Replaces the chart of the same id on this tab (a chart from modify().build()). */
  updateChart(chart: Chart): void {
    const i = this._chartIndex(chart, 'updateChart');
    this._tab.sheets.charts[i] = { ...(cloneDraft(chart._draft) as ChartSpec<TabModel>) };
  }

  removeChart(chart: Chart): void {
    this._tab.sheets.charts.splice(this._chartIndex(chart, 'removeChart'), 1);
  }

  _protection(spec: ProtectionSpec): Protection<Range> {
    return new Protection<Range>(spec, {
      list: () => this._tab.sheets.protections,
      range: (rect) => this._rangeOf(rect ?? { row: 1, column: 1, numRows: this._tab.maxRows, numColumns: this._tab.maxColumns }),
      rectOf: (range) => this._ownRect(range),
    });
  }

  _banding(spec: BandingSpec): Banding<Range> {
    return new Banding<Range>(spec, { list: () => this._tab.sheets.bandings, range: (rect) => this._rangeOf(rect), rectOf: (range) => this._ownRect(range) });
  }

  private _chartHost(): ChartHost<TabModel, Range> {
    return {
      range: (s) => this._rangeOnTab(s.tab, s.rect),
      tabName: (t) => t.name,
    };
  }

  private _rangeOnTab(tab: TabModel, rect: Range['_rect']): Range {
    if (tab === this._tab) return this._rangeOf(rect);
    const Self = this.constructor as new (book: SheetLayout['_book'], tab: TabModel) => SheetLayout;
    return new Self(this._book, tab)._rangeOf(rect);
  }

  /** A range of another tab cannot bound this tab's protection or banding. */
  private _ownRect(range: Range): Range['_rect'] {
    if (range._sheet._tab !== this._tab) throw new ServiceError('The range must be on the same sheet.');
    return { ...range._rect };
  }

  private _chartIndex(chart: Chart, method: string): number {
    if (!(chart instanceof EmbeddedChart)) throw new ServiceError(`The parameters (Object) don't match the method signature for SpreadsheetApp.Sheet.${method}.`);
    const i = this._tab.sheets.charts.findIndex((c) => c.chartId === chart._draft.chartId);
    // Wording ours: Google's page does not print the error for a chart that is not on the sheet.
    if (chart._draft.chartId === null || i < 0) throw new ServiceError('The chart is not on this sheet.');
    return i;
  }
}
