// The closed loop: build each page's week with the real engine (planPage, selector, builder) under
// a policy, simulate sends and purchases from the hidden appeal with fatigue, and update the
// bandit stats as update_caption_performance does (success = EMV above the page's median EMV).
import { planPage } from '../../src/core/engine/plan';
import type { Policy } from '../../src/core/engine/bandit/policies';
import { createRandom, normal } from '../../src/core/random';
import { DateTime } from 'luxon';
import type { World } from './world';

export interface LoopResult {
  policy: string;
  /** Total EMV (earnings per recipient, summed over PPV sends) per week, all pages. */
  weeklyEmv: number[];
  totalEmv: number;
}

interface PageState {
  stats: Map<number, { s: number; f: number; lastUsed: Date | null }>;
  recentEmv: Array<{ at: number; emv: number }>;
  uses: Array<{ at: number; captionId: number }>;
}

const DAY = 86_400_000;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

/** Expected purchase rate of a caption on a page right now (the oracle's knowledge). */
export function trueRate(world: World, state: PageState, page: string, captionId: number, at: number): number {
  const c = world.captions.find((x) => x.id === captionId);
  if (!c) return 0;
  const recentUses = state.uses.filter((u) => u.captionId === captionId && at - u.at < 28 * DAY).length;
  return c.appeal * (world.taste.get(page)?.get(captionId) ?? 1) * Math.pow(world.params.fatiguePerUse, recentUses);
}

/** The week's deal of caption_candidate_pool (is_home): the page number a caption is dealt to. */
export function homeNumber(captionId: number, weekStart: string, pageCount: number): number {
  const days = Math.round(Date.parse(`${weekStart}T00:00:00Z`) / DAY);
  const m = ((days * 40503) % 1000002) + 1;
  return ((((captionId % 1000003) + 1000003) % 1000003) * m % 1000003) % pageCount;
}

export interface LoopOptions {
  firstWeek?: string;
  /** Plan as a run of several pages does: each page prefers the captions the week deals to it. */
  deal?: boolean;
}

export function runLoop(world: World, makePolicy: (oracle: (page: string, captionId: number) => number) => Policy, weeks: number, seed: number, options: LoopOptions = {}): LoopResult {
  const firstWeek = options.firstWeek ?? '2027-01-04';
  const pages = new Map<string, PageState>(world.params.pages.map((p) => [p.name, { stats: new Map(), recentEmv: [], uses: [] }]));
  const byId = new Map(world.captions.map((c) => [c.id, c]));
  let now = Date.parse(`${firstWeek}T08:00:00Z`);
  const policy = makePolicy((page, id) => {
    const st = pages.get(page);
    const c = byId.get(id);
    return st && c ? trueRate(world, st, page, id, now) * (c.price ?? 0) : 0;
  });
  // Purchases draw from their own stream so every policy faces the same luck per seed and week.
  const weeklyEmv: number[] = [];
  for (let w = 0; w < weeks; w += 1) {
    const weekStart = DateTime.fromISO(firstWeek).plus({ weeks: w }).toISODate() ?? firstWeek;
    now = Date.parse(`${weekStart}T08:00:00Z`);
    let weekTotal = 0;
    for (const [pageNumber, p] of world.params.pages.entries()) {
      const st = pages.get(p.name) as PageState;
      const candidates = world.captions.map((c, i) => {
        const own = st.stats.get(c.id);
        let gs = 0;
        let gf = 0;
        for (const [name, other] of pages) {
          if (name === p.name) continue;
          const o = other.stats.get(c.id);
          gs += o?.s ?? 0;
          gf += o?.f ?? 0;
        }
        return {
          page_name: p.name, caption_id: c.id, caption_text: `caption ${c.id}`, caption_type: c.type,
          content_category: c.category, price_tier: c.priceTier, suggested_price: c.price, has_urgency: false,
          psychological_trigger: c.trigger, successes: own?.s ?? 0, failures: own?.f ?? 0, avg_emv: null,
          last_used: own?.lastUsed ?? null, global_successes: gs, global_failures: gf, candidate_rank: i + 1,
          is_home: options.deal === true && homeNumber(c.id, weekStart, world.params.pages.length) === pageNumber,
        };
      });
      const plan = planPage({
        analysisRow: {
          page_name: p.name, avg_audience: p.audience, size_tier: 'SMALL', messages_analyzed: 100, saturation_score: 0.3,
          risk_level: 'LOW', avg_emv: 0, avg_conversion_rate: 0, emv_trend_pct: null, trend_direction: 'stable',
          best_hours: [20, 21, 19, 12, 9], price_floor: null, price_ceiling: null, restricted_categories: [],
          restricted_keywords: [], median_emv: null,
        },
        candidates, locks: [], holidays: [], weekStart, scheduleId: `sim_${seed}_${w}_${p.name}`,
        ...(options.deal ? { preferHome: true } : {}),
      }, { random: createRandom(seed * 7919 + w * 31 + p.audience), clock: { now: () => new Date(now) }, policy });
      const luck = createRandom(seed * 104729 + w * 17 + p.audience);
      const results: Array<{ id: number; emv: number; at: number }> = [];
      for (const slot of plan.schedule.slots) {
        if (slot.captionId === null) continue;
        const at = slot.sendTime.getTime();
        if (slot.messageType === 'PPV') {
          const rate = trueRate(world, st, p.name, slot.captionId, at);
          const mean = p.audience * rate;
          const buys = Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - rate)) * normal(luck)));
          const emv = (buys * (slot.price ?? 0)) / p.audience;
          results.push({ id: slot.captionId, emv, at });
          weekTotal += emv;
        }
        st.uses.push({ at, captionId: slot.captionId });
        const prev = st.stats.get(slot.captionId) ?? { s: 0, f: 0, lastUsed: null };
        st.stats.set(slot.captionId, { ...prev, lastUsed: new Date(at) });
      }
      // update_caption_performance: the page's median EMV over the last 28 days decides success.
      st.recentEmv.push(...results.map((r) => ({ at: r.at, emv: r.emv })));
      const end = now + 7 * DAY;
      st.recentEmv = st.recentEmv.filter((r) => end - r.at < 28 * DAY);
      const med = median(st.recentEmv.map((r) => r.emv));
      for (const r of results) {
        const s = st.stats.get(r.id) ?? { s: 0, f: 0, lastUsed: null };
        st.stats.set(r.id, r.emv > med ? { ...s, s: s.s + 1 } : { ...s, f: s.f + 1 });
      }
    }
    weeklyEmv.push(weekTotal);
  }
  return { policy: policy.name, weeklyEmv, totalEmv: weeklyEmv.reduce((a, b) => a + b, 0) };
}
