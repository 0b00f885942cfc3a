// The workbook behind SpreadsheetApp: a real .xlsx file, loaded once before a run (exceljs reads
// asynchronously, Apps Script is synchronous), edited synchronously in memory, saved after.
import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { ConditionalFormatRule } from './conditional';
import { newMetadataId, type MetadataEntry } from './metadata';
import { copyModel, emptyModel, type SheetsModel } from './model';
import { applyModelRows, modelFromXlsx, modelRows, projectToXlsx, SHEETS_KIND, type ModelRow } from './persist';
import { ServiceError } from '../errors';

/** Sheets' defaults for a new tab. */
export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_MAX_COLUMNS = 26;
/** Sheets' limit on a spreadsheet: the grids of all its tabs together, rows × columns. */
export const MAX_CELLS = 10_000_000;

/** What Sheets keeps about a tab that an .xlsx file does not (grid size, rule objects). */
export interface TabModel {
  readonly worksheet: ExcelJS.Worksheet;
  /**
   * The tab's name as Sheets has it (up to 100 characters, any text). An .xlsx sheet name is at
   * most 31 characters without []*?:/\\, so the worksheet carries a file-safe alias (fileName).
   */
  name: string;
  maxRows: number;
  maxColumns: number;
  /** null until set in this session: rules already in the file are kept as they are on save. */
  conditionalRules: ConditionalFormatRule[] | null;
  /** Developer metadata on the tab (an .xlsx has no place for it: kept in a very hidden tab on save). */
  metadata: MetadataEntry[];
  /** Groups, hidden rows and columns, validation, protections, banding, charts (see model.ts). */
  sheets: SheetsModel<TabModel>;
}

/** The very hidden tab that carries every tab's developer metadata (and Sheets name) in the saved file. */
export const METADATA_TAB = '__developer_metadata__';
/** The hidden tab's key for a tab's Sheets name. */
const NAME_KEY = '';
/** Sheets' longest tab name. */
export const MAX_TAB_NAME = 100;

export interface LocalSpreadsheetOptions {
  /** The spreadsheet's time zone (Spreadsheet.getSpreadsheetTimeZone); default America/Los_Angeles. */
  timeZone?: string;
  /** Title shown by getName(); default the file name without extension. */
  name?: string;
}

export class LocalSpreadsheet {
  private readonly tabs = new Map<ExcelJS.Worksheet, TabModel>();
  /** The tab the user "looks at"; getActiveSheet() returns it. */
  activeSheetId: number | undefined;
  readonly id: string;
  name: string;
  readonly timeZone: string;
  /** Ids of protections, bandings and charts: unique across the spreadsheet. */
  private lastObjectId = 0;

  private constructor(
    readonly path: string,
    readonly workbook: ExcelJS.Workbook,
    options: LocalSpreadsheetOptions,
  ) {
    this.name = options.name ?? basename(path, extname(path));
    this.timeZone = options.timeZone ?? 'America/Los_Angeles';
    // A stable id of the Sheets shape (44 url-safe characters), derived from the file path.
    this.id = createHash('sha256').update(path).digest('base64url').slice(0, 44);
    const stored = workbook.worksheets.find((ws) => ws.name === METADATA_TAB);
    if (stored) {
      readMetadata(stored, (name) => workbook.worksheets.find((ws) => ws.name === name));
      workbook.removeWorksheet(stored.id);
    }
    for (const ws of workbook.worksheets) this.track(ws);
    for (const tab of this.tabList()) this.loadModel(tab);
    if (this.tabList().length === 0) this.addTab('Sheet1');
    this.activeSheetId = this.tabList()[0]?.worksheet.id;
  }

  /** Loads `path`, or starts a new workbook with one empty "Sheet1" when the file is missing. */
  static async open(path: string, options: LocalSpreadsheetOptions = {}): Promise<LocalSpreadsheet> {
    const wb = new ExcelJS.Workbook();
    if (existsSync(path)) await wb.xlsx.readFile(path);
    return new LocalSpreadsheet(path, wb, options);
  }

  /** A workbook in memory only (one empty "Sheet1"); save(path) writes it when wanted. */
  static create(path = 'Untitled.xlsx', options: LocalSpreadsheetOptions = {}): LocalSpreadsheet {
    return new LocalSpreadsheet(path, new ExcelJS.Workbook(), options);
  }

