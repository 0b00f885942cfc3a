// Row and column groups: a group at depth d is a run of consecutive rows (or columns) whose group
// depth is at least d. Collapsing one hides its rows; its +/- control sits after it by default.
// https://developers.google.com/apps-script/reference/spreadsheet/group
// https://developers.google.com/apps-script/reference/spreadsheet/range#shiftRowGroupDepth(Integer)
// https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRowGroup(Integer,Integer)
import { groupKey, type DimensionModel } from './model';

/** "This has no effect when decreasing the group depth below zero or above eight." */
export const MAX_GROUP_DEPTH = 8;

export const GroupControlTogglePosition = { BEFORE: 'BEFORE', AFTER: 'AFTER' } as const;

export interface GroupSpan {
  depth: number;
  start: number;
  end: number;
}

/** Every group of one axis, shallow first, in index order. */
export function groupsOf(dim: DimensionModel): GroupSpan[] {
  const indexes = [...dim.depth.keys()].sort((a, b) => a - b);
  const deepest = Math.max(0, ...dim.depth.values());
  const out: GroupSpan[] = [];
  for (let depth = 1; depth <= deepest; depth++) {
    let open: GroupSpan | null = null;
    for (const i of indexes) {
      if ((dim.depth.get(i) ?? 0) < depth) continue;
      if (open && open.end === i - 1) open.end = i;
      else {
        open = { depth, start: i, end: i };
        out.push(open);
      }
    }
  }
  return out;
}

export function groupAt(dim: DimensionModel, index: number, depth: number): GroupSpan | null {
  return groupsOf(dim).find((g) => g.depth === depth && g.start <= index && index <= g.end) ?? null;
}

export const isCollapsed = (dim: DimensionModel, g: GroupSpan): boolean => dim.collapsed.has(groupKey(g.depth, g.start, g.end));

/** Indexes hidden because a group holding them is collapsed. */
export function collapsedIndexes(dim: DimensionModel): Set<number> {
  const out = new Set<number>();
  for (const g of groupsOf(dim)) if (isCollapsed(dim, g)) for (let i = g.start; i <= g.end; i++) out.add(i);
  return out;
}

/** Drops collapsed marks of groups that no longer exist (a group whose span changed comes back expanded). */
function prune(dim: DimensionModel): void {
  const live = new Set(groupsOf(dim).map((g) => groupKey(g.depth, g.start, g.end)));
  for (const key of [...dim.collapsed]) if (!live.has(key)) dim.collapsed.delete(key);
}

export function shiftDepth(dim: DimensionModel, start: number, count: number, delta: number): void {
  for (let i = start; i < start + count; i++) {
    const depth = Math.max(0, Math.min(MAX_GROUP_DEPTH, (dim.depth.get(i) ?? 0) + delta));
    if (depth === 0) dim.depth.delete(i);
    else dim.depth.set(i, depth);
  }
  prune(dim);
}

export function setCollapsed(dim: DimensionModel, g: GroupSpan, collapsed: boolean): void {
  const key = groupKey(g.depth, g.start, g.end);
  if (collapsed) dim.collapsed.add(key);
  else dim.collapsed.delete(key);
}

/** Range.collapseGroups: groups wholly inside, else the deepest expanded group the range touches. */
export function collapseWithin(dim: DimensionModel, start: number, end: number): void {
  const groups = groupsOf(dim);
  const inside = groups.filter((g) => g.start >= start && g.end <= end);
  if (inside.length > 0) {
    for (const g of inside) setCollapsed(dim, g, true);
    return;
  }
  const touching = groups.filter((g) => g.start <= end && g.end >= start && !isCollapsed(dim, g)).sort((a, b) => b.depth - a.depth);
  if (touching[0]) setCollapsed(dim, touching[0], true);
}

/** Range.expandGroups: collapsed groups whose span or control toggle meets the range. */
export function expandTouching(dim: DimensionModel, start: number, end: number): void {
  for (const g of groupsOf(dim)) {
    const control = controlIndex(dim, g);
    const meets = (g.start <= end && g.end >= start) || (control >= start && control <= end);
    if (meets) setCollapsed(dim, g, false);
  }
}

export const controlIndex = (dim: DimensionModel, g: GroupSpan): number => (dim.controlAfter ? g.end + 1 : g.start - 1);

/** The Group object Sheet.getRowGroup / getColumnGroup return. */
export class Group<R> {
  static readonly apiName = 'SpreadsheetApp.Group';

  constructor(
    readonly _dim: DimensionModel,
    readonly _span: GroupSpan,
    private readonly _range: (span: GroupSpan) => R,
  ) {}

  getDepth(): number { return this._span.depth; }
  getRange(): R { return this._range(this._span); }
  getControlIndex(): number { return controlIndex(this._dim, this._span); }
  isCollapsed(): boolean { return isCollapsed(this._dim, this._span); }

  collapse(): this {
    setCollapsed(this._dim, this._span, true);
    return this;
  }

  expand(): this {
    setCollapsed(this._dim, this._span, false);
    return this;
  }

  /** Lowers the depth of the group's span by one; the object is stale afterwards. */
  remove(): void {
    shiftDepth(this._dim, this._span.start, this._span.end - this._span.start + 1, -1);
  }
}
