// Candidate captions (sql/queries/caption_candidates.sql) and other pages' locks, validated.
import * as z from 'zod';
import { formatIssues } from './zod-format';

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

export const parseCandidates = (rows: unknown[], page: string): Candidate[] =>
  parseList(CandidateRowSchema, rows, `caption candidate row for page "${page}", row`);
export const parseLocks = (rows: unknown[], page: string): CaptionLock[] =>
  parseList(LockSchema, rows, `caption lock for page "${page}", lock`);

/** Half-open windows [start, end) overlap. */
export const overlaps = (aStart: Date, aEnd: Date, bStart: Date, bEnd: Date): boolean =>
  aStart.getTime() < bEnd.getTime() && bStart.getTime() < aEnd.getTime();
