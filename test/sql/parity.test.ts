/**
 * Parity of the size tiers between BigQuery and the engine: classify_account_size is evaluated
 * (ZetaSQL reference evaluator and its DuckDB twin, which must agree) over pages placed on every
 * boundary the engine's config names, and every per-tier number it returns (tier thresholds, the
 * NEW history rule, daily PPV min/max, bump target, minimum gap, saturation tolerance) must equal
 * src/core/config.ts. analyze_saturation_status must read the same limits for its volume term.
 */
import { classifyTier } from '../../src/core/engine/analyzer';
import { NEW_TIER_MIN_HISTORY_DAYS, SIZE_TIERS, TIER_AUDIENCE_THRESHOLDS, TIER_CONFIG, type SizeTier } from '../../src/core/engine/config';
import { parseType } from '../../tools/sql/types';
import { normalizeDuckRow, runScript, type Params, type Row } from './helpers/duck';
import { withEngines } from './helpers/engines';
import { sameRows } from './helpers/reference';

const AS_OF = '2026-11-10';
const DAY = 86_400_000;
/** Noon UTC on the LA date `days` before AS_OF (04:00 or 05:00 LA, the same date). */
const daysBefore = (days: number): string => new Date(Date.parse(`${AS_OF}T12:00:00Z`) - days * DAY).toISOString();

interface Case { page: string; audience: number | null; historyDays: number; expected: SizeTier; perDay?: number }
const cases: Case[] = [];
for (const t of TIER_AUDIENCE_THRESHOLDS.filter((x) => Number.isFinite(x.below))) {
  for (const audience of [t.below - 1, t.below]) {
    cases.push({ page: `aud_${audience}`, audience, historyDays: 20, expected: classifyTier(audience, 2, false) });
  }
}
// NEW: too little history (one day short of the rule), or no PPV at all; one day more is not NEW.
cases.push({ page: 'history_short', audience: 50_000, historyDays: NEW_TIER_MIN_HISTORY_DAYS - 1, expected: 'NEW' });
cases.push({ page: 'history_enough', audience: 50_000, historyDays: NEW_TIER_MIN_HISTORY_DAYS, expected: classifyTier(50_000, 1, false) });
cases.push({ page: 'no_ppv', audience: null, historyDays: 20, expected: 'NEW' });
// Busy pages: one PPV a day more than the engine's maximum for their tier, every recent day.
for (const t of TIER_AUDIENCE_THRESHOLDS) {
  const audience = Number.isFinite(t.below) ? t.below - 1 : 100_000;
  const tier = classifyTier(audience, 1, false);
  cases.push({ page: `busy_${tier}`, audience, historyDays: 14, expected: tier, perDay: TIER_CONFIG[tier].daily_ppv_target_max + 1 });
}

const creators: Row[] = cases.map((c) => ({
  page_name: c.page, display_name: null, is_active: true, page_type: 'paid', subscriber_count: null, active_fans_30d: null, joined_date: null, assigned_scheduler: null,
}));
const message = (c: Case, id: string, days: number, ppv: boolean, hour = 0): Row => ({
  message_id: id, page_name: c.page, sending_time: new Date(Date.parse(daysBefore(days)) + hour * 3_600_000).toISOString(), message_type: ppv ? 'PPV' : 'BUMP', caption_id: null, caption_text: null,
  price: ppv ? 10 : null, sent_count: c.audience ?? 40_000, viewed_count: 100, purchased_count: 5, earnings: ppv ? 50 : 0,
});
// Each page's first message sets its history length; a second PPV a few days later leaves the
// average audience unchanged (both reach the same audience). Busy pages send perDay PPVs on each
// of the 14 days before AS_OF (hourly from noon UTC: the same LA date).
const massMessages: Row[] = cases.flatMap((c) => {
  if (c.audience === null) return [message(c, `${c.page}_1`, c.historyDays, false)];
  if (c.perDay) {
    const perDay = c.perDay;
    return Array.from({ length: c.historyDays }, (_, d) => Array.from({ length: perDay }, (_, h) => message(c, `${c.page}_${d}_${h}`, d + 1, true, h))).flat();
  }
  return [message(c, `${c.page}_1`, c.historyDays, true), message(c, `${c.page}_2`, Math.max(1, c.historyDays - 3), true)];
});
const tables: Record<string, Row[]> = { creators, mass_messages: massMessages };

const engines = withEngines(tables);
const P = (type: string, value: Params[string]['value']): Params[string] => ({ type: parseType(type), value });
const params: Params = { page_names: P('ARRAY<STRING>', []), as_of: P('DATE', AS_OF) };

/** The function's rows from both engines, which must agree; returned by page. */
async function evaluate(fn: string): Promise<Map<string, Row>> {
  const expected = await engines.ref().query(`SELECT * FROM eros_scheduling_brain.${fn}(@page_names, @as_of) ORDER BY page_name`, params, tables);
  const actual = (await runScript(engines.duck(), `SELECT * FROM eros_scheduling_brain.${fn}($page_names, $as_of) ORDER BY page_name`, params))
    .map((r) => normalizeDuckRow(r, expected.columns));
  expect(sameRows(expected.rows, actual, true)).toEqual({ equal: true });
  return new Map(expected.rows.map((r) => [String(r.page_name), r]));
}

test('classify_account_size puts every boundary page in the engine\'s tier', async () => {
  const rows = await evaluate('classify_account_size');
  expect(Object.fromEntries(cases.map((c) => [c.page, rows.get(c.page)?.size_tier]))).toEqual(Object.fromEntries(cases.map((c) => [c.page, c.expected])));
  // Every tier is reached, so the limits test below compares every tier's numbers.
  expect(new Set(cases.map((c) => c.expected))).toEqual(new Set(SIZE_TIERS));
});

test('classify_account_size returns the engine\'s per-tier limits for every tier', async () => {
  const rows = await evaluate('classify_account_size');
  for (const c of cases) {
    const row = rows.get(c.page)!;
    const tier = row.size_tier as SizeTier;
    const cfg = TIER_CONFIG[tier];
    expect({ page: c.page, tier, limits: {
      daily_ppv_target_min: row.daily_ppv_target_min, daily_ppv_target_max: row.daily_ppv_target_max, daily_bump_target: row.daily_bump_target,
      min_ppv_gap_minutes: row.min_ppv_gap_minutes, saturation_tolerance: row.saturation_tolerance,
    } }).toEqual({ page: c.page, tier, limits: {
      daily_ppv_target_min: cfg.daily_ppv_target_min, daily_ppv_target_max: cfg.daily_ppv_target_max, daily_bump_target: cfg.daily_bump_target,
      min_ppv_gap_minutes: cfg.min_ppv_gap_minutes, saturation_tolerance: cfg.saturation_tolerance,
    } });
  }
});

test('analyze_saturation_status measures volume against the engine\'s daily maximum and tolerance', async () => {
  const rows = await evaluate('analyze_saturation_status');
  for (const c of cases) {
    const row = rows.get(c.page)!;
    const cfg = TIER_CONFIG[row.size_tier as SizeTier];
    const perDay = row.recent_ppv_per_day as number;
    const expected = Math.min(1, Math.max(0, (perDay / cfg.daily_ppv_target_max - 1) / cfg.saturation_tolerance));
    expect(row.volume_component as number).toBeCloseTo(expected, 12);
    if (c.perDay) {
      expect(perDay).toBe(c.perDay);
      expect(expected).toBeGreaterThan(0); // over the engine's maximum: the volume term counts
    }
  }
});
