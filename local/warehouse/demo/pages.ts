// Creator pages: audience sizes across every tier, hidden behaviour parameters (what the
// simulator and benchmarks know and the scheduler must discover), and per-page restrictions.
import type { Rng } from './rng';

export type Tier = 'NEW' | 'SMALL' | 'MEDIUM' | 'LARGE' | 'XL';

// Subscriber ranges per tier; NEW pages are also young (joined within the last weeks).
const TIER_RANGE: Record<Tier, [number, number]> = {
  NEW: [300, 1_200],
  SMALL: [1_200, 5_000],
  MEDIUM: [5_000, 20_000],
  LARGE: [20_000, 60_000],
  XL: [60_000, 150_000],
};
const TIER_SHARE: Array<[Tier, number]> = [
  ['NEW', 0.12],
  ['SMALL', 0.22],
  ['MEDIUM', 0.3],
  ['LARGE', 0.22],
  ['XL', 0.14],
];

const FIRST = [
  'alexa', 'bella', 'cora', 'daisy', 'eva', 'freya', 'gia', 'harper', 'ivy', 'jade', 'kira', 'luna',
  'mia', 'nova', 'olive', 'piper', 'quinn', 'rosa', 'sky', 'tara', 'uma', 'violet', 'willow', 'xena',
  'yara', 'zoe', 'amber', 'brooke', 'chloe', 'dani', 'ella', 'fiona', 'grace', 'hazel', 'isla', 'jenna',
];
const LAST = ['rose', 'belle', 'moon', 'fox', 'kiss', 'star', 'vibes', 'baby', 'doll', 'honey', 'peach', 'gold'];
const SCHEDULERS = ['maya', 'jordan', 'priya', 'luis', 'sam', 'noor'];
export const CATEGORIES = ['solo', 'bg', 'gg', 'tease', 'custom', 'lingerie', 'feet', 'shower', 'outdoor', 'cosplay', 'bundle', 'livestream'];
const BANNED_WORDS = ['free', 'meet', 'snap', 'telegram', 'cashapp', 'anal', 'daddy', 'sister'];

export interface Page {
  idx: number;
  pageName: string;
  displayName: string;
  tier: Tier;
  isActive: boolean;
  pageType: 'paid' | 'free';
  subscribers: number;
  activeFans30d: number;
  joinedDate: string;
  scheduler: string;
  /** First day index (0-based within the history) the page sent anything. */
  startDay: number;
  // Hidden behaviour:
  ppvRate: number;
  bumpRate: number;
  baseConversion: number;
  viewRate: number;
  priceMult: number;
  /** PPVs per day the audience tolerates before fatigue sets in. */
  comfort: number;
  /** Share of sends a page makes in the evening. */
  evening: number;
}

export interface Restriction {
  pageName: string;
  categories: string[] | null;
  keywords: string[] | null;
  priceFloor: number | null;
  priceCeiling: number | null;
}

function tierPlan(n: number): Tier[] {
  if (n === 0) return [];
  const plan: Tier[] = [];
  for (const [tier, share] of TIER_SHARE) plan.push(...Array<Tier>(Math.max(1, Math.round(n * share))).fill(tier));
  while (plan.length > n) plan.splice(plan.lastIndexOf('MEDIUM') >= 0 && plan.length > 5 ? plan.lastIndexOf('MEDIUM') : plan.length - 1, 1);
  while (plan.length < n) plan.push('MEDIUM');
  return plan;
}

function dayString(end: string, minusDays: number): string {
  return new Date(Date.parse(`${end}T00:00:00Z`) - minusDays * 86_400_000).toISOString().slice(0, 10);
}

export function generatePages(rng: Rng, n: number, days: number, endDate: string): Page[] {
  const names = new Set<string>();
  return tierPlan(n).map((tier, idx) => {
    let pageName = '';
    for (let attempt = 0; pageName === '' || names.has(pageName); attempt++) {
      const style = rng.int(0, 3);
      const f = rng.pick(FIRST);
      const l = rng.pick(LAST);
      pageName = [`${f}_${l}`, `${f}${l}`, `miss_${f}`, `${f}.${l}`][style] as string;
      if (attempt > 5) pageName = `${pageName}${idx}`;
    }
    names.add(pageName);
    const [lo, hi] = TIER_RANGE[tier];
    const subscribers = Math.round(rng.logBetween(lo, hi));
    const ageDays = tier === 'NEW' ? rng.int(12, 45) : rng.int(days + 30, days + 900);
    const overSender = rng.chance(0.2);
    const tierVolume = { NEW: 1.5, SMALL: 2.5, MEDIUM: 3.5, LARGE: 4, XL: 4.5 }[tier];
    return {
      idx,
      pageName,
      displayName: pageName.replace(/[._]/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
      tier,
      // A few pages were let go: history stays, the scheduler must skip them.
      isActive: !(idx % 13 === 7),
      pageType: rng.chance(0.8) ? 'paid' : 'free',
      subscribers,
      activeFans30d: Math.round(subscribers * rng.between(0.25, 0.7)),
      joinedDate: dayString(endDate, ageDays),
      scheduler: rng.pick(SCHEDULERS),
      startDay: Math.max(0, days - ageDays),
      ppvRate: tierVolume * rng.between(0.7, 1.3) + (overSender ? rng.between(3, 5) : 0),
      bumpRate: rng.between(1, 3),
      // Smaller audiences are more engaged per fan.
      baseConversion: rng.between(0.015, 0.045) * Math.pow(subscribers / 5000, -0.12),
      viewRate: rng.between(0.22, 0.45),
      priceMult: rng.between(0.8, 1.4) * (tier === 'XL' || tier === 'LARGE' ? 1.15 : 1),
      comfort: rng.between(2.5, 4.5),
      evening: rng.between(0.5, 0.68),
    };
  });
}

/** About a third of pages carry restrictions; account managers leave NULLs and empty lists. */
export function generateRestrictions(rng: Rng, pages: Page[]): Restriction[] {
  const out: Restriction[] = [];
  for (const p of pages) {
    if (!rng.chance(0.35) && p.idx !== 0) continue;
    const categories = rng.chance(0.15) ? null : rng.sample(CATEGORIES, rng.int(0, 3));
    const keywords = rng.chance(0.3) ? null : rng.sample(BANNED_WORDS, rng.int(1, 3));
    const priceFloor = rng.chance(0.5) ? Math.round(rng.between(5, 12)) : null;
    const priceCeiling = rng.chance(0.5) ? Math.round(rng.between(30, 60)) : null;
    out.push({ pageName: p.pageName, categories, keywords, priceFloor, priceCeiling });
  }
  return out;
}
