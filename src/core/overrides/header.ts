// The "Overrides" tab's header: which column holds what. Columns are found by name, so a scheduler
// may reorder them or add their own; a missing or renamed one is reported by name.

export const OVERRIDES_TAB = 'Overrides';

export const OVERRIDES_COLUMNS = [
  'page_name',
  'pause_until',
  'volume_multiplier',
  'ppv_min',
  'ppv_max',
  'allowed_hours',
  'price_floor',
  'price_ceiling',
  'excluded_categories',
  'notes',
  'updated_at',
  'updated_by',
] as const;

export type OverridesColumn = (typeof OVERRIDES_COLUMNS)[number];

/** Column index (0-based) → sheet letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "PPV Min", " ppv-min " and "ppv_min" all name the same column. */
export function normalizeHeaderName(cell: unknown): string {
  if (typeof cell !== 'string' && typeof cell !== 'number') return '';
  return String(cell).trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export interface HeaderProblem {
  column: string;
  message: string;
}

export interface HeaderLayout {
  /** 0-based index of every column that was found. */
  index: Partial<Record<OverridesColumn, number>>;
  /** Canonical columns that are absent from the header. */
  missing: OverridesColumn[];
  problems: HeaderProblem[];
}

export function readHeader(headerRow: readonly unknown[]): HeaderLayout {
  const index: Partial<Record<OverridesColumn, number>> = {};
  const known = new Set<string>(OVERRIDES_COLUMNS);
  const problems: HeaderProblem[] = [];
  const unrecognised: string[] = [];
  headerRow.forEach((cell, i) => {
    const name = normalizeHeaderName(cell);
    if (name === '') return;
    if (!known.has(name)) {
      unrecognised.push(`${columnLetter(i)} '${String(cell).trim()}'`);
      return;
    }
    const col = name as OverridesColumn;
    const first = index[col];
    if (first !== undefined) {
      problems.push({
        column: `${columnLetter(i)} (${col})`,
        message: `${OVERRIDES_TAB}!${columnLetter(i)}1: column '${col}' appears twice (also in column ${columnLetter(first)}); only column ${columnLetter(first)} is read`,
      });
      return;
    }
    index[col] = i;
  });
  const missing = OVERRIDES_COLUMNS.filter((c) => index[c] === undefined);
  const hint = unrecognised.length > 0 ? `; unrecognised header cells: ${unrecognised.join(', ')}` : '';
  for (const col of missing) {
    problems.push({
      column: col,
      message: `${OVERRIDES_TAB} header (row 1): column '${col}' is missing or was renamed${hint}. Expected headers: ${OVERRIDES_COLUMNS.join(' | ')}`,
    });
  }
  return { index, missing, problems };
}
