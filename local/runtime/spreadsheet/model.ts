// What Sheets keeps about a tab beyond cells and styles: groups, hidden rows and columns, data
// validation, wrap strategies, protections, banding and charts. An .xlsx file holds some of it
// (outline levels, hidden, list validation): persist.ts projects those into the file and keeps
// the rest in the very hidden metadata tab. Row and column inserts and deletes move all of it,
// as Sheets moves everything anchored to a cell.
import type { GridRect } from './a1';

export type Axis = 'row' | 'column';

/** One axis of a tab: group depth per index, collapsed groups, hidden indexes. */
export interface DimensionModel {
  /** Group depth of each 1-based index that is in a group (absent = 0). */
  depth: Map<number, number>;
  /** Collapsed groups, keyed by groupKey(). */
  collapsed: Set<string>;
  /** Indexes hidden with hideRows/hideColumns. */
  hidden: Set<number>;
  /** The +/- control sits after the group (Sheets' default) or before it. */
  controlAfter: boolean;
}

export interface ValidationSpec {
  criteria: 'CHECKBOX' | 'VALUE_IN_LIST';
  values: Array<string | number | boolean>;
  allowInvalid: boolean;
  helpText: string | null;
  /** VALUE_IN_LIST only: show the dropdown. */
  showDropdown?: boolean;
}

export interface ProtectionSpec {
  id: number;
  kind: 'RANGE' | 'SHEET';
  /** The protected range (RANGE) or null for the whole tab (SHEET). */
  rect: GridRect | null;
  description: string;
  warningOnly: boolean;
  /** SHEET only: ranges left editable. */
  unprotected: GridRect[];
}

export interface BandingSpec {
  id: number;
  kind: 'ROWS' | 'COLUMNS';
  rect: GridRect;
  header: string | null;
  first: string;
  second: string;
  footer: string | null;
}

/** A chart's source range: the tab it reads (by model) and where. */
export interface ChartSource<T> {
  tab: T;
  rect: GridRect;
}