  /** A new id for a protection, banding or chart. */
  nextObjectId(): number {
    return ++this.lastObjectId;
  }

  /**
   * Writes the workbook to disk: values, formats, frozen rows, widths, conditional formats, groups
   * and hidden rows (as outline levels), list validation; the rest of the Sheets model goes to the
   * very hidden metadata tab.
   */
  async save(path = this.path): Promise<void> {
    for (const tab of this.tabList()) {
      projectToXlsx(tab);
      if (!tab.conditionalRules) continue;
      // exceljs keeps rules on an untyped field; replace them with this session's rules.
      (tab.worksheet as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings = [];
      for (const rule of tab.conditionalRules) tab.worksheet.addConditionalFormatting(rule.toExcel());
    }
    const stored = writeMetadata(this.workbook, this.tabList());
    try {
      await this.workbook.xlsx.writeFile(path);
    } finally {
      if (stored) this.workbook.removeWorksheet(stored.id);
    }
  }

  /** Tabs in display order. */
  tabList(): TabModel[] {
    return this.workbook.worksheets.map((ws) => this.track(ws));
  }

  tabByName(name: string): TabModel | undefined {
    return this.tabList().find((t) => t.name === name);
  }

  tabById(id: number): TabModel | undefined {
    return this.tabList().find((t) => t.worksheet.id === id);
  }

  /** Every tab's grid, rows × columns. */
  cellCount(): number {
    return this.tabList().reduce((n, t) => n + t.maxRows * t.maxColumns, 0);
  }

  /** Sheets refuses to grow the grids past MAX_CELLS, with this message. */
  checkGrowth(extraCells: number): void {
    if (extraCells > 0 && this.cellCount() + extraCells > MAX_CELLS) {
      throw new ServiceError(`This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`);
    }
  }

  /**
   * A new tab at `index` (default last). With a template, everything of the template is copied, as
   * Sheets does: values, formats, frozen rows, column widths, conditional format rules, grid size.
   */
  addTab(name: string, index?: number, template?: TabModel): TabModel {
    this.checkGrowth(template ? template.maxRows * template.maxColumns : DEFAULT_MAX_ROWS * DEFAULT_MAX_COLUMNS);
    const ws = this.workbook.addWorksheet(this.fileName(name));
    const tab = this.track(ws);
    tab.name = name;
    if (template) {
      copyTab(template, tab);
      tab.sheets = copyModel(template.sheets, template, tab, () => this.nextObjectId());
    }
    this.moveTab(tab, index);
    return tab;
  }

  /** Puts a tab at a 0-based position (default last). */
  moveTab(tab: TabModel, index?: number): void {
    const order = this.tabList().filter((t) => t !== tab);
    order.splice(index === undefined ? order.length : Math.max(0, Math.min(index, order.length)), 0, tab);
    // exceljs orders tabs by an untyped orderNo field, on screen and in the saved file.
    order.forEach((t, i) => ((t.worksheet as unknown as { orderNo: number }).orderNo = i));
  }

  /** Renames a tab (the caller has checked Sheets' rules); the file alias follows. */
  renameTab(tab: TabModel, name: string): void {
    tab.name = name;
    tab.worksheet.name = this.fileName(name, tab.worksheet);
  }

  /** A worksheet name an .xlsx accepts and no other tab uses: the name itself when it can be. */
  private fileName(name: string, own?: ExcelJS.Worksheet): string {
    const taken = (n: string) => this.workbook.worksheets.some((ws) => ws !== own && ws.name.toLowerCase() === n.toLowerCase());
    const safe = name.replace(/[[\]*?:/\\]/g, '_').replace(/^'+|'+$/g, '_');
    if (safe.length <= 31 && safe.toLowerCase() !== 'history' && safe !== METADATA_TAB && !taken(safe)) return safe;
    for (let n = 1; ; n++) {
      const alias = `${safe.slice(0, 31 - String(n).length - 1)}~${n}`;
      if (!taken(alias)) return alias;
    }
  }

  removeTab(tab: TabModel): void {
    this.workbook.removeWorksheet(tab.worksheet.id);
    this.tabs.delete(tab.worksheet);
    if (this.activeSheetId === tab.worksheet.id) this.activeSheetId = this.tabList()[0]?.worksheet.id;
  }

  private track(ws: ExcelJS.Worksheet): TabModel {
    let tab = this.tabs.get(ws);
    if (!tab) {
      tab = {
        worksheet: ws,
        name: pendingNames.get(ws) ?? ws.name,
        maxRows: Math.max(DEFAULT_MAX_ROWS, ws.rowCount),
        maxColumns: Math.max(DEFAULT_MAX_COLUMNS, ws.columnCount),
        conditionalRules: null,
        metadata: pendingMetadata.get(ws) ?? [],
        sheets: emptyModel(),
      };
      pendingMetadata.delete(ws);
      this.tabs.set(ws, tab);
    }
    return tab;
  }

  /** The Sheets model of a tab read from a file: from the metadata tab, else from what the xlsx holds. */
  private loadModel(tab: TabModel): void {
    const rows = pendingSheets.get(tab.worksheet);
    if (rows) applyModelRows(tab, rows, (file) => this.tabList().find((t) => t.worksheet.name === file));
    else modelFromXlsx(tab);
    const ids = [...tab.sheets.protections, ...tab.sheets.bandings].map((x) => x.id).concat(tab.sheets.charts.map((c) => c.chartId));
    this.lastObjectId = Math.max(this.lastObjectId, ...ids);
  }
}

/** Copies a tab's contents and layout into a new, empty one. */
function copyTab(from: TabModel, to: TabModel): void {
  const src = from.worksheet;
  const dst = to.worksheet;
  src.eachRow({ includeEmpty: true }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const target = dst.getCell(r, c);
      target.value = cell.value;
      target.style = structuredClone(cell.style);
    });
  });
  (src.columns ?? []).forEach((column, i) => {
    if (column.width !== undefined) dst.getColumn(i + 1).width = column.width;
  });
  dst.properties.tabColor = structuredClone(src.properties.tabColor);
  dst.views = structuredClone(src.views);
  to.metadata = from.metadata.map((m) => ({ ...m, id: newMetadataId() }));
  to.maxRows = from.maxRows;
  to.maxColumns = from.maxColumns;
  if (from.conditionalRules) {
    to.conditionalRules = [...from.conditionalRules];
  } else {
    // Rules read from the file: exceljs keeps them on an untyped field.
    const raw = (src as unknown as { conditionalFormattings?: unknown[] }).conditionalFormattings ?? [];
    (dst as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings = structuredClone(raw);
  }
}

