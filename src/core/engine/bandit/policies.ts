// Arm-scoring policies (mabwiser-style, but stateless: the stats live in caption_bandit_stats and
// are updated by update_caption_performance, so a policy only scores arms from their posterior).
// The selector takes the highest scores; policies differ only in how they score.
import type { RandomSource } from '../../ports';
import { beta as betaDraw } from '../../random';
import { ENGINE_CONFIG } from '../config';
import { posteriorMean, type Posterior } from './posterior';

export interface Arm {
  pageName: string;
  captionId: number;
  posterior: Posterior;
  /** This page's own sends of the caption. */
  observations: number;
  /** Days from this page's last send of the caption to the week start; null if never sent. */
  daysSinceUse: number | null;
}

export interface PolicyContext {
  random: RandomSource;
  /** Own observations over all of the page's arms (UCB's exploration term). */
  totalObservations: number;
}

export interface Policy {
  readonly name: string;
  score(arm: Arm, ctx: PolicyContext): number;
}

export interface ThompsonOptions {
  /** Pseudo-counts are multiplied by this before the draw (1 = textbook Thompson). */
  sharpness: number;
  /** Score factor for captions the page sent within fatigueDays (audience fatigue). */
  fatiguePenalty: number;
  fatigueDays: number;
}

/** Thompson sampling: a draw from the (sharpened) Beta posterior, discounted when recently sent. */
export function thompsonSampling(opts: Partial<ThompsonOptions> = {}): Policy {
  const { sharpness, fatiguePenalty, fatigueDays } = {
    sharpness: ENGINE_CONFIG.thompsonSharpness, fatiguePenalty: ENGINE_CONFIG.fatiguePenalty, fatigueDays: ENGINE_CONFIG.fatigueDays, ...opts,
  };
  return {
    name: 'thompson',
    score: (arm, ctx) => {
      const draw = betaDraw(ctx.random, arm.posterior.alpha * sharpness, arm.posterior.beta * sharpness);
      const fatigued = arm.daysSinceUse !== null && arm.daysSinceUse < fatigueDays;
      return fatigued ? draw * fatiguePenalty : draw;
    },
  };
}

export const thompson: Policy = thompsonSampling();

export const greedy: Policy = {
  name: 'greedy',
  score: (arm) => posteriorMean(arm.posterior),
};

export function epsilonGreedy(epsilon = 0.1): Policy {
  return {
    name: `epsilon-greedy(${epsilon})`,
    score: (arm, ctx) => (ctx.random.next() < epsilon ? ctx.random.next() : posteriorMean(arm.posterior)),
  };
}

/** UCB1 on the posterior's pseudo-counts, so borrowed priors count as evidence. */
export function ucb(c = Math.SQRT2): Policy {
  return {
    name: 'ucb',
    score: (arm, ctx) => {
      const n = arm.posterior.alpha + arm.posterior.beta;
      const total = Math.max(ctx.totalObservations + n, 2);
      return posteriorMean(arm.posterior) + c * Math.sqrt(Math.log(total) / n);
    },
  };
}

export const uniformRandom: Policy = {
  name: 'uniform-random',
  score: (_arm, ctx) => ctx.random.next(),
};
