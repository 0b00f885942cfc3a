// Beta posteriors per page and caption. A caption new to a page borrows a prior from its record on
// other pages (global_successes / global_failures), capped at ENGINE_CONFIG.priorStrength
// pseudo-observations so a page's own evidence soon dominates.
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

export function betaPosterior(e: ArmEvidence, priorStrength: number = ENGINE_CONFIG.priorStrength): Posterior {
  const globalN = e.globalSuccesses + e.globalFailures;
  const weight = Math.min(globalN, priorStrength);
  // Laplace-smoothed success rate elsewhere; with no record this is Beta(1, 1).
  const rate = (e.globalSuccesses + 1) / (globalN + 2);
  return {
    alpha: 1 + weight * rate + e.successes,
    beta: 1 + weight * (1 - rate) + e.failures,
    priorWeight: weight,
  };
}

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
