// Selector: which captions a page's week uses, and which slot each goes to. Filters first (each
// exclusion is recorded), then scores every remaining caption with the bandit policy (posteriors
// start from a per-price-tier base prior, see basePriors) and picks greedily under diversity caps,
// an exploration reserve for captions new to the page, and a per-category budget penalty. Every
// pick keeps its draw and a one-line reason.
import { betaPosterior, groupBaseRate, priceGuess, type BasePrior, type Posterior } from './bandit/posterior';
import type { Policy } from './bandit/policies';
import { ENGINE_CONFIG } from './config';
import { overlaps, type Candidate, type CaptionLock } from './candidates';
import type { RandomSource } from '../ports';

export interface SelectionRules {
  pageName: string;
  restrictedCategories: string[];
  restrictedKeywords: string[];
  priceFloor: number | null;
  priceCeiling: number | null;
  week: { start: Date; end: Date };
  cooldownDays: number;
  locks: CaptionLock[];
  /**
   * Caption id → how many pages planned together have it as a candidate. Pages of a run are planned
   * one after another and each locks its picks for the others, so a page leaves a caption many
   * others want in favour of one they do not, and pages planned late are not starved.
   */
  contention?: ReadonlyMap<number, number>;
  /**
   * The run plans several pages: a caption the week's deal gave another page (is_home false) is
   * drawn at 1 / (1 + homePenalty), so each page mostly keeps to its own share of the bank.
   */
  preferHome?: boolean;
}

export interface Exclusion {
  captionId: number;
  reason: string;
}

export interface Pick {
  candidate: Candidate;
  posterior: Posterior;
  draw: number;
  isNew: boolean;
  price: number | null;
  reason: string;
}

/** A PPV caption's price: its suggested price, else its tier's price. Out-of-range prices are
 * excluded by the floor/ceiling rule rather than clamped, so the caption's pitch stays consistent. */
export function effectivePrice(c: Candidate): number | null {
  if (c.caption_type !== 'PPV') return null;
  const base = c.suggested_price ?? ENGINE_CONFIG.tierPrices[c.price_tier.toUpperCase()] ?? ENGINE_CONFIG.defaultPrice;
  return Math.round(base * 100) / 100;
}

// Locks by caption id, built once per lock list (lists are not changed after parsing): every
// candidate and every slot asks.
const lockIndex = new WeakMap<CaptionLock[], Map<number, CaptionLock[]>>();
function locksOf(locks: CaptionLock[], captionId: number): CaptionLock[] {
  let index = lockIndex.get(locks);
  if (!index) {
    index = new Map();
    for (const l of locks) {
      const list = index.get(l.captionId);
      if (list) list.push(l);
      else index.set(l.captionId, [l]);
    }
    lockIndex.set(locks, index);
  }
  return index.get(captionId) ?? [];
}

/** Why a caption may not be used this week, or null when it may. */
export function exclusionReason(c: Candidate, r: SelectionRules): string | null {
  const cat = c.content_category.toLowerCase();
  if (r.restrictedCategories.some((x) => x.toLowerCase() === cat)) return `category "${c.content_category}" is restricted for this page`;
  const text = c.caption_text.toLowerCase();
  const kw = r.restrictedKeywords.find((k) => k.trim() !== '' && text.includes(k.toLowerCase()));
  if (kw !== undefined) return `contains restricted keyword "${kw}"`;
  const price = effectivePrice(c);
  if (price !== null && r.priceFloor !== null && price < r.priceFloor) return `price ${price} below the floor ${r.priceFloor}`;
  if (price !== null && r.priceCeiling !== null && price > r.priceCeiling) return `price ${price} above the ceiling ${r.priceCeiling}`;
  const lock = locksOf(r.locks, c.caption_id).find((l) => l.pageName !== r.pageName && overlaps(l.windowStart, l.windowEnd, r.week.start, r.week.end));
  if (lock) return `locked by page "${lock.pageName}" until ${lock.windowEnd.toISOString()}`;
  if (c.last_used && c.last_used.getTime() > r.week.start.getTime() - r.cooldownDays * 86_400_000) {
    return `used by this page on ${c.last_used.toISOString().slice(0, 10)}, inside the ${r.cooldownDays}-day cool-down`;
  }
  return null;
}

/**
 * Base prior per caption: the pooled record (this page and others) of the other captions in its
 * group (type and price tier), shrunk toward its price guess.
 */
