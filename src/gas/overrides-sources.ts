// Where the sidebar's lists of known pages and content categories come from. For now: pages are
// the page column of the Overview tab, categories a constant list (caption_bank's categories).
// Both are injectable functions so the BigQuery lists (creators, caption_bank) can replace them.
import { readTab, type SpreadsheetLike } from './overrides-sheet';

export const OVERVIEW_TAB = 'Overview';
/** Header names accepted for the Overview tab's page column (compared lower-case, trimmed). */
const PAGE_HEADERS = ['page_name', 'page', 'page name'];

/**
 * The content categories of caption_bank (see sql/tables/caption_bank.sql): the agency's whole
 * taxonomy, as the demo bank uses it. An override may exclude any category a caption can have; a
 * category outside this list is reported as unknown (test/faults checks the list covers the bank).
 */
export const DEFAULT_CATEGORIES: readonly string[] = [
  'solo', 'bg', 'gg', 'tease', 'custom', 'lingerie', 'feet', 'shower', 'outdoor', 'cosplay', 'bundle', 'livestream',
];

/**
 * Page names in the Overview tab: the column whose header (in the first rows) is page_name,
 * unique, in order. No tab or no such column gives no pages.
 */
export function pagesFromOverview(spreadsheet: SpreadsheetLike): string[] {
  const { values } = readTab(spreadsheet, OVERVIEW_TAB);
  // The Overview may carry a title line or two above its header.
  for (let r = 0; r < Math.min(values.length, 5); r++) {
    const row = values[r] ?? [];
    const col = row.findIndex((c) => typeof c === 'string' && PAGE_HEADERS.includes(c.trim().toLowerCase()));
    if (col < 0) continue;
    const pages: string[] = [];
    for (const line of values.slice(r + 1)) {
      const cell = line[col];
      const name = typeof cell === 'string' ? cell.trim() : typeof cell === 'number' ? String(cell) : '';
      if (name !== '' && !pages.includes(name)) pages.push(name);
    }
    return pages;
  }
  return [];
}
