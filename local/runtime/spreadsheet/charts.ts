// Embedded charts: Sheet.newChart() → EmbeddedChartBuilder → build() → Sheet.insertChart /
// updateChart; EmbeddedChart.modify() reopens a chart in a builder that keeps its id. The spec is
// recorded as the builder holds it (type, ranges, position, options) for the preview to draw.
// https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
// https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart
// https://developers.google.com/apps-script/reference/spreadsheet/container-info
// https://developers.google.com/apps-script/reference/charts/chart-type
import { ServiceError } from '../errors';
import { toA1, type GridRect } from './a1';
import type { ChartSource, ChartSpec } from './model';

const enumOf = <K extends string>(...keys: K[]): Record<K, K> => Object.fromEntries(keys.map((k) => [k, k])) as Record<K, K>;

export const ChartType = enumOf('AREA', 'BAR', 'BUBBLE', 'CANDLESTICK', 'COLUMN', 'COMBO', 'GAUGE', 'GEO', 'HISTOGRAM', 'RADAR', 'LINE',
  'ORG', 'PIE', 'SCATTER', 'SPARKLINE', 'STEPPED_AREA', 'TABLE', 'TIMELINE', 'TREEMAP', 'WATERFALL');
export const ChartHiddenDimensionStrategy = enumOf('IGNORE_BOTH', 'IGNORE_ROWS', 'IGNORE_COLUMNS', 'SHOW_BOTH');
export const ChartMergeStrategy = enumOf('MERGE_COLUMNS', 'MERGE_ROWS');

/** The Charts service: only its enums reach a spreadsheet script. */
export class ChartsService {
  static readonly apiName = 'Charts';
  readonly ChartType = ChartType;
  readonly ChartHiddenDimensionStrategy = ChartHiddenDimensionStrategy;
  readonly ChartMergeStrategy = ChartMergeStrategy;
}

/** "Not all embedded chart types are currently supported": a sparkline is a formula in Sheets, not a chart object. */
const EMBEDDABLE = new Set<string>(Object.keys(ChartType).filter((t) => t !== 'SPARKLINE'));

/** What a Range stand-in offers here (structural, so this file needs no Range import). */
export interface RangeLike<T> {
  _sheet: { _tab: T };
  _rect: GridRect;
}

export interface ChartHost<T, R> {
  range(source: ChartSource<T>): R;
  tabName(tab: T): string;
}

export type DraftSpec<T> = Omit<ChartSpec<T>, 'chartId' | 'type'> & { chartId: number | null; type: string | null };

function signature(method: string, args: unknown[]): ServiceError {
  const kinds = args.map((a) => (typeof a === 'number' ? 'number' : typeof a === 'string' ? 'String' : a === null ? 'null' : 'Object'));
  return new ServiceError(`The parameters (${kinds.join(',')}) don't match the method signature for SpreadsheetApp.EmbeddedChartBuilder.${method}.`);
}

const isPlainData = (v: unknown): boolean =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v) ||
  (Array.isArray(v) ? v.every(isPlainData) : typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype && Object.values(v as object).every(isPlainData));

export class EmbeddedChartBuilder<T, R extends RangeLike<T>> {
  static readonly apiName = 'SpreadsheetApp.EmbeddedChartBuilder';

  constructor(
    readonly _draft: DraftSpec<T>,
    private readonly _host: ChartHost<T, R>,
  ) {}

  static fresh<T, R extends RangeLike<T>>(host: ChartHost<T, R>): EmbeddedChartBuilder<T, R> {
    return new EmbeddedChartBuilder<T, R>({
      chartId: null, type: null, sources: [], position: { row: 1, column: 1, offsetX: 0, offsetY: 0 }, options: {},
      hiddenDimensionStrategy: 'IGNORE_ROWS', mergeStrategy: 'MERGE_COLUMNS', numHeaders: -1, transpose: false,
    }, host);
  }

  /** "Will not add the Range if it has already been added to the chart." */
  addRange(range: R): this {
    const same = this._draft.sources.some((s) => s.tab === range._sheet._tab && toA1(s.rect) === toA1(range._rect));
    if (!same) this._draft.sources.push({ tab: range._sheet._tab, rect: { ...range._rect } });
    return this;
  }

  removeRange(range: R): this {
    this._draft.sources = this._draft.sources.filter((s) => !(s.tab === range._sheet._tab && toA1(s.rect) === toA1(range._rect)));
    return this;
  }

  clearRanges(): this {
    this._draft.sources = [];
    return this;
  }

  getRanges(): R[] { return this._draft.sources.map((s) => this._host.range(s)); }

  setChartType(type: string): this {
    if (!(String(type) in ChartType)) throw signature('setChartType', [type]);
    if (!EMBEDDABLE.has(String(type))) throw new ServiceError(`Embedded charts of type ${String(type)} are not supported.`);
    this._draft.type = String(type);
    return this;
  }

  getChartType(): string | null { return this._draft.type; }
  asAreaChart(): this { return this.setChartType('AREA'); }
  asBarChart(): this { return this.setChartType('BAR'); }
  asColumnChart(): this { return this.setChartType('COLUMN'); }
  asComboChart(): this { return this.setChartType('COMBO'); }
  asHistogramChart(): this { return this.setChartType('HISTOGRAM'); }
  asLineChart(): this { return this.setChartType('LINE'); }
  asPieChart(): this { return this.setChartType('PIE'); }
  asScatterChart(): this { return this.setChartType('SCATTER'); }
  asTableChart(): this { return this.setChartType('TABLE'); }