function basePriors(usable: Candidate[]): Map<number, BasePrior> {
  const prices = usable.map(effectivePrice).filter((p): p is number => p !== null);
  const reference = prices.length > 0 ? prices.reduce((a, b) => a + b, 0) / prices.length : null;
  const groupOf = (c: Candidate) => `${c.caption_type}|${c.price_tier.toUpperCase()}`;
  const wins = (c: Candidate) => c.successes + c.global_successes;
  const sends = (c: Candidate) => wins(c) + c.failures + c.global_failures;
  const groups = new Map<string, { s: number; n: number }>();
  for (const c of usable) {
    const g = groups.get(groupOf(c)) ?? { s: 0, n: 0 };
    groups.set(groupOf(c), { s: g.s + wins(c), n: g.n + sends(c) });
  }
  const out = new Map<number, BasePrior>();
  for (const c of usable) {
    const g = groups.get(groupOf(c)) ?? { s: 0, n: 0 };
    // Leave the caption's own record out: it enters the posterior directly.
    const rate = groupBaseRate(g.s - wins(c), g.n - sends(c), priceGuess(effectivePrice(c), reference), ENGINE_CONFIG.priceGuessWeight);
    out.set(c.caption_id, { rate, strength: ENGINE_CONFIG.basePriorStrength });
  }
  return out;
}

export interface SelectionResult {
  picks: Pick[];
  exclusions: Exclusion[];
  /** Usable captions not picked, in order of preference: the assignment's replacements when the
   * picks alone cannot avoid a repeated trigger. */
  alternates: Pick[];
}

/** Candidates once each (best rank first), split into the usable and the excluded with why. */
function usableCandidates(candidates: Candidate[], rules: SelectionRules): { usable: Candidate[]; exclusions: Exclusion[] } {
  const exclusions: Exclusion[] = [];
  const seen = new Set<number>();
  const usable: Candidate[] = [];
  for (const c of [...candidates].sort((a, b) => a.candidate_rank - b.candidate_rank || a.caption_id - b.caption_id)) {
    if (seen.has(c.caption_id)) continue;
    seen.add(c.caption_id);
    const why = exclusionReason(c, rules);
    if (why) exclusions.push({ captionId: c.caption_id, reason: why });
    else usable.push(c);
  }
  return { usable, exclusions };
}

/** A usable caption with its posterior and draw; category and trigger as small integers (the pick loop scans the pool once per pick). */
interface Item {
  c: Candidate;
  posterior: Posterior;
  draw: number;
  isNew: boolean;
  cat: number;
  trig: number;
  taken: boolean;
}

function drawItems(usable: Candidate[], rules: SelectionRules, policy: Policy, random: RandomSource): { items: Item[]; categories: number; triggers: number } {
  const totalObservations = usable.reduce((n, c) => n + c.successes + c.failures, 0);
  const priors = basePriors(usable);
  const weekStart = rules.week.start.getTime();
  const catIds = new Map<string, number>();
  const trigIds = new Map<string, number>();
  const idOf = (m: Map<string, number>, k: string) => m.get(k) ?? m.set(k, m.size).get(k)!;
  const items = usable.map((c): Item => {
    const posterior = betaPosterior(
      { successes: c.successes, failures: c.failures, globalSuccesses: c.global_successes, globalFailures: c.global_failures },
      ENGINE_CONFIG.priorStrength, priors.get(c.caption_id),
    );
    const observations = c.successes + c.failures;
    const daysSinceUse = c.last_used ? (weekStart - c.last_used.getTime()) / 86_400_000 : null;
    const wanted = rules.contention?.get(c.caption_id) ?? 1;
    const draw = policy.score({ pageName: rules.pageName, captionId: c.caption_id, posterior, observations, daysSinceUse }, { random, totalObservations })
      / (1 + ENGINE_CONFIG.contentionPenalty * Math.max(0, wanted - 1))
      / (rules.preferHome && !c.is_home ? 1 + ENGINE_CONFIG.homePenalty : 1);
    return { c, posterior, draw, isNew: observations === 0, cat: idOf(catIds, c.content_category), trig: idOf(trigIds, c.psychological_trigger), taken: false };
  });
  return { items, categories: catIds.size, triggers: trigIds.size };
}

/** How much of each category and trigger the picks so far use, against the week's caps. */
interface Usage {
  catCap: number;
  trigCap: number;
  cat: number[];
  trig: number[];
}

