// The Sheets model of a tab in a saved .xlsx. What the file format holds is written into it, so
// LibreOffice or Excel show it: group depth as outline levels, hidden and collapsed rows and
// columns as hidden, row heights, checkboxes and lists as list validation. The model itself (what
// a file cannot say: collapsed groups, hidden-by-user, checkbox rules, CLIP, protections, banding,
// charts) is kept as JSON rows of the very hidden metadata tab and read back from there.
import type ExcelJS from 'exceljs';
import { parseA1, toA1, type GridRect } from './a1';
import { collapsedIndexes, groupsOf } from './groups';
import { cellKey, emptyDimension, parseCellKey, type BandingSpec, type ChartSpec, type DimensionModel, type ProtectionSpec, type ValidationSpec } from './model';
import type { TabModel } from './workbook';

/** Marks a metadata-tab row as part of the Sheets model (fourth column). */
export const SHEETS_KIND = 'sheets';
/** Sheets measures rows in pixels, an .xlsx in points. */
const PT_PER_PX = 0.75;
/** Sheets' default row height in pixels. */
export const DEFAULT_ROW_PX = 21;

export interface ModelRow {
  key: string;
  json: string;
}

/** Cells (row:column keys) as rectangles: runs of consecutive rows in one column. */
export function cellsToRects(keys: Iterable<string>): GridRect[] {
  const cells = [...keys].map(parseCellKey).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const out: GridRect[] = [];
  for (const [row, column] of cells) {
    const last = out[out.length - 1];
    if (last && last.column === column && last.row + last.numRows === row) last.numRows++;
    else out.push({ row, column, numRows: 1, numColumns: 1 });
  }
  return out;
}

function rectCells(rect: GridRect): string[] {
  const out: string[] = [];
  for (let r = rect.row; r < rect.row + rect.numRows; r++) for (let c = rect.column; c < rect.column + rect.numColumns; c++) out.push(cellKey(r, c));
  return out;
}

const a1s = (rects: GridRect[]): string[] => rects.map(toA1);
const fromA1s = (refs: string[]): GridRect[] => refs.map((ref) => parseA1(ref, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
const dimJson = (d: DimensionModel) => ({ depth: [...d.depth], collapsed: [...d.collapsed], hidden: [...d.hidden], controlAfter: d.controlAfter });

/** The tab's model as metadata rows (key, JSON); nothing for a tab that has none of it. */
export function modelRows(tab: TabModel, fileName: (t: TabModel) => string): ModelRow[] {
  const m = tab.sheets;
  const rows: ModelRow[] = [];
  const push = (key: string, value: unknown) => rows.push({ key, json: JSON.stringify(value) });
  const dims = [m.rows, m.columns].some((d) => d.depth.size + d.hidden.size > 0 || !d.controlAfter);
  if (dims || m.rowHeights.size > 0) push('dimensions', { rows: dimJson(m.rows), columns: dimJson(m.columns), rowHeights: [...m.rowHeights] });
  const byRule = new Map<string, string[]>();
  for (const [key, spec] of m.validations) byRule.set(JSON.stringify(spec), [...(byRule.get(JSON.stringify(spec)) ?? []), key]);
  for (const [spec, keys] of byRule) push('validation', { spec: JSON.parse(spec) as unknown, ranges: a1s(cellsToRects(keys)) });
  if (m.clipped.size > 0) push('clip', { ranges: a1s(cellsToRects(m.clipped)) });
  for (const p of m.protections) push('protection', { ...p, rect: p.rect && toA1(p.rect), unprotected: a1s(p.unprotected) });
  for (const b of m.bandings) push('banding', { ...b, rect: toA1(b.rect) });
  for (const c of m.charts) push('chart', { ...c, sources: c.sources.map((s) => ({ tab: fileName(s.tab), range: toA1(s.rect) })) });
  return rows;
}

const dimFrom = (j: ReturnType<typeof dimJson>): DimensionModel => ({ depth: new Map(j.depth), collapsed: new Set(j.collapsed), hidden: new Set(j.hidden), controlAfter: j.controlAfter });

type Json = Record<string, unknown>;

/** Reads the rows modelRows wrote back into the tab's model. */
export function applyModelRows(tab: TabModel, rows: readonly ModelRow[], tabByFile: (name: string) => TabModel | undefined): void {
  const m = tab.sheets;
  for (const { key, json } of rows) {
    const v = JSON.parse(json) as Json;
    if (key === 'dimensions') {
      m.rows = dimFrom(v.rows as ReturnType<typeof dimJson>);
      m.columns = dimFrom(v.columns as ReturnType<typeof dimJson>);
      m.rowHeights = new Map(v.rowHeights as Array<[number, number]>);
    } else if (key === 'validation') {
      for (const rect of fromA1s(v.ranges as string[])) for (const cell of rectCells(rect)) m.validations.set(cell, v.spec as ValidationSpec);
    } else if (key === 'clip') {
      for (const rect of fromA1s(v.ranges as string[])) for (const cell of rectCells(rect)) m.clipped.add(cell);
    } else if (key === 'protection') {
      m.protections.push({ ...(v as unknown as ProtectionSpec), rect: v.rect ? fromA1s([v.rect as string])[0] ?? null : null, unprotected: fromA1s(v.unprotected as string[]) });
    } else if (key === 'banding') {
      m.bandings.push({ ...(v as unknown as BandingSpec), rect: fromA1s([v.rect as string])[0] as GridRect });
    } else if (key === 'chart') {
      const sources = (v.sources as Array<{ tab: string; range: string }>).flatMap((s) => {
        const source = tabByFile(s.tab);
        return source ? [{ tab: source, rect: fromA1s([s.range])[0] as GridRect }] : [];
      });
      m.charts.push({ ...(v as unknown as ChartSpec<TabModel>), sources });
    }
  }
}

/** A file with no model rows (made elsewhere): outline levels, hidden rows and columns, list validation. */
export function modelFromXlsx(tab: TabModel): void {
  const ws = tab.worksheet;
  const rows = emptyDimension();
  const columns = emptyDimension();
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    if (row.outlineLevel) rows.depth.set(n, row.outlineLevel);
    if (row.hidden) rows.hidden.add(n);
  });
  (ws.columns ?? []).forEach((col, i) => {
    if (col.outlineLevel && col.outlineLevel > 0) columns.depth.set(i + 1, col.outlineLevel);
    if (col.hidden) columns.hidden.add(i + 1);
  });
  tab.sheets.rows = rows;
  tab.sheets.columns = columns;
  const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model;
  for (const [address, dv] of Object.entries(model)) {
    if (!dv || dv.type !== 'list' || !dv.formulae?.[0]) continue;
    const values = String(dv.formulae[0]).replace(/^"|"$/g, '').split(',');
    const spec: ValidationSpec = { criteria: 'VALUE_IN_LIST', values, allowInvalid: !dv.showErrorMessage, helpText: dv.prompt ?? null, showDropdown: true };
    for (const rect of fromA1s(address.split(/\s+/))) for (const cell of rectCells(rect)) tab.sheets.validations.set(cell, spec);
  }
}

