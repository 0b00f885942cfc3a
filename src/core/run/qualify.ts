// SQL files name every object `eros_scheduling_brain.<name>`; the deployed dataset is a setting.
// Only the identifier is substituted, after a strict check; values always travel as parameters.

export const DEFAULT_DATASET = 'eros_scheduling_brain';
export const DATASET_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,1023}$/;

/** Throws with a message naming the bad dataset id. */
export function assertDatasetId(dataset: string): void {
  if (typeof dataset !== 'string' || !DATASET_PATTERN.test(dataset)) {
    throw new Error(
      `dataset id ${JSON.stringify(dataset)} is not valid: use letters, digits and underscores, starting with a letter or underscore (at most 1024 characters)`,
    );
  }
}

// The qualifier as a whole word followed by a dot, bare or inside backquotes (`eros_scheduling_brain.x`).
const QUALIFIER = /(^|[^A-Za-z0-9_])eros_scheduling_brain\./g;

/** Replaces the dataset qualifier `eros_scheduling_brain.` with `<dataset>.`. */
export function qualify(sql: string, dataset: string): string {
  assertDatasetId(dataset);
  if (dataset === DEFAULT_DATASET) return sql;
  return sql.replace(QUALIFIER, (_m, before: string) => `${before}${dataset}.`);
}
