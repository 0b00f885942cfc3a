// A recorded chart spec read as Sheets would draw it: its ranges merged into one table (columns
// side by side, or rows with MERGE_ROWS), headers found, the first column the domain and the rest
// the series; options with dotted keys ("vAxis.minValue") unfolded into nested objects.
import { fromCell } from '../runtime/spreadsheet/values';
import type { ChartSpec } from '../runtime/spreadsheet/model';
import type { LocalSpreadsheet, TabModel } from '../runtime/spreadsheet/workbook';
import { renderChart } from './chart-svg';

/** Sheets' default size of an embedded chart, in pixels. */
export const DEFAULT_CHART = { width: 600, height: 371 };

export interface ChartData {
  domain: string[];
  series: Array<{ name: string; values: Array<number | null> }>;
}

export interface ChartView {
  chartId: number;
  type: string;
  row: number;
  column: number;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
  options: Record<string, unknown>;
  data: ChartData;
  svg: string;
}

/** { 'vAxis.minValue': 0 } → { vAxis: { minValue: 0 } }, merged with nested objects given as such. */
export function unfoldOptions(options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    const path = key.split('.');
    let node = out;
    for (const part of path.slice(0, -1)) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    const last = path[path.length - 1] as string;
    const prior = node[last];
    node[last] = typeof prior === 'object' && prior && typeof value === 'object' && value ? { ...prior, ...value } : value;
  }
  return out;
}

function table(book: LocalSpreadsheet, spec: ChartSpec<TabModel>): unknown[][] {
  const blocks = spec.sources.map((s) => {
    const rows: unknown[][] = [];
    for (let r = s.rect.row; r < s.rect.row + s.rect.numRows; r++) {
      const line: unknown[] = [];
      for (let c = s.rect.column; c < s.rect.column + s.rect.numColumns; c++) line.push(fromCell(s.tab.worksheet.findRow(r)?.findCell(c)?.value ?? null, book.timeZone));
      rows.push(line);
    }
    return rows;
  });
  let merged: unknown[][];
  if (spec.mergeStrategy === 'MERGE_ROWS') merged = blocks.flat();
  else {
    const height = Math.max(0, ...blocks.map((b) => b.length));
    merged = Array.from({ length: height }, (_, r) => blocks.flatMap((b) => b[r] ?? Array.from({ length: b[0]?.length ?? 0 }, () => '')));
  }
  return spec.transpose ? (merged[0] ?? []).map((_, c) => merged.map((row) => row[c])) : merged;
}

const label = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''));

/** The table as domain and series; a first row of text is the header (numHeaders -1 lets Sheets guess). */
export function chartData(rows: unknown[][], numHeaders: number): ChartData {
  const guess = rows.length > 1 && (rows[0] ?? []).slice(1).every((v) => typeof v === 'string') && (rows[1] ?? []).slice(1).some((v) => typeof v === 'number');
  const headers = numHeaders >= 0 ? numHeaders : guess ? 1 : 0;
  const head = headers > 0 ? rows[headers - 1] ?? [] : [];
  const body = rows.slice(headers);
  const width = Math.max(0, ...rows.map((r) => r.length));
  return {
    domain: body.map((r) => label(r[0])),
    series: Array.from({ length: Math.max(0, width - 1) }, (_, i) => ({
      name: label(head[i + 1]) || `Series ${i + 1}`,
      values: body.map((r) => (typeof r[i + 1] === 'number' ? (r[i + 1] as number) : null)),
    })),
  };
}

export function chartView(book: LocalSpreadsheet, _tab: TabModel, spec: ChartSpec<TabModel>): ChartView {
  const options = unfoldOptions(spec.options);
  const width = typeof options.width === 'number' ? options.width : DEFAULT_CHART.width;
  const height = typeof options.height === 'number' ? options.height : DEFAULT_CHART.height;
  const data = chartData(table(book, spec), spec.numHeaders);
  return {
    chartId: spec.chartId, type: spec.type, row: spec.position.row, column: spec.position.column,
    offsetX: spec.position.offsetX, offsetY: spec.position.offsetY, width, height, options, data,
    svg: renderChart(spec.type, data, options, width, height),
  };
}
