// Seeded random sources. Each page gets its own stream derived from (run seed, page), so a page's
// plan does not depend on how pages were batched, whether the run was resumed, or whether it was
// started again under a new run id after being killed before its first checkpoint.
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomSource } from '../ports';

/** FNV-1a 32-bit hash of a string: a stable seed from text. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export function seededRandom(seed: number): RandomSource {
  const rng = xoroshiro128plus(seed | 0);
  // The first outputs of a xoroshiro stream from a small seed are poorly mixed: skip them.
  for (let i = 0; i < 8; i += 1) rng.next();
  return { next: () => uniformFloat64(rng) };
}

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
  return seededRandom(hashSeed(`${seed}|${pageName}`));
}
