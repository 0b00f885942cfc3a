// Seeded PRNG for the JS side of the generator (pages, captions). Bulk rows use SQL hashing of
// (seed, keys) instead, so they do not depend on generation order or thread scheduling.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

export class Rng {
  private readonly g: Generator;
  constructor(seed: number) {
    this.g = xoroshiro128plus(seed | 0);
  }
  /** Uniform on [0, 1). */
  float(): number {
    return uniformFloat64(this.g);
  }
  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return uniformInt(this.g, lo, hi);
  }
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }
  /** Log-uniform on [lo, hi]: as many pages near 1k as near 100k per decade. */
  logBetween(lo: number, hi: number): number {
    return Math.exp(this.between(Math.log(lo), Math.log(hi)));
  }
  chance(p: number): boolean {
    return this.float() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length - 1)] as T;
  }
  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = Math.max(this.float(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }
  /** `k` distinct items, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, Math.max(0, Math.min(k, copy.length)));
  }
}
