// The Overrides tab as the run reads it: every valid row applies, every bad cell is reported
// (tab, row, column, page) and that page falls back to its defaults. A missing tab means no
// overrides; a missing tab next to a look-alike (renamed by hand, e.g. "Overrides (old)") is
// reported, since the overrides a scheduler typed there are silently not applied otherwise.
import type { OverridesLoad } from '../core/run/daily-run';
import { OVERRIDES_TAB, parseOverridesTab } from '../core/overrides-table';
import { readTab, type SpreadsheetLike } from './overrides-sheet';
import { DEFAULT_CATEGORIES } from './overrides-sources';

type WithTabs = SpreadsheetLike & { getSheets?(): Array<{ getName(): string }> };
/** Where the run remembers whether the Overrides tab was there last time (document properties). */
export interface TabMemo {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): unknown;
}
export const OVERRIDES_SEEN_KEY = 'EROS_OVERRIDES_TAB_SEEN';

/**
 * `lookAlikes` false skips the look-alike search (a getName per tab, so 500 calls in a 500-page
 * workbook): the run did it once already. With a memo, the search is made only when the tab was
 * there before (or nobody looked yet): a workbook that never had one is not searched every day.
 */
export function loadOverridesFrom(spreadsheet: WithTabs, knownPages: readonly string[], lookAlikes = true, memo?: TabMemo): OverridesLoad {
  const { sheet, values } = readTab(spreadsheet, OVERRIDES_TAB);
  const seen = memo?.getProperty(OVERRIDES_SEEN_KEY) ?? null;
  if (memo && seen !== (sheet ? '1' : '0')) memo.setProperty(OVERRIDES_SEEN_KEY, sheet ? '1' : '0');
  if (!sheet) {
    if (!lookAlikes || seen === '0') return { overrides: {}, problems: [] };
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
