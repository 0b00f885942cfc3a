// One readable line from a zod error: "field.path: message; other: message". Every boundary that
// reports a schema failure in words goes through here, so messages read alike everywhere.
import type * as z from 'zod';

export interface IssueFormat {
  /** Issues shown (default 5): a long list is cut, not the message. */
  limit?: number;
  /** What a path is called (default the dotted path, `empty` when it is the value itself). */
  where?: (path: PropertyKey[]) => string;
  /** Words for an empty path (default '(row)'). */
  empty?: string;
  /** Added after an issue's message (e.g. the value found). */
  detail?: (issue: z.core.$ZodIssue) => string;
}

export function formatIssues(error: z.ZodError, format: IssueFormat = {}): string {
  const { limit = 5, empty = '(row)', where = (path) => (path.length ? path.map(String).join('.') : empty), detail = () => '' } = format;
  return error.issues
    .slice(0, limit)
    .map((i) => `${where(i.path)}: ${i.message}${detail(i)}`)
    .join('; ');
}
