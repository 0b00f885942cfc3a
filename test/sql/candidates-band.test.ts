/**
 * caption_candidates where the twin's shortcut matters: a bank of 160 captions with records on
 * several pages (so the captions' base scores differ), restrictions and locks, and small per_page,
 * so a page's picks come from beyond the prefix of the base order (the twin's band), or its filters
 * leave the prefix short (the twin's whole order). ZetaSQL's reference evaluator (the GoogleSQL,
 * pages x captions), the twin and the TypeScript reading of the rules must agree row for row.
 */
import { loadSqlFiles } from '../../tools/sql/files';
import { parseType } from '../../tools/sql/types';
import { candidatePool } from './helpers/candidates-oracle';
import { normalizeDuckRow, runScript, twinText, type Params, type Row } from './helpers/duck';
import { withEngines } from './helpers/engines';
import { sameRows } from './helpers/reference';

// Enough pages that each is dealt few home captions and must reach into the rest of the bank.
const PAGES = Array.from({ length: 24 }, (_, i) => `p_${String.fromCharCode(97 + i)}${i % 3 === 0 ? '_vip' : ''}`);
const creators: Row[] = PAGES.map((p) => ({ page_name: p, display_name: p, is_active: true, page_type: 'paid', subscriber_count: 1000, active_fans_30d: 100, joined_date: '2026-01-01', assigned_scheduler: null }));
const captionBank: Row[] = Array.from({ length: 160 }, (_, i) => ({
  caption_id: 1000 + i, caption_text: i % 17 === 0 ? `Shower show ${i}` : `Caption ${i}`, caption_key: null, caption_type: i % 10 < 7 ? 'PPV' : 'BUMP',
  content_category: ['solo', 'tease', 'bg', 'custom'][i % 4] as string, price_tier: 'MID', suggested_price: 5 + (i % 30), has_urgency: false,
  psychological_trigger: 'curiosity', is_active: i % 23 !== 0, created_at: null,
}));
// Four veteran pages' records spread the captions' base scores; the other pages have none of their own.
const stats: Row[] = captionBank.flatMap((c, i) => PAGES.slice(0, 4).filter((_, j) => (i + j) % 3 === 0).map((p, j) => ({
  page_name: p, caption_id: c.caption_id as number, successes: (i * 7 + j) % 13, failures: (i * 3 + j * 5) % 11, total_observations: 20, total_revenue: 10,
  avg_emv: 0.1, confidence_lower_bound: null, confidence_upper_bound: null, last_used: '2026-11-01T20:00:00Z', last_updated: '2026-11-02T00:00:00Z',
})));
const restrictions: Row[] = [
  { page_name: 'p_a_vip', restricted_categories: ['solo', 'tease'], restricted_keywords: ['shower'], price_floor: 20, price_ceiling: 30, updated_at: '2026-10-01T00:00:00Z' },
  { page_name: 'p_c', restricted_categories: ['bg'], restricted_keywords: [], price_floor: null, price_ceiling: null, updated_at: '2026-10-01T00:00:00Z' },
];
const locks: Row[] = captionBank.slice(0, 30).map((c, i) => ({
  assignment_id: `L${i}`, schedule_id: 'L', page_name: 'p_d', caption_id: c.caption_id as number, scheduled_send_time: '2026-11-18T20:00:00Z', scheduled_send_date: '2026-11-18',
  lock_window_end: '2026-11-25T20:00:00Z', locked_at: '2026-11-10T00:00:00Z', is_active: true, deactivated_at: null, deactivation_reason: null,
})).map((l) => ({ ...l, page_name: 'p_d_vip' }));
const tables: Record<string, Row[]> = { creators, caption_bank: captionBank, caption_bandit_stats: stats, page_restrictions: restrictions, active_caption_assignments: locks };

const engines = withEngines(tables);

const P = (type: string, value: Params[string]['value']): Params[string] => ({ type: parseType(type), value });
const google = loadSqlFiles(undefined, ['queries']).find((f) => f.name === 'caption_candidates')!.text;

/** Where each new caption of a type stands in the twin's base order (its record elsewhere only). */
function basePosition(): Map<number, number> {
  const totals = new Map<number, { s: number; f: number }>();
  for (const s of stats) totals.set(s.caption_id as number, { s: (totals.get(s.caption_id as number)?.s ?? 0) + (s.successes as number), f: (totals.get(s.caption_id as number)?.f ?? 0) + (s.failures as number) });
  const pos = new Map<number, number>();
  for (const type of ['PPV', 'BUMP']) {
    captionBank.filter((c) => c.is_active && (c.caption_type === 'PPV') === (type === 'PPV'))
      .map((c) => { const t = totals.get(c.caption_id as number) ?? { s: 0, f: 0 }; return { id: c.caption_id as number, base: (1 + 0.2 * t.s) / (2 + 0.2 * (t.s + t.f)) }; })
      .sort((a, b) => b.base - a.base || a.id - b.id).forEach((x, i) => pos.set(x.id, i + 1));
  }
  return pos;
}

test.each([4, 9, 15])('per_page %i: the GoogleSQL, the twin and the plain reading agree, and picks come from beyond the prefix', async (perPage) => {
  const params = { page_names: P('ARRAY<STRING>', []), week_start: P('DATE', '2026-11-16'), week_end: P('DATE', '2026-11-23'), cooldown_days: P('INT64', 7), per_page: P('INT64', perPage) };
  const expected = await engines.ref().query(google, params, tables);
  const actual = (await runScript(engines.duck(), twinText('queries', 'caption_candidates'), params)).map((r) => normalizeDuckRow(r, expected.columns));
  expect(sameRows(expected.rows, actual, true)).toEqual({ equal: true });
  const oracle = candidatePool({ creators, captions: captionBank, stats, locks, messages: [], restrictions }, { pageNames: [], weekStart: '2026-11-16', weekEnd: '2026-11-23', cooldownDays: 7, perPage });
  expect(oracle.map((c) => [c.page_name, c.caption_id, c.candidate_rank])).toEqual(expected.rows.map((r) => [r.page_name, r.caption_id, r.candidate_rank]));
  // Some page's new caption lies past 2 x per_page plus the page's own records in the base order: the band.
  const pos = basePosition();
  const own = (page: string) => stats.filter((s) => s.page_name === page).length;
  const beyond = expected.rows.filter((r) => r.successes === 0 && r.failures === 0 && !r.is_home && (pos.get(r.caption_id as number) ?? 0) > 2 * perPage + own(r.page_name as string));
  expect(beyond.length).toBeGreaterThan(0);
}, 120_000);
