// Seeded randomness for the engine and the simulator: pure-rand's xoroshiro128+ as a RandomSource,
// and the few distributions the bandit needs (normal, gamma, beta).
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomSource } from './ports';

/** FNV-1a 32-bit hash of a string: a stable seed from text. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** A reproducible uniform [0, 1) source from a 32-bit seed. */
export function createRandom(seed: number): RandomSource {
  const rng = xoroshiro128plus(seed | 0);
  // The first outputs from a small seed are poorly mixed: skip them.
  for (let i = 0; i < 8; i += 1) rng.next();
  return { next: () => uniformFloat64(rng) };
}

/** Integer in [min, max] inclusive. */
export function randomInt(random: RandomSource, min: number, max: number): number {
  return min + Math.floor(random.next() * (max - min + 1));
}

/** Standard normal by Box–Muller (one value per call; simplicity over speed). */
export function normal(random: RandomSource): number {
  let u = random.next();
  while (u <= Number.EPSILON) u = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.next());
}

/** Gamma(shape, 1) by Marsaglia–Tsang; shapes below 1 use the boost Gamma(a+1)·U^(1/a). */
export function gamma(random: RandomSource, shape: number): number {
  if (!(shape > 0)) throw new Error(`gamma: shape must be positive, got ${shape}`);
  if (shape < 1) {
    let u = random.next();
    while (u <= 0) u = random.next();
    return gamma(random, shape + 1) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function beta(random: RandomSource, a: number, b: number): number {
  const x = gamma(random, a);
  const y = gamma(random, b);
  return x / (x + y);
}

/** Fisher–Yates shuffle into a new array. */
export function shuffled<T>(random: RandomSource, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random.next() * (i + 1));
    const t = out[i] as T;
    out[i] = out[j] as T;
    out[j] = t;
  }
  return out;
}