export interface ChartSpec<T> {
  chartId: number;
  type: string;
  sources: Array<ChartSource<T>>;
  position: { row: number; column: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
  hiddenDimensionStrategy: string;
  mergeStrategy: string;
  numHeaders: number;
  transpose: boolean;
}

export interface SheetsModel<T> {
  rows: DimensionModel;
  columns: DimensionModel;
  /** Data validation per cell, keyed by cellKey(). */
  validations: Map<string, ValidationSpec>;
  /** Cells whose wrap strategy is CLIP (WRAP is the xlsx wrapText; OVERFLOW is the default). */
  clipped: Set<string>;
  protections: ProtectionSpec[];
  bandings: BandingSpec[];
  charts: Array<ChartSpec<T>>;
  /** Row heights set with setRowHeight, in pixels. */
  rowHeights: Map<number, number>;
}

export const cellKey = (row: number, column: number): string => `${row}:${column}`;
export const parseCellKey = (key: string): [number, number] => key.split(':').map(Number) as [number, number];
export const groupKey = (depth: number, start: number, end: number): string => `${depth}:${start}:${end}`;

export function emptyDimension(): DimensionModel {
  return { depth: new Map(), collapsed: new Set(), hidden: new Set(), controlAfter: true };
}

export function emptyModel<T>(): SheetsModel<T> {
  return {
    rows: emptyDimension(), columns: emptyDimension(), validations: new Map(), clipped: new Set(),
    protections: [], bandings: [], charts: [], rowHeights: new Map(),
  };
}

/**
 * An index after `count` indexes are inserted at `at` (count > 0) or `-count` are deleted from
 * `at` (count < 0); null when the index itself is deleted.
 */
export function moveIndex(index: number, at: number, count: number): number | null {
  if (index < at) return index;
  if (count < 0 && index < at - count) return null;
  return index + count;
}

/** A rect after the same change along one axis; null when all of it is deleted. */
export function moveRect(rect: GridRect, axis: Axis, at: number, count: number): GridRect | null {
  const start = axis === 'row' ? rect.row : rect.column;
  const size = axis === 'row' ? rect.numRows : rect.numColumns;
  let first = start;
  let last = start + size - 1;
  if (count > 0) {
    if (at <= first) first += count;
    if (at <= last) last += count;
  } else {
    const gone = -count;
    const cut = (i: number): number => (i < at ? i : i >= at + gone ? i - gone : at);
    first = cut(first);
    last = last >= at + gone ? last - gone : Math.min(last, at - 1);
    if (last < first) return null;
  }
  return axis === 'row' ? { ...rect, row: first, numRows: last - first + 1 } : { ...rect, column: first, numColumns: last - first + 1 };
}

function moveKeys<V>(map: Map<number, V>, at: number, count: number): Map<number, V> {
  const out = new Map<number, V>();
  for (const [i, v] of map) {
    const j = moveIndex(i, at, count);
    if (j !== null) out.set(j, v);
  }
  return out;
}

function moveCells<V>(keys: Iterable<[string, V]>, axis: Axis, at: number, count: number): Array<[string, V]> {
  const out: Array<[string, V]> = [];
  for (const [key, v] of keys) {
    const [r, c] = parseCellKey(key);
    const j = moveIndex(axis === 'row' ? r : c, at, count);
    if (j !== null) out.push([axis === 'row' ? cellKey(j, c) : cellKey(r, j), v]);
  }
  return out;
}

/** Moves everything of the model anchored on `axis` for an insert (count > 0) or delete (count < 0) at `at`. */
export function moveModel<T>(model: SheetsModel<T>, axis: Axis, at: number, count: number, self: T): void {
  const dim = axis === 'row' ? model.rows : model.columns;
  dim.depth = moveKeys(dim.depth, at, count);
  dim.hidden = new Set(moveKeys(new Map([...dim.hidden].map((i) => [i, true])), at, count).keys());
  dim.collapsed = new Set([...dim.collapsed].flatMap((key) => {
    const [d, s, e] = key.split(':').map(Number) as [number, number, number];
    const rect = moveRect({ row: s, column: s, numRows: e - s + 1, numColumns: e - s + 1 }, 'row', at, count);
    return rect ? [groupKey(d, rect.row, rect.row + rect.numRows - 1)] : [];
  }));
  if (axis === 'row') model.rowHeights = moveKeys(model.rowHeights, at, count);
  model.validations = new Map(moveCells(model.validations, axis, at, count));
  model.clipped = new Set(moveCells([...model.clipped].map((k) => [k, true] as [string, boolean]), axis, at, count).map(([k]) => k));
  model.protections = model.protections.flatMap((p) => {
    if (!p.rect) return [{ ...p, unprotected: p.unprotected.flatMap((u) => moveRect(u, axis, at, count) ?? []) }];
    const rect = moveRect(p.rect, axis, at, count);
    return rect ? [{ ...p, rect }] : [];
  });
  model.bandings = model.bandings.flatMap((b) => {
    const rect = moveRect(b.rect, axis, at, count);
    return rect ? [{ ...b, rect }] : [];
  });
  for (const chart of model.charts) {
    const anchor = axis === 'row' ? chart.position.row : chart.position.column;
    const moved = moveIndex(anchor, at, count) ?? Math.max(1, at);
    if (axis === 'row') chart.position.row = moved;
    else chart.position.column = moved;
    chart.sources = chart.sources.flatMap((s) => {
      if (s.tab !== self) return [s];
      const rect = moveRect(s.rect, axis, at, count);
      return rect ? [{ ...s, rect }] : [];
    });
  }
}

/** A deep copy for a duplicated tab (protections are not carried: Sheets leaves a copy unprotected). */
export function copyModel<T>(from: SheetsModel<T>, self: T, copy: T, newId: () => number): SheetsModel<T> {
  const dim = (d: DimensionModel): DimensionModel => ({ depth: new Map(d.depth), collapsed: new Set(d.collapsed), hidden: new Set(d.hidden), controlAfter: d.controlAfter });
  return {
    rows: dim(from.rows), columns: dim(from.columns),
    validations: new Map([...from.validations].map(([k, v]) => [k, { ...v, values: [...v.values] }])),
    clipped: new Set(from.clipped), protections: [], rowHeights: new Map(from.rowHeights),
    bandings: from.bandings.map((b) => ({ ...b, id: newId(), rect: { ...b.rect } })),
    charts: from.charts.map((c) => ({
      ...structuredClone({ ...c, sources: [] }), chartId: newId(),
      sources: c.sources.map((s) => ({ tab: s.tab === self ? copy : s.tab, rect: { ...s.rect } })),
    })),
  };
}