function xlsxValidation(spec: ValidationSpec): ExcelJS.DataValidation {
  const values = spec.criteria === 'CHECKBOX' && spec.values.length === 0 ? ['TRUE', 'FALSE'] : spec.values.map(String);
  return {
    type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`], showErrorMessage: !spec.allowInvalid,
    ...(spec.helpText ? { showInputMessage: true, prompt: spec.helpText } : {}),
  };
}

function projectDimension(dim: DimensionModel, each: (fn: (n: number, hidden: boolean, level: number) => void) => void, apply: (n: number, hidden: boolean, level: number) => void): number {
  each((n) => apply(n, false, 0));
  const collapsed = collapsedIndexes(dim);
  const indexes = new Set([...dim.depth.keys(), ...dim.hidden, ...collapsed]);
  for (const n of indexes) apply(n, dim.hidden.has(n) || collapsed.has(n), dim.depth.get(n) ?? 0);
  return Math.max(0, ...groupsOf(dim).map((g) => g.depth));
}

/** Writes what the .xlsx format can hold of the model into the worksheet, before a save. */
export function projectToXlsx(tab: TabModel): void {
  const ws = tab.worksheet;
  const m = tab.sheets;
  const rowLevel = projectDimension(m.rows, (fn) => ws.eachRow({ includeEmpty: true }, (_r, n) => fn(n, false, 0)), (n, hidden, level) => {
    const row = ws.getRow(n);
    row.hidden = hidden;
    row.outlineLevel = level;
    // exceljs leaves out a row with no cell and no height: give it Sheets' default height.
    if ((hidden || level > 0) && !row.height) row.height = DEFAULT_ROW_PX * PT_PER_PX;
  });
  const colLevel = projectDimension(m.columns, (fn) => (ws.columns ?? []).forEach((_c, i) => fn(i + 1, false, 0)), (n, hidden, level) => {
    const col = ws.getColumn(n);
    col.hidden = hidden;
    col.outlineLevel = level;
  });
  for (const [n, px] of m.rowHeights) ws.getRow(n).height = px * PT_PER_PX;
  ws.properties.outlineLevelRow = rowLevel;
  ws.properties.outlineLevelCol = colLevel;
  (ws.properties as { outlineProperties?: unknown }).outlineProperties = { summaryBelow: m.rows.controlAfter, summaryRight: m.columns.controlAfter };
  const validations = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations;
  validations.model = {};
  for (const [key, spec] of m.validations) {
    const [r, c] = parseCellKey(key);
    ws.getCell(r, c).dataValidation = xlsxValidation(spec);
  }
}
