// A tab as a person sees it in Google Sheets, as plain data for the HTML renderer: visible rows and
// columns at their sizes, each cell's displayed text and look (number format, fonts, fills from
// the cell, banding and conditional rules, borders, wrap strategy, checkboxes, sparklines), the
// groups with their controls, and the charts from their recorded specs.
import type ExcelJS from 'exceljs';
import { columnLetters, parseA1 } from '../runtime/spreadsheet/a1';
import { fromArgb } from '../runtime/spreadsheet/colors';
import { collapsedIndexes, groupsOf, isCollapsed } from '../runtime/spreadsheet/groups';
import { cellKey } from '../runtime/spreadsheet/model';
import { DEFAULT_ROW_PX } from '../runtime/spreadsheet/persist';
import { checkboxValues } from '../runtime/spreadsheet/validation';
import { DEFAULT_FORMAT, displayOf, fromCell } from '../runtime/spreadsheet/values';
import type { LocalSpreadsheet, TabModel } from '../runtime/spreadsheet/workbook';
import { chartView, type ChartView } from './chart-data';
import { parseSparkline, type SparklineView } from './sparkline';

/** Sheets' default column width in pixels; an .xlsx width unit is about 7 px. */
export const DEFAULT_COLUMN_PX = 100;
const PX_PER_EXCEL_UNIT = 7;

export type CellKind = 'empty' | 'text' | 'number' | 'date' | 'bool' | 'checkbox' | 'sparkline';

export interface CellView {
  row: number;
  column: number;
  text: string;
  kind: CellKind;
  align: 'left' | 'center' | 'right';
  valign: 'top' | 'middle' | 'bottom';
  bold: boolean;
  italic: boolean;
  color: string;
  sizePt: number;
  fill: string | null;
  wrap: 'WRAP' | 'OVERFLOW' | 'CLIP';
  borders: Partial<Record<'top' | 'right' | 'bottom' | 'left', string>>;
  checked?: boolean;
  sparkline?: SparklineView;
  /** Pixels of empty neighbours the text may run into (OVERFLOW), left and right. */
  room: { left: number; right: number };
  /** The column's header text and the row's label, for the preview's checks. */
  header: string;
  label: string;
  /** A date or time shown as a bare number (a serial number), which no person can read. */
  serial: boolean;
}

export interface GroupBar {
  depth: number;
  start: number;
  end: number;
  collapsed: boolean;
  control: number;
}

export interface TabView {
  name: string;
  tabColor: string | null;
  frozenRows: number;
  frozenColumns: number;
  columns: Array<{ index: number; letter: string; width: number; hiddenBefore: boolean }>;
  rows: Array<{ index: number; height: number | null; hiddenBefore: boolean; cells: CellView[] }>;
  columnGroups: GroupBar[];
  rowGroups: GroupBar[];
  charts: ChartView[];
}

const BORDER_CSS: Record<string, string> = { thin: '1px solid', medium: '2px solid', thick: '3px solid', dotted: '1px dotted', dashed: '1px dashed', double: '3px double' };
const DATE_LABEL = /date|time|week|day|generated|started|finished|update|until|when|last|checked|\bat\b|_at$/i;
const NUMERIC_TEXT = /^-?[\d,]+(\.\d*)?$/;

export function columnWidth(tab: TabModel, column: number): number {
  const w = tab.worksheet.getColumn(column).width;
  return w === undefined ? DEFAULT_COLUMN_PX : Math.round(w * PX_PER_EXCEL_UNIT);
}

/** A date format shows letters d, m, y, h or s outside quotes and brackets. */
const isDateFormat = (fmt: string): boolean => /[dmyhs]/i.test(fmt.replace(/"[^"]*"|\[[^\]]*\]/g, '')) && fmt !== DEFAULT_FORMAT;

function lastUsed(tab: TabModel): { rows: number; columns: number } {
  let rows = 0;
  let columns = 0;
  tab.worksheet.eachRow({ includeEmpty: false }, (row, r) => row.eachCell({ includeEmpty: false }, (cell, c) => {
    if (cell.value === null || cell.value === '') return;
    rows = Math.max(rows, r);
    columns = Math.max(columns, c);
  }));
  return { rows, columns };
}

function conditionalFill(tab: TabModel, row: number, column: number, text: string): string | null {
  const rules = tab.conditionalRules?.map((r) => r.toExcel()) ?? ((tab.worksheet as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings ?? []);
  for (const cf of rules) {
    for (const ref of cf.ref.split(/\s+/)) {
      const rect = parseA1(ref, tab.maxRows, tab.maxColumns);
      if (row < rect.row || row >= rect.row + rect.numRows || column < rect.column || column >= rect.column + rect.numColumns) continue;
      for (const rule of cf.rules) {
        // The form our rule builder writes for whenTextEqualTo: <top-left>="text".
        const m = /^\$?[A-Z]+\$?\d+="((?:[^"]|"")*)"$/.exec(String((rule as { formulae?: unknown[] }).formulae?.[0] ?? ''));
        const fill = (rule.style?.fill as ExcelJS.FillPattern | undefined)?.bgColor?.argb;
        if (m && m[1]!.replace(/""/g, '"') === text && fill) return fromArgb(fill) ?? null;
      }
    }
  }
  return null;
}

