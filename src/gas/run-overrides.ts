// The Overrides tab as the run reads it: every valid row applies, every bad cell is reported
// (tab, row, column, page) and that page falls back to its defaults. A missing tab means no
// overrides; a missing tab next to a look-alike (renamed by hand, e.g. "Overrides (old)") is
// reported, since the overrides a scheduler typed there are silently not applied otherwise.
import type { OverridesLoad } from '../core/run/daily-run';
import { OVERRIDES_TAB, parseOverridesTab } from '../core/overrides-table';
import { readTab, type SpreadsheetLike } from './overrides-sheet';
import { DEFAULT_CATEGORIES } from './overrides-sources';

type WithTabs = SpreadsheetLike & { getSheets?(): Array<{ getName(): string }> };

/** `lookAlikes` false skips the look-alike search (a getName per tab): the run did it once already. */
export function loadOverridesFrom(spreadsheet: WithTabs, knownPages: readonly string[], lookAlikes = true): OverridesLoad {
  const { sheet, values } = readTab(spreadsheet, OVERRIDES_TAB);
  if (!sheet) {
    if (!lookAlikes) return { overrides: {}, problems: [] };
    const names = spreadsheet.getSheets?.().map((s) => s.getName()) ?? [];
    const lookalike = names.find((n) => n !== OVERRIDES_TAB && /\boverrides?\b/i.test(n));
    const problems = lookalike
      ? [`tab '${OVERRIDES_TAB}' not found but tab '${lookalike}' looks like it: its overrides are not applied (every page uses its defaults) until it is renamed '${OVERRIDES_TAB}'`]
      : [];
    return { overrides: {}, problems };
  }
  const parsed = parseOverridesTab(
    values,
    { pages: knownPages, categories: DEFAULT_CATEGORIES },
    { timeZone: spreadsheet.getSpreadsheetTimeZone() },
  );
  return { overrides: Object.fromEntries(parsed.overrides), problems: parsed.problems.map((p) => p.message) };
}
