// The data problems a run meets: those of one page go into its reason, those every page shares
// (the caption bank, rows without a page) are said once for the run.
import type { Row } from '../ports';
import type { PagePlanLike } from '../plan-contract';

/** Most telling first, since a long note is cut: the page's settings, then its history. */
const NOTE_ORDER = ['page_restrictions', 'creators', 'caption_bandit_stats', 'mass_messages'];

function noteRank(issue: string): number {
  const i = NOTE_ORDER.findIndex((table) => issue.startsWith(table));
  return i < 0 ? NOTE_ORDER.length : i;
}

const dataIssues = (analysisRow: Row): string[] => (Array.isArray(analysisRow.data_issues) ? analysisRow.data_issues.map(String) : []);

const isSharedIssue = (issue: string): boolean => issue.startsWith('caption_bank') || issue.includes('(any page)');

/** The page's data problems: the analysis's data_issues and rows the engine dropped. */
export function dataNote(analysisRow: Row, plan: PagePlanLike | null): string {
  const issues = dataIssues(analysisRow).filter((x) => !isSharedIssue(x)).sort((a, b) => noteRank(a) - noteRank(b));
  return [...(plan?.notes ?? []), ...issues].join('; ');
}

/** The run's note on shared data problems, or null when there are none. */
export function sharedDataNote(analysisRows: Iterable<Row>): string | null {
  const shared = new Set<string>();
  for (const row of analysisRows) for (const x of dataIssues(row)) if (isSharedIssue(x)) shared.add(x);
  return shared.size > 0 ? `Data (every page): ${[...shared].sort().join('; ')}; those rows are left out.` : null;
}