function bandingFill(tab: TabModel, row: number, column: number): string | null {
  for (const b of tab.sheets.bandings) {
    const { rect } = b;
    if (row < rect.row || row >= rect.row + rect.numRows || column < rect.column || column >= rect.column + rect.numColumns) continue;
    const [pos, first, last] = b.kind === 'ROWS' ? [row, rect.row, rect.row + rect.numRows - 1] : [column, rect.column, rect.column + rect.numColumns - 1];
    if (b.header && pos === first) return b.header;
    if (b.footer && pos === last) return b.footer;
    const start = b.header ? first + 1 : first;
    return (pos - start) % 2 === 0 ? b.first : b.second;
  }
  return null;
}

function borderCss(border: Partial<ExcelJS.Border> | undefined): string | undefined {
  if (!border?.style) return undefined;
  return `${BORDER_CSS[border.style] ?? '1px solid'} ${fromArgb(border.color?.argb) ?? '#000000'}`;
}

interface Context {
  book: LocalSpreadsheet;
  tab: TabModel;
  headerRow: number;
}

function cellView(ctx: Context, row: number, column: number): CellView {
  const { tab, book } = ctx;
  const cell = tab.worksheet.findRow(row)?.findCell(column);
  const raw = cell?.value ?? null;
  const fmt = cell?.numFmt || DEFAULT_FORMAT;
  const value = fromCell(raw, book.timeZone);
  const formula = raw && typeof raw === 'object' && 'formula' in raw ? `=${String((raw as { formula: string }).formula)}` : null;
  const rule = tab.sheets.validations.get(cellKey(row, column));
  let kind: CellKind = raw === null || raw === '' ? 'empty' : raw instanceof Date ? 'date' : typeof raw === 'number' ? (isDateFormat(fmt) ? 'date' : 'number') : typeof raw === 'boolean' ? 'bool' : 'text';
  let text = kind === 'empty' ? '' : displayOf(raw, fmt);
  let checked: boolean | undefined;
  let sparkline: SparklineView | undefined;
  if (rule?.criteria === 'CHECKBOX') {
    const { checked: on } = checkboxValues(rule);
    kind = 'checkbox';
    checked = value === on || (typeof value !== 'object' && String(value) === String(on));
    text = '';
  } else if (formula && /^=SPARKLINE\(/i.test(formula)) {
    kind = 'sparkline';
    sparkline = parseSparkline(formula, (ref) => rangeValues(book, tab, ref));
    text = '';
  } else if (formula && kind === 'empty') {
    text = '';
  }
  const align = cell?.alignment?.horizontal;
  const header = row > ctx.headerRow ? textAt(tab, ctx.headerRow, column) : '';
  const label = column > 1 ? textAt(tab, row, 1) : '';
  const serial = (raw instanceof Date && NUMERIC_TEXT.test(text)) || (kind === 'number' && typeof raw === 'number' && raw > 20_000 && raw < 80_000 && NUMERIC_TEXT.test(text) && DATE_LABEL.test(`${header} ${label}`));
  return {
    row, column, text, kind, checked, sparkline, serial, header, label,
    align: align === 'left' || align === 'center' || align === 'right' ? align : kind === 'number' || kind === 'date' ? 'right' : kind === 'bool' || kind === 'checkbox' ? 'center' : 'left',
    valign: cell?.alignment?.vertical === 'top' ? 'top' : cell?.alignment?.vertical === 'middle' ? 'middle' : 'bottom',
    bold: !!cell?.font?.bold, italic: !!cell?.font?.italic, color: fromArgb(cell?.font?.color?.argb) ?? '#000000', sizePt: cell?.font?.size ?? 10,
    fill: conditionalFill(tab, row, column, text) ?? fromArgb((cell?.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb) ?? bandingFill(tab, row, column),
    wrap: cell?.alignment?.wrapText ? 'WRAP' : tab.sheets.clipped.has(cellKey(row, column)) ? 'CLIP' : 'OVERFLOW',
    borders: { top: borderCss(cell?.border?.top), right: borderCss(cell?.border?.right), bottom: borderCss(cell?.border?.bottom), left: borderCss(cell?.border?.left) },
    room: { left: 0, right: 0 },
  };
}

function textAt(tab: TabModel, row: number, column: number): string {
  const v = tab.worksheet.findRow(row)?.findCell(column)?.value;
  return typeof v === 'string' ? v : '';
}

/** Values of an A1 range ("B2:H2" or "'Tab'!B2:H2") for charts and sparklines. */
export function rangeValues(book: LocalSpreadsheet, tab: TabModel, ref: string): unknown[][] {
  const bang = ref.lastIndexOf('!');
  const name = bang < 0 ? null : ref.slice(0, bang).replace(/^'|'$/g, '').replace(/''/g, "'");
  const source = name === null ? tab : book.tabByName(name) ?? tab;
  const rect = parseA1(bang < 0 ? ref : ref.slice(bang + 1), source.maxRows, source.maxColumns);
  const out: unknown[][] = [];
  for (let r = rect.row; r < rect.row + rect.numRows; r++) {
    const line: unknown[] = [];
    for (let c = rect.column; c < rect.column + rect.numColumns; c++) line.push(fromCell(source.worksheet.findRow(r)?.findCell(c)?.value ?? null, book.timeZone));
    out.push(line);
  }
  return out;
}

/** Room for OVERFLOW text: the empty cells beside it in its run direction. */
function giveRoom(cells: CellView[], widths: number[]): void {
  cells.forEach((cell, i) => {
    if (cell.kind !== 'text' || cell.wrap !== 'OVERFLOW') return;
    const free = (step: number): number => {
      let px = 0;
      for (let j = i + step; j >= 0 && j < cells.length && cells[j]!.kind === 'empty'; j += step) px += widths[j]!;
      return px;
    };
    if (cell.align === 'left') cell.room.right = free(1);
    else if (cell.align === 'right') cell.room.left = free(-1);
    else cell.room = { left: free(-1), right: free(1) };
  });
}

const bars = (tab: TabModel, dim: TabModel['sheets']['rows']): GroupBar[] => groupsOf(dim).map((g) => ({ ...g, collapsed: isCollapsed(dim, g), control: dim.controlAfter ? g.end + 1 : g.start - 1 }));

/** The visible tab, rows and columns as far as content, charts and a little margin reach. */
export function tabView(book: LocalSpreadsheet, tab: TabModel): TabView {
  const ws = tab.worksheet;
  const view = (ws.views ?? [])[0] as { state?: string; ySplit?: number; xSplit?: number } | undefined;
  const frozenRows = view?.state === 'frozen' ? view.ySplit ?? 0 : 0;
  const frozenColumns = view?.state === 'frozen' ? view.xSplit ?? 0 : 0;
  const used = lastUsed(tab);
  const charts = tab.sheets.charts.map((c) => chartView(book, tab, c));
  const chartRows = Math.max(0, ...charts.map((c) => c.row + Math.ceil((c.offsetY + c.height) / DEFAULT_ROW_PX)));
  const chartCols = Math.max(0, ...charts.map((c) => c.column + Math.ceil((c.offsetX + c.width) / DEFAULT_COLUMN_PX)));
  const nRows = Math.min(tab.maxRows, Math.max(used.rows + 5, chartRows + 1, 30));
  const nCols = Math.min(tab.maxColumns, Math.max(used.columns + 2, chartCols, 10));
  const hiddenCols = new Set([...tab.sheets.columns.hidden, ...collapsedIndexes(tab.sheets.columns)]);
  const hiddenRows = new Set([...tab.sheets.rows.hidden, ...collapsedIndexes(tab.sheets.rows)]);
  const colIdx = Array.from({ length: nCols }, (_, i) => i + 1).filter((c) => !hiddenCols.has(c));
  const columns = colIdx.map((index) => ({ index, letter: columnLetters(index), width: columnWidth(tab, index), hiddenBefore: hiddenCols.has(index - 1) }));
  const ctx: Context = { book, tab, headerRow: Math.max(1, frozenRows) };
  const rows = Array.from({ length: nRows }, (_, i) => i + 1).filter((r) => !hiddenRows.has(r)).map((index) => {
    const cells = colIdx.map((c) => cellView(ctx, index, c));
    giveRoom(cells, columns.map((c) => c.width));
    return { index, height: tab.sheets.rowHeights.get(index) ?? null, hiddenBefore: hiddenRows.has(index - 1), cells };
  });
  return {
    name: tab.name, tabColor: fromArgb((ws.properties as { tabColor?: { argb?: string } }).tabColor?.argb) ?? null,
    frozenRows, frozenColumns, columns, rows, charts,
    columnGroups: bars(tab, tab.sheets.columns), rowGroups: bars(tab, tab.sheets.rows),
  };
}
