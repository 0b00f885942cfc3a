// Runs every policy over many seeds of the synthetic world and summarizes EMV and regret.
import { epsilonGreedy, greedy, thompson, ucb, uniformRandom, type Policy } from '../../src/core/engine/bandit/policies';
import { runLoop } from './loop';
import { buildWorld, DEFAULT_WORLD, type WorldParams } from './world';

export type PolicyMaker = (oracle: (page: string, captionId: number) => number) => Policy;

/** A policy, and whether pages keep to the week's deal of the bank (as in a run of several pages). */
export interface PolicyEntry {
  make: PolicyMaker;
  deal?: boolean;
}

export const POLICIES: Record<string, PolicyEntry> = {
  thompson: { make: () => thompson },
  'thompson + deal': { make: () => thompson, deal: true },
  'uniform-random': { make: () => uniformRandom },
  greedy: { make: () => greedy },
  'epsilon-greedy': { make: () => epsilonGreedy(0.1) },
  ucb: { make: () => ucb() },
  oracle: { make: (oracle) => ({ name: 'oracle', score: (arm) => oracle(arm.pageName, arm.captionId) }) },
};

export interface PolicySummary {
  policy: string;
  mean: number;
  sd: number;
  ci95: [number, number];
  regretMean: number;
  regretSd: number;
  ratioVsRandom: number;
  ratioVsOracle: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
};

export function compare(seeds: number[], weeks: number, params: WorldParams = DEFAULT_WORLD, policies = POLICIES, onSeed?: () => void): PolicySummary[] {
  const totals = new Map<string, number[]>(Object.keys(policies).map((k) => [k, []]));
  for (const seed of seeds) {
    for (const [name, { make, deal }] of Object.entries(policies)) {
      // A fresh world per run: same seed, same hidden appeal, for every policy.
      totals.get(name)?.push(runLoop(buildWorld(seed, params), make, weeks, seed, { deal: deal === true }).totalEmv);
    }
    onSeed?.();
  }
  const oracle = totals.get('oracle') ?? [];
  const random = mean(totals.get('uniform-random') ?? []);
  return [...totals].map(([policy, xs]) => {
    const m = mean(xs);
    const s = sd(xs);
    const regret = xs.map((x, i) => (oracle[i] ?? x) - x);
    const half = (1.96 * s) / Math.sqrt(xs.length);
    return {
      policy, mean: m, sd: s, ci95: [m - half, m + half], regretMean: mean(regret), regretSd: sd(regret),
      ratioVsRandom: random > 0 ? m / random : NaN, ratioVsOracle: oracle.length ? m / mean(oracle) : NaN,
    };
  });
}
