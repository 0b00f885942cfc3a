// One check for an override, wherever it comes from (the tab or the sidebar): the lead's schema,
// then what the schema cannot know — the page and categories must exist, a date must be a real day.
import { PageOverridesSchema, type PageOverrides } from './schema';
import { isCalendarDate } from './cells';

/** 'form' is for what belongs to no one field (the whole value was not an object). */
export type OverridesField = keyof PageOverrides | 'page' | 'form';

export interface FieldError {
  /** A PageOverrides key ('ppvMin', 'allowedHours', …), 'page' or 'form'. */
  field: OverridesField;
  message: string;
}

export type OverridesCheck = { ok: true; value: PageOverrides } | { ok: false; errors: FieldError[] };

export interface KnownLists {
  pages: readonly string[];
  categories: readonly string[];
}

/** The known page with this exact name, or a hint at a near spelling. */
export function checkPage(page: unknown, known: readonly string[]): FieldError | null {
  if (typeof page !== 'string' || page.trim() === '') return { field: 'page', message: 'choose a page' };
  if (known.includes(page)) return null;
  const near = known.find((k) => k.toLowerCase() === page.trim().toLowerCase());
  const hint = near !== undefined ? `; did you mean '${near}'?` : '';
  return { field: 'page', message: `'${page}' is not a known page${hint}` };
}

function describeIssue(path: ReadonlyArray<PropertyKey>, message: string): string {
  const sub = path[1];
  if (typeof sub === 'number') return `item ${sub + 1} ${message}`;
  if (typeof sub === 'string') return `${sub} hour ${message}`;
  return message;
}

export function checkOverrides(page: unknown, input: unknown, known: KnownLists): OverridesCheck {
  const errors: FieldError[] = [];
  const pageError = checkPage(page, known.pages);
  if (pageError) errors.push(pageError);

  const parsed = PageOverridesSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const head = issue.path[0];
      const field = (typeof head === 'string' ? head : 'form') as OverridesField;
      errors.push({ field, message: describeIssue(issue.path, issue.message) });
    }
    return { ok: false, errors };
  }

  const value: PageOverrides = { ...parsed.data };
  if (value.pauseUntil !== undefined && !isCalendarDate(value.pauseUntil)) {
    errors.push({ field: 'pauseUntil', message: `must be a real calendar date, got '${value.pauseUntil}'` });
  }
  if (value.excludedCategories !== undefined) {
    const canonical: string[] = [];
    const unknown: string[] = [];
    for (const c of value.excludedCategories) {
      const match = known.categories.find((k) => k.toLowerCase() === c.trim().toLowerCase());
      if (match === undefined) unknown.push(c);
      else if (!canonical.includes(match)) canonical.push(match);
    }
    if (unknown.length > 0) {
      errors.push({
        field: 'excludedCategories',
        message: `unknown ${unknown.length === 1 ? 'category' : 'categories'} ${unknown.map((u) => `'${u}'`).join(', ')}; known: ${known.categories.join(', ')}`,
      });
    }
    // An empty list and no list mean the same: nothing excluded.
    if (canonical.length > 0) value.excludedCategories = canonical;
    else delete value.excludedCategories;
  }
  // A blank note is no note (a blank cell reads back as none).
  if (value.notes !== undefined && value.notes.trim() === '') delete value.notes;
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}
