// Beta posteriors per page and caption. A caption new to a page borrows a prior from its record on
// other pages (global_successes / global_failures), capped at ENGINE_CONFIG.priorStrength
// pseudo-observations so a page's own evidence soon dominates. Under that sits a base prior per
// caption group (type and price tier), see groupBaseRate.
import { ENGINE_CONFIG } from '../config';

export interface ArmEvidence {
  successes: number;
  failures: number;
  globalSuccesses: number;
  globalFailures: number;
}

export interface Posterior {
  alpha: number;
  beta: number;
  /** Pseudo-observations borrowed from other pages. */
  priorWeight: number;
}

/** Base prior: mean `rate` worth `strength` pseudo-observations. Beta(1, 1) is { 0.5, 2 }. */
export interface BasePrior {
  rate: number;
  strength: number;
}

export const FLAT_PRIOR: BasePrior = { rate: 0.5, strength: 2 };

export function betaPosterior(e: ArmEvidence, priorStrength: number = ENGINE_CONFIG.priorStrength, base: BasePrior = FLAT_PRIOR): Posterior {
  const globalN = e.globalSuccesses + e.globalFailures;
  const weight = Math.min(globalN, priorStrength);
  // Other pages' sends count like this page's, scaled down to `weight` when there are more (the
  // earlier Laplace-smoothed rate smoothed twice on top of the base prior and halved thin records).
  const scale = globalN > 0 ? weight / globalN : 0;
  return {
    alpha: base.strength * base.rate + scale * e.globalSuccesses + e.successes,
    beta: base.strength * (1 - base.rate) + scale * e.globalFailures + e.failures,
    priorWeight: weight,
  };
}

/**
 * A priori chance that a PPV beats the page's median EMV. EMV = conversion × price; with conversion
 * unknown (equal a priori), the odds of beating a typical caption scale with price: p / (p + ref).
 */
export const priceGuess = (price: number | null, referencePrice: number | null): number =>
  price !== null && referencePrice !== null && price > 0 && referencePrice > 0 ? price / (price + referencePrice) : 0.5;

/**
 * Empirical-Bayes base rate of a caption group: the pooled record of its captions (this page and
 * others) shrunk toward the price guess by `guessWeight` pseudo-observations, Laplace-smoothed so
 * it stays inside (0, 1).
 */
export const groupBaseRate = (successes: number, observations: number, guess: number, guessWeight: number): number =>
  (successes + guessWeight * guess + 1) / (observations + guessWeight + 2);

export const posteriorMean = (p: Posterior): number => p.alpha / (p.alpha + p.beta);

/** 95 % (z = 1.96) Wilson score interval on successes / n; [0, 1] when n = 0. */
export function wilsonBounds(successes: number, n: number, z = 1.96): { lower: number; upper: number } {
  if (n <= 0) return { lower: 0, upper: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, (centre - margin) / denom), upper: Math.min(1, (centre + margin) / denom) };
}
