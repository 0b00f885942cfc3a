// Candidate captions (sql/queries/caption_candidates.sql) and other pages' locks, validated.
import * as z from 'zod';
import { formatIssues } from '../zod-format';

const num = z.coerce.number().refine(Number.isFinite, 'must be a finite number');
const count = z.preprocess((v) => (v == null || v === '' ? 0 : v), num.pipe(z.number().int().min(0, 'must not be negative')));
const nullableNum = z.preprocess((v) => (v === '' || v === undefined ? null : v), num.nullable());
const instant = z.union([z.date(), z.string().min(1)]).transform((v, ctx) => {
  const d = v instanceof Date ? v : new Date(/^\d+(\.\d+)?$/.test(v) ? Number(v) * 1000 : v);
  if (Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: 'custom', message: `is not a timestamp: ${String(v)}` });
    return z.NEVER;
  }
  return d;
});
const bool = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v == null ? false : v), z.boolean());
const text = z.preprocess((v) => (v == null ? '' : v), z.string());

export const CandidateRowSchema = z.object({
  page_name: z.string().min(1),
  caption_id: num.pipe(z.number().int()),
  caption_text: z.string(),
  caption_type: z.enum(['PPV', 'BUMP']),
  content_category: text,
  price_tier: text,
  suggested_price: nullableNum.optional().transform((v) => v ?? null),
  has_urgency: bool,
  psychological_trigger: text,
  successes: count,
  failures: count,
  avg_emv: nullableNum.optional().transform((v) => v ?? null),
  last_used: z.preprocess((v) => (v === '' ? null : v), instant.nullable().optional()).transform((v) => v ?? null),
  global_successes: count,
  global_failures: count,
  candidate_rank: count,
  /** Dealt to this page this week (see sql/table_functions/caption_candidate_pool.sql). */
  is_home: bool,
});
export type Candidate = z.infer<typeof CandidateRowSchema>;

export const LockSchema = z.object({
  captionId: num.pipe(z.number().int()),
  pageName: z.string(),
  windowStart: instant,
  windowEnd: instant,
});
export type CaptionLock = z.infer<typeof LockSchema>;

function parseList<T>(schema: z.ZodType<T>, rows: unknown[], what: string): T[] {
  return rows.map((row, i) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw new Error(`${what} ${i + 1}: ${formatIssues(parsed.error)}`);
    return parsed.data;
  });
}

const isCount = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 0);
const isNum = (v: unknown): v is number | null | undefined => v == null || (typeof v === 'number' && Number.isFinite(v));
const isText = (v: unknown): v is string | null => v === null || typeof v === 'string';

/**
 * A row already in the shape the warehouse adapter decodes (numbers, booleans, Dates, NULLs) is
 * taken by hand: zod per row was ~30 % of planning CPU at 500 pages. Anything else returns
 * undefined and goes through the schema (coercion, and the message when it is invalid).
 */
function fastCandidate(r: Record<string, unknown>): Candidate | undefined {
  const type = r.caption_type;
  const last = r.last_used;
  if (
    typeof r.page_name !== 'string' || r.page_name === '' || typeof r.caption_id !== 'number' || !Number.isInteger(r.caption_id)
    || typeof r.caption_text !== 'string' || (type !== 'PPV' && type !== 'BUMP') || !isText(r.content_category) || !isText(r.price_tier)
    || !isNum(r.suggested_price) || !(r.has_urgency == null || typeof r.has_urgency === 'boolean') || !isText(r.psychological_trigger)
    || !isCount(r.successes) || !isCount(r.failures) || !isNum(r.avg_emv) || !isCount(r.global_successes) || !isCount(r.global_failures)
    || !isCount(r.candidate_rank) || !(r.is_home == null || typeof r.is_home === 'boolean') || !(last == null || (last instanceof Date && !Number.isNaN(last.getTime())))
  ) return undefined;
  return {
    page_name: r.page_name, caption_id: r.caption_id, caption_text: r.caption_text, caption_type: type,
    content_category: r.content_category ?? '', price_tier: r.price_tier ?? '', suggested_price: r.suggested_price ?? null,
    has_urgency: r.has_urgency ?? false, psychological_trigger: r.psychological_trigger ?? '', successes: r.successes ?? 0,
    failures: r.failures ?? 0, avg_emv: r.avg_emv ?? null, last_used: last ?? null, global_successes: r.global_successes ?? 0,
    global_failures: r.global_failures ?? 0, candidate_rank: r.candidate_rank ?? 0, is_home: r.is_home ?? false,
  };
}

/** Candidates of a page with the rows that failed validation, one message each (row and caption). */
export interface CandidateParse {
  candidates: Candidate[];
  rejected: string[];
}

/** Validates each row on its own: a bad row is dropped and named, never fails the page. */
export function parseCandidateRows(rows: unknown[], page: string): CandidateParse {
  const out: CandidateParse = { candidates: [], rejected: [] };
  rows.forEach((row, i) => {
    const fast = typeof row === 'object' && row !== null ? fastCandidate(row as Record<string, unknown>) : undefined;
    if (fast) {
      out.candidates.push(fast);
      return;
    }
    const parsed = CandidateRowSchema.safeParse(row);
    if (parsed.success) {
      out.candidates.push(parsed.data);
      return;
    }
    const id = typeof row === 'object' && row !== null ? (row as Record<string, unknown>).caption_id : undefined;
    out.rejected.push(`caption candidate row for page "${page}", row ${i + 1}: ${formatIssues(parsed.error)}${id == null ? '' : ` (caption ${String(id)})`}`);
  });
  return out;
}

/** Strict: the first invalid row throws (fixtures and tests). */
export function parseCandidates(rows: unknown[], page: string): Candidate[] {
  const { candidates, rejected } = parseCandidateRows(rows, page);
  if (rejected.length > 0) throw new Error(rejected[0]);
  return candidates;
}
const isInstant = (v: unknown): v is Date => v instanceof Date && !Number.isNaN(v.getTime());

/**
 * The run's own locks (batch.ts RunLocks) arrive already typed, and a later page can be handed
 * thousands: those are taken as they are; anything else goes through the schema.
 */
export function parseLocks(rows: unknown[], page: string): CaptionLock[] {
  const typed = rows.every((r) => {
    const l = r as Partial<CaptionLock> | null;
    return l !== null && typeof l === 'object' && Number.isInteger(l.captionId) && typeof l.pageName === 'string' && isInstant(l.windowStart) && isInstant(l.windowEnd);
  });
  return typed ? (rows as CaptionLock[]) : parseList(LockSchema, rows, `caption lock for page "${page}", lock`);
}

/** Half-open windows [start, end) overlap. */
export const overlaps = (aStart: Date, aEnd: Date, bStart: Date, bEnd: Date): boolean =>
  aStart.getTime() < bEnd.getTime() && bStart.getTime() < aEnd.getTime();
