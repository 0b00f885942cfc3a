// Shared fixtures: a page's analysis row and a caption bank, shaped like the BigQuery rows.
import type { Holiday } from '../../../src/core/engine/week-builder';

export function analysisRow(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    page_name: 'luna_vip', avg_audience: 30000, size_tier: 'LARGE', messages_analyzed: 420,
    saturation_score: 0.3, risk_level: 'LOW', avg_emv: 0.42, avg_conversion_rate: 0.045,
    emv_trend_pct: 2.5, trend_direction: 'stable', best_hours: [20, 21, 19, 12, 22, 9],
    price_floor: 5, price_ceiling: 60, restricted_categories: ['custom'], restricted_keywords: ['meetup'],
    median_emv: 0.3, ...over,
  };
}

const CATEGORIES = ['solo', 'bg', 'tease', 'lingerie', 'custom'];
const TRIGGERS = ['scarcity', 'curiosity', 'exclusivity', 'urgency', 'reciprocity', 'social_proof'];
const TIERS = ['LOW', 'MID', 'HIGH', 'PREMIUM'];

export function candidateRows(page = 'luna_vip', n = 160): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => {
    const ppv = i % 5 < 3;
    const s = (i * 7) % 11;
    const f = (i * 5) % 9;
    return {
      page_name: page, caption_id: 1000 + i, caption_text: `caption ${i} ${i % 17 === 0 ? 'meetup tonight' : 'just for you'}`,
      caption_type: ppv ? 'PPV' : 'BUMP', content_category: CATEGORIES[i % CATEGORIES.length],
      price_tier: TIERS[i % 4], suggested_price: ppv ? (i % 13 === 0 ? '75' : String(8 + (i % 6) * 4)) : null,
      has_urgency: i % 3 === 0 ? 'true' : 'false', psychological_trigger: TRIGGERS[i % TRIGGERS.length],
      successes: i % 4 === 0 ? '0' : String(s), failures: i % 4 === 0 ? '0' : String(f),
      avg_emv: '0.3', last_used: i % 19 === 0 ? '2026-11-28T20:00:00Z' : null,
      global_successes: String((i * 3) % 7), global_failures: String((i * 2) % 5), candidate_rank: String(i + 1),
    };
  });
}

export const HOLIDAYS: Holiday[] = [
  { date: '2026-11-26', name: 'Thanksgiving Day', type: 'FEDERAL', significance: 'major', saturationImpactFactor: 0.7 },
];

export const clock = { now: () => new Date('2026-11-28T11:05:00Z') };
