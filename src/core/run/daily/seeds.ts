// The run's seeds. Each page gets its own stream derived from (run seed, page), so a page's plan
// does not depend on how pages were batched, whether the run was resumed, or whether it was
// started again under a new run id after being killed before its first checkpoint.
import type { RandomSource } from '../../ports';
import { createRandom, hashSeed } from '../../random';

/**
 * A run's draw seed: the configured seed, run kind, run date and week. Never the run id, which is
 * time-based: a run killed before its first checkpoint starts again under a new id and must draw
 * what the first attempt would have drawn.
 */
export function runSeed(seed: number, runKind: string, runDate: string, weekStart: string): number {
  return hashSeed(`${seed}|${runKind}|${runDate}|${weekStart}`);
}

/** A page's stream from a run seed (runSeed) and the page. */
export function pageRandom(seed: number, pageName: string): RandomSource {
  return createRandom(hashSeed(`${seed}|${pageName}`));
}