  /** Anchor row and column are 1-based; the offsets are pixels from the anchor cell's corner. */
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    const args = [anchorRowPos, anchorColPos, offsetX, offsetY];
    if (args.some((a) => typeof a !== 'number' || !Number.isInteger(a))) throw signature('setPosition', args);
    if (anchorRowPos < 1 || anchorColPos < 1 || offsetX < 0 || offsetY < 0) {
      throw new ServiceError('The chart position is out of bounds: the anchor row and column start at 1 and the offsets at 0.');
    }
    this._draft.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }

  getContainer(): ContainerInfo { return new ContainerInfo(this._draft.position); }

  /** Options are Google Charts configuration options ("title", "legend", "vAxis.minValue"…), kept as given. */
  setOption(option: string, value: unknown): this {
    if (typeof option !== 'string' || option === '') throw signature('setOption', [option, value]);
    if (!isPlainData(value)) throw new ServiceError(`Invalid value for chart option ${option}: only strings, numbers, booleans, arrays and objects of them are accepted.`);
    this._draft.options[option] = structuredClone(value);
    return this;
  }

  setHiddenDimensionStrategy(strategy: string): this {
    if (!(String(strategy) in ChartHiddenDimensionStrategy)) throw signature('setHiddenDimensionStrategy', [strategy]);
    this._draft.hiddenDimensionStrategy = String(strategy);
    return this;
  }

  setMergeStrategy(mergeStrategy: string): this {
    if (!(String(mergeStrategy) in ChartMergeStrategy)) throw signature('setMergeStrategy', [mergeStrategy]);
    this._draft.mergeStrategy = String(mergeStrategy);
    return this;
  }

  setNumHeaders(headers: number): this {
    if (typeof headers !== 'number' || !Number.isInteger(headers) || headers < -1) throw signature('setNumHeaders', [headers]);
    this._draft.numHeaders = headers;
    return this;
  }

  setTransposeRowsAndColumns(transpose: boolean): this {
    this._draft.transpose = !!transpose;
    return this;
  }

  /** The chart, not yet on the sheet: insertChart (new) or updateChart (from modify()) puts it there. */
  build(): EmbeddedChart<T, R> {
    // Wording ours: a chart needs a type before Sheets can draw it.
    if (this._draft.type === null) throw new ServiceError('The chart type must be set before the chart is built.');
    return new EmbeddedChart<T, R>(cloneDraft(this._draft), this._host);
  }
}

export function cloneDraft<T>(d: DraftSpec<T>): DraftSpec<T> {
  return { ...d, position: { ...d.position }, options: structuredClone(d.options), sources: d.sources.map((s) => ({ tab: s.tab, rect: { ...s.rect } })) };
}

export class ContainerInfo {
  static readonly apiName = 'SpreadsheetApp.ContainerInfo';
  constructor(private readonly _p: ChartSpec<unknown>['position']) {}
  getAnchorRow(): number { return this._p.row; }
  getAnchorColumn(): number { return this._p.column; }
  getOffsetX(): number { return this._p.offsetX; }
  getOffsetY(): number { return this._p.offsetY; }
}

export class ChartOptions {
  static readonly apiName = 'Charts.ChartOptions';
  constructor(private readonly _options: Record<string, unknown>) {}
  get(option: string): unknown { return this._options[option] ?? null; }
  getOrDefault(option: string): unknown { return this.get(option); }
}

export class EmbeddedChart<T, R extends RangeLike<T>> {
  static readonly apiName = 'SpreadsheetApp.EmbeddedChart';

  constructor(
    readonly _draft: DraftSpec<T>,
    private readonly _host: ChartHost<T, R>,
  ) {}

  /** null until the chart is inserted into a sheet. */
  getChartId(): number | null { return this._draft.chartId; }
  getContainerInfo(): ContainerInfo { return new ContainerInfo(this._draft.position); }
  getOptions(): ChartOptions { return new ChartOptions(this._draft.options); }
  getRanges(): R[] { return this._draft.sources.map((s) => this._host.range(s)); }
  getHiddenDimensionStrategy(): string { return this._draft.hiddenDimensionStrategy; }
  getMergeStrategy(): string { return this._draft.mergeStrategy; }
  getNumHeaders(): number { return this._draft.numHeaders; }
  getTransposeRowsAndColumns(): boolean { return this._draft.transpose; }
  modify(): EmbeddedChartBuilder<T, R> { return new EmbeddedChartBuilder<T, R>(cloneDraft(this._draft), this._host); }

  /** The spec as plain data: what the builder was given, ranges in A1 notation with their tab. */
  _describe(): Record<string, unknown> {
    const d = this._draft;
    return {
      chartId: d.chartId, type: d.type, position: { ...d.position }, options: structuredClone(d.options),
      ranges: d.sources.map((s) => `'${this._host.tabName(s.tab).replace(/'/g, "''")}'!${toA1(s.rect)}`),
      hiddenDimensionStrategy: d.hiddenDimensionStrategy, mergeStrategy: d.mergeStrategy, numHeaders: d.numHeaders, transpose: d.transpose,
    };
  }
}
