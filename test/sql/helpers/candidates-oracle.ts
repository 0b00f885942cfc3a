/**
 * caption_candidate_pool written once more, plainly, in TypeScript: every page against every
 * caption, the rules of sql/table_functions/caption_candidate_pool.sql read off its header, no
 * shortcut. The twin computes the same ranking without the pages x captions product (its prefix
 * and band); this oracle checks it at demo scale, independently of any SQL engine.
 */
import { DateTime } from 'luxon';

export type Rec = Record<string, unknown>;
export interface PoolInput {
  creators: Rec[]; captions: Rec[]; stats: Rec[]; locks: Rec[]; messages: Rec[]; restrictions: Rec[];
}
export interface PoolParams { pageNames: string[]; weekStart: string; weekEnd: string; cooldownDays: number | null; perPage: number | null }
export interface Candidate {
  page_name: string; caption_id: number; candidate_rank: number; is_home: boolean;
  successes: number; failures: number; global_successes: number; global_failures: number;
}

const LA = 'America/Los_Angeles';
const laMidnight = (date: string): number => DateTime.fromISO(date, { zone: LA }).toMillis();
const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : Date.parse(String(v)));
const day = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);
const addDays = (date: string, n: number): string => DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: n }).toISODate() as string;
/** GoogleSQL's TRIM: the Unicode White_Space characters (not U+200B, U+FEFF). */
const WS = '\\t\\n\\u000b\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const trim = (s: string): string => s.replace(new RegExp(`^[${WS}]+|[${WS}]+$`, 'g'), '');
const num = (v: unknown): number => Number(v ?? 0);
const mod = (a: number, b: number): number => ((a % b) + b) % b;

function pageHash(name: string): number {
  return [...name].reduce((s, ch, i) => s + (ch.codePointAt(0) as number) * (i + 1), 0);
}

function restrictionsOf(rows: Rec[]): Map<string, { categories: string[]; keywords: string[]; floor: number | null; ceiling: number | null }> {
  const latest = new Map<string, Rec>();
  for (const r of rows) {
    const cur = latest.get(String(r.page_name));
    const t = r.updated_at === null || r.updated_at === undefined ? -Infinity : ms(r.updated_at);
    const tc = cur ? (cur.updated_at === null || cur.updated_at === undefined ? -Infinity : ms(cur.updated_at)) : undefined;
    if (tc === undefined || t > tc) latest.set(String(r.page_name), r);
  }
  const norm = (list: unknown): string[] => ((list as Array<string | null> | null) ?? []).filter((x): x is string => x !== null && trim(x) !== '').map((x) => trim(x).toLowerCase());
  const limit = (v: unknown): number | null => (v === null || v === undefined || Number(v) < 0 ? null : Number(v));
  return new Map([...latest].map(([p, r]) => [p, { categories: norm(r.restricted_categories), keywords: norm(r.restricted_keywords), floor: limit(r.price_floor), ceiling: limit(r.price_ceiling) }]));
}

/** The latest stats row per (page, caption) of the 365 days before the week, sane counts only. */
function statsOf(rows: Rec[], p: PoolParams): Map<string, Rec> {
  const weekStart = p.weekStart;
  const since = addDays(weekStart, -365);
  const out = new Map<string, Rec>();
  for (const s of rows) {
    if (day(s.last_updated) < since || day(s.last_updated) > p.weekEnd || num(s.successes) < 0 || num(s.failures) < 0 || num(s.successes) > 1e9 || num(s.failures) > 1e9) continue;
    const key = `${String(s.page_name)}|${num(s.caption_id)}`;
    const cur = out.get(key);
    if (!cur || ms(s.last_updated) > ms(cur.last_updated)) out.set(key, s);
  }
  return out;
}

