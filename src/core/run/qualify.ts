// SQL files name every object `eros_scheduling_brain.<name>`; the deployed dataset is a setting.
// Only the identifier is substituted, in code (never in comments or string literals), after a
// strict check; values always travel as parameters. The deploy tool and the local runtime use
// the same qualifier and the same substitution.

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

/** The SQL with comments and string literals blanked out (same length, same line breaks). */
export function codeOnly(sql: string): string {
  return sql.replace(
    /--[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\/|'''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g,
    (m) => m.replace(/[^\n]/g, ' '),
  );
}

// The qualifier as a whole name followed by a dot, bare or inside backquotes (`eros_scheduling_brain.x`),
// never as the tail of a longer path (project.eros_scheduling_brain.x names another project's dataset).
const QUALIFIER = new RegExp(`(?<![\\w.])${DEFAULT_DATASET}\\.`, 'g');

/** Replaces the dataset qualifier `eros_scheduling_brain.` with `<dataset>.` in code. */
export function qualify(sql: string, dataset: string): string {
  assertDatasetId(dataset);
  if (dataset === DEFAULT_DATASET) return sql;
  const code = codeOnly(sql);
  let out = '';
  let last = 0;
  for (const m of code.matchAll(QUALIFIER)) {
    out += sql.slice(last, m.index) + `${dataset}.`;
    last = (m.index ?? 0) + m[0].length;
  }
  return out + sql.slice(last);
}
