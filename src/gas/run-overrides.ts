// The Overrides tab as the run reads it: every valid row applies, every bad cell is reported
// (tab, row, column, page) and that page falls back to its defaults.
import type { OverridesLoad } from '../core/run/daily-run';
import { OVERRIDES_TAB, parseOverridesTab } from '../core/overrides-table';
import { readTab, type SpreadsheetLike } from './overrides-sheet';
import { DEFAULT_CATEGORIES } from './overrides-sources';

export function loadOverridesFrom(spreadsheet: SpreadsheetLike, knownPages: readonly string[]): OverridesLoad {
  const { values } = readTab(spreadsheet, OVERRIDES_TAB);
  const parsed = parseOverridesTab(
    values,
    { pages: knownPages, categories: DEFAULT_CATEGORIES },
    { timeZone: spreadsheet.getSpreadsheetTimeZone() },
  );
  return { overrides: Object.fromEntries(parsed.overrides), problems: parsed.problems.map((p) => p.message) };
}
