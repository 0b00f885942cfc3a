// A synthetic agency for the bandit benchmark: pages across tiers sharing one caption bank, each
// caption with a hidden appeal (a global quality times a page-specific taste) and fatigue when a
// page repeats it. Deterministic per seed.
import { createRandom, normal } from '../../src/core/random';
import type { RandomSource } from '../../src/core/ports';

export interface WorldParams {
  pages: Array<{ name: string; audience: number }>;
  ppvCaptions: number;
  bumpCaptions: number;
  /** Mean purchase rate of a caption and the log-normal spread of its appeal. */
  baseRate: number;
  appealSpread: number;
  pageTasteSpread: number;
  /** Purchase rate multiplier per send of the same caption on the page in the last 28 days. */
  fatiguePerUse: number;
}

export const DEFAULT_WORLD: WorldParams = {
  pages: [
    { name: 'page_small', audience: 3_000 },
    { name: 'page_medium', audience: 12_000 },
    { name: 'page_large', audience: 40_000 },
  ],
  ppvCaptions: 120,
  bumpCaptions: 70,
  baseRate: 0.02,
  appealSpread: 0.6,
  pageTasteSpread: 0.3,
  fatiguePerUse: 0.8,
};

const CATEGORIES = ['solo', 'bg', 'tease', 'lingerie', 'feet', 'shower'];
const TRIGGERS = ['scarcity', 'curiosity', 'exclusivity', 'urgency', 'reciprocity', 'social_proof'];
const PRICE_TIERS: Array<[string, number]> = [['LOW', 9.99], ['MID', 14.99], ['HIGH', 24.99], ['PREMIUM', 39.99]];

export interface SimCaption {
  id: number;
  type: 'PPV' | 'BUMP';
  category: string;
  trigger: string;
  priceTier: string;
  price: number | null;
  /** Purchase rate per recipient before page taste and fatigue. */
  appeal: number;
}

export interface World {
  params: WorldParams;
  captions: SimCaption[];
  /** taste.get(page).get(captionId): page-specific multiplier on appeal. */
  taste: Map<string, Map<number, number>>;
  random: RandomSource;
}

export function buildWorld(seed: number, params: WorldParams = DEFAULT_WORLD): World {
  const random = createRandom(seed);
  const captions: SimCaption[] = [];
  const total = params.ppvCaptions + params.bumpCaptions;
  for (let i = 0; i < total; i += 1) {
    const type = i < params.ppvCaptions ? 'PPV' : 'BUMP';
    const [tier, price] = PRICE_TIERS[Math.floor(random.next() * PRICE_TIERS.length)] ?? ['MID', 14.99];
    // Dearer content sells less often: rate scales against price so no tier dominates by price alone.
    const appeal = params.baseRate * Math.exp(params.appealSpread * normal(random)) * Math.sqrt(14.99 / price);
    captions.push({
      id: 5000 + i, type, category: CATEGORIES[Math.floor(random.next() * CATEGORIES.length)] ?? 'solo',
      trigger: TRIGGERS[Math.floor(random.next() * TRIGGERS.length)] ?? 'curiosity',
      priceTier: tier, price: type === 'PPV' ? price : null, appeal,
    });
  }
  const taste = new Map<string, Map<number, number>>();
  for (const p of params.pages) {
    taste.set(p.name, new Map(captions.map((c) => [c.id, Math.exp(params.pageTasteSpread * normal(random))])));
  }
  return { params, captions, taste, random };
}