/** The best item of the pool not taken: caps hard on the first pass, relaxed only when nothing else is left. */
function bestOf(pool: readonly Item[], use: Usage, exploring: boolean): Item | undefined {
  let best: Item | undefined;
  let bestScore = -Infinity;
  for (let pass = 0; pass < 2 && !best; pass += 1) {
    for (const x of pool) {
      if (x.taken || (exploring && !x.isNew)) continue;
      const cu = use.cat[x.cat]!;
      if (pass === 0 && (cu >= use.catCap || use.trig[x.trig]! >= use.trigCap)) continue;
      const adjusted = x.draw * (1 - ENGINE_CONFIG.categoryBudgetPenalty * cu);
      if (adjusted > bestScore) {
        bestScore = adjusted;
        best = x;
      }
    }
  }
  return best;
}

/** Picks `want` captions of one type: an exploration reserve goes to captions new to the page. */
function pickType(items: readonly Item[], type: 'PPV' | 'BUMP', want: number, use: Usage, policy: Policy, picks: Pick[]): void {
  let reserve = Math.ceil(want * ENGINE_CONFIG.explorationShare);
  const pool = items.filter((x) => x.c.caption_type === type);
  let poolLeft = pool.length;
  let newLeft = pool.filter((x) => x.isNew).length;
  for (let k = 0; k < want && poolLeft > 0; k += 1) {
    const exploring = reserve > 0 && newLeft > 0;
    const chosen = bestOf(pool, use, exploring);
    if (!chosen) break;
    if (exploring) reserve -= 1;
    chosen.taken = true;
    poolLeft -= 1;
    if (chosen.isNew) newLeft -= 1;
    use.cat[chosen.cat]! += 1;
    use.trig[chosen.trig]! += 1;
    const own = `${chosen.c.successes}/${chosen.c.successes + chosen.c.failures} wins here`;
    const why = exploring
      ? `exploration pick (new to this page; prior ${chosen.c.global_successes}/${chosen.c.global_successes + chosen.c.global_failures} elsewhere)`
      : `${policy.name} score ${chosen.draw.toFixed(3)} (${own})`;
    picks.push({ candidate: chosen.c, posterior: chosen.posterior, draw: chosen.draw, isNew: chosen.isNew, price: effectivePrice(chosen.c), reason: why });
  }
}

/** Items not picked, within the category cap first, then by draw; at most a type's slots of one type and trigger. */
function alternatesOf(items: readonly Item[], use: Usage, need: { PPV: number; BUMP: number }, policy: Policy): Pick[] {
  const overCap = (x: Item) => (use.cat[x.cat]! >= use.catCap ? 1 : 0);
  const perSource = new Map<string, number>();
  return items
    .filter((x) => !x.taken)
    .sort((a, b) => overCap(a) - overCap(b) || b.draw - a.draw)
    .filter((x) => {
      const key = `${x.c.caption_type}|${x.trig}`;
      const n = (perSource.get(key) ?? 0) + 1;
      perSource.set(key, n);
      return n <= (x.c.caption_type === 'PPV' ? need.PPV : need.BUMP);
    })
    .map((x): Pick => ({
      candidate: x.c, posterior: x.posterior, draw: x.draw, isNew: x.isNew, price: effectivePrice(x.c),
      reason: `${policy.name} score ${x.draw.toFixed(3)}, swapped in so the trigger differs from the slot before`,
    }));
}

/**
 * Chooses up to `need[type]` captions of each type, at most `captionTarget` in all.
 */
export function selectCaptions(
  candidates: Candidate[], rules: SelectionRules, need: { PPV: number; BUMP: number }, captionTarget: number,
  policy: Policy, random: RandomSource,
): SelectionResult {
  const { usable, exclusions } = usableCandidates(candidates, rules);
  const { items, categories, triggers } = drawItems(usable, rules, policy, random);
  const picks: Pick[] = [];
  const budget = Math.min(captionTarget, need.PPV + need.BUMP);
  const use: Usage = {
    catCap: Math.max(1, Math.ceil(budget * ENGINE_CONFIG.categoryCapShare)),
    trigCap: Math.max(1, Math.ceil(budget * ENGINE_CONFIG.triggerCapShare)),
    cat: new Array<number>(categories).fill(0),
    trig: new Array<number>(triggers).fill(0),
  };
  for (const type of ['PPV', 'BUMP'] as const) pickType(items, type, Math.min(need[type], Math.max(0, captionTarget - picks.length)), use, policy, picks);
  return { picks, exclusions, alternates: alternatesOf(items, use, need, policy) };
}