/** Metadata and Sheets names read from a file before its tabs are tracked. */
const pendingMetadata = new WeakMap<ExcelJS.Worksheet, MetadataEntry[]>();
const pendingNames = new WeakMap<ExcelJS.Worksheet, string>();
const pendingSheets = new WeakMap<ExcelJS.Worksheet, ModelRow[]>();

function readMetadata(stored: ExcelJS.Worksheet, tabNamed: (name: string) => ExcelJS.Worksheet | undefined): void {
  stored.eachRow((row) => {
    const [tab, key, value, kind] = [1, 2, 3, 4].map((c) => row.getCell(c).value);
    const ws = tabNamed(String(tab ?? ''));
    if (!ws) return;
    if (kind === SHEETS_KIND) {
      pendingSheets.set(ws, [...(pendingSheets.get(ws) ?? []), { key: String(key), json: String(value) }]);
      return;
    }
    if ((key ?? NAME_KEY) === NAME_KEY) {
      pendingNames.set(ws, String(value ?? ws.name));
      return;
    }
    if (typeof key !== 'string') return;
    const list = pendingMetadata.get(ws) ?? [];
    list.push({ id: newMetadataId(), key, value: value === null || value === undefined ? null : String(value) });
    pendingMetadata.set(ws, list);
  });
}

function writeMetadata(workbook: ExcelJS.Workbook, tabs: readonly TabModel[]): ExcelJS.Worksheet | null {
  const rows = tabs.flatMap((t) => [
    ...(t.name !== t.worksheet.name ? [[t.worksheet.name, NAME_KEY, t.name]] : []),
    ...t.metadata.map((m) => [t.worksheet.name, m.key, m.value]),
    ...modelRows(t, (other) => other.worksheet.name).map((r) => [t.worksheet.name, r.key, r.json, SHEETS_KIND]),
  ]);
  if (rows.length === 0) return null;
  const ws = workbook.addWorksheet(METADATA_TAB, { state: 'veryHidden' });
  ws.addRows(rows);
  return ws;
}