export function candidatePool(input: PoolInput, p: PoolParams): Candidate[] {
  const perPage = p.perPage ?? 0;
  if (perPage < 1) return [];
  const active = [...new Set(input.creators.filter((c) => c.is_active === true).map((c) => String(c.page_name)))].sort();
  const pages = active.map((name, number) => ({ name, number, hash: pageHash(name) })).filter((x) => p.pageNames.length === 0 || p.pageNames.includes(x.name));
  const requested = new Set(pages.map((x) => x.name));
  const captions = input.captions.filter((c) => c.is_active === true && !(c.suggested_price !== null && c.suggested_price !== undefined && (num(c.suggested_price) < 0 || num(c.suggested_price) > 10000)));
  const stats = statsOf(input.stats, p);
  const totals = new Map<number, { s: number; f: number }>();
  for (const s of stats.values()) {
    const t = totals.get(num(s.caption_id)) ?? { s: 0, f: 0 };
    totals.set(num(s.caption_id), { s: t.s + num(s.successes), f: t.f + num(s.failures) });
  }
  const [ws, we] = [laMidnight(p.weekStart), laMidnight(p.weekEnd)];
  const lockedBy = new Map<number, Set<string>>();
  for (const a of input.locks) {
    const d = day(a.scheduled_send_date);
    if (d < addDays(p.weekStart, -15) || d > addDays(p.weekEnd, 8)) continue;
    if (!(a.is_active === true || a.deactivation_reason === 'PAST_SEND_DATE')) continue;
    const send = ms(a.scheduled_send_time);
    if (!(send - 7 * 86_400_000 < we && ms(a.lock_window_end) > ws)) continue;
    if (requested.has(String(a.page_name)) && send >= ws && send < we) continue;
    lockedBy.set(num(a.caption_id), (lockedBy.get(num(a.caption_id)) ?? new Set()).add(String(a.page_name)));
  }
  const cd = Math.max(p.cooldownDays ?? 0, 0);
  const from = laMidnight(addDays(p.weekStart, -cd));
  const used = new Set(input.messages.filter((m) => m.caption_id !== null && ms(m.sending_time) >= from && ms(m.sending_time) < ws).map((m) => `${String(m.page_name)}|${num(m.caption_id)}`));
  const restrictions = restrictionsOf(input.restrictions);
  const m = mod(Math.round(Date.parse(`${p.weekStart}T00:00:00Z`) / 86_400_000) * 40503, 1000002) + 1;
  const out: Candidate[] = [];
  for (const page of pages) {
    const r = restrictions.get(page.name);
    const rows = captions.flatMap((c) => {
      const id = num(c.caption_id);
      const slot = trim(String(c.caption_type ?? '')).toUpperCase() === 'PPV' ? 'PPV' : 'BUMP';
      const category = c.content_category === null ? null : String(c.content_category).toLowerCase();
      const text = c.caption_text === null ? null : String(c.caption_text).toLowerCase();
      const price = c.suggested_price === null || c.suggested_price === undefined ? null : num(c.suggested_price);
      if (r && category !== null && r.categories.includes(category)) return [];
      if (r && text !== null && r.keywords.some((k) => text.includes(k))) return [];
      if (slot === 'PPV' && price !== null && ((r?.floor ?? null) !== null && price < (r?.floor as number) || (r?.ceiling ?? null) !== null && price > (r?.ceiling as number))) return [];
      if ([...(lockedBy.get(id) ?? [])].some((holder) => holder !== page.name)) return [];
      if (used.has(`${page.name}|${id}`)) return [];
      const st = stats.get(`${page.name}|${id}`);
      const [s, f] = [num(st?.successes), num(st?.failures)];
      const t = totals.get(id) ?? { s: 0, f: 0 };
      const [gs, gf] = [t.s - s, t.f - f];
      const k = mod(mod(mod(mod(id, 9973) + 9973, 9973) * 2654435761 + mod(page.hash, 9973) * 40503, 9973) * (mod(page.hash, 9972) + 1), 9973);
      const home = mod(mod(mod(mod(id, 1000003) + 1000003, 1000003) * m, 1000003), active.length) === page.number;
      const score = (s + 1 + 0.2 * gs) / (s + f + 2 + 0.2 * (gs + gf)) + (k * 6) / 199460 + (home ? 1 : 0);
      return [{ id, slot, isNew: st === undefined, s, f, gs, gf, home, score }];
    });
    const ppvQuota = Math.floor((perPage * 7 + 9) / 10);
    const quota = (slot: string): number => (slot === 'PPV' ? ppvQuota : perPage - ppvQuota);
    const byScore = (a: { score: number; id: number }, b: { score: number; id: number }): number => b.score - a.score || a.id - b.id;
    const groupRank = new Map<number, number>();
    for (const slot of ['PPV', 'BUMP']) {
      for (const isNew of [true, false]) rows.filter((x) => x.slot === slot && x.isNew === isNew).sort(byScore).forEach((x, i) => groupRank.set(x.id, i + 1));
    }
    const typeRank = new Map<number, number>();
    for (const slot of ['PPV', 'BUMP']) {
      const tq = quota(slot);
      const nq = Math.floor((tq + 4) / 5);
      const inQuota = (x: (typeof rows)[number]): number => ((groupRank.get(x.id) as number) <= (x.isNew ? nq : tq - nq) ? 0 : 1);
      rows.filter((x) => x.slot === slot).sort((a, b) => inQuota(a) - inQuota(b) || byScore(a, b)).forEach((x, i) => typeRank.set(x.id, i + 1));
    }
    const first = (x: (typeof rows)[number]): number => ((typeRank.get(x.id) as number) <= quota(x.slot) ? 0 : 1);
    rows.sort((a, b) => first(a) - first(b) || byScore(a, b)).slice(0, perPage).forEach((x, i) => out.push({
      page_name: page.name, caption_id: x.id, candidate_rank: i + 1, is_home: x.home,
      successes: x.s, failures: x.f, global_successes: x.gs, global_failures: x.gf,
    }));
  }
  return out.sort((a, b) => a.page_name.localeCompare(b.page_name) || a.candidate_rank - b.candidate_rank);
}
