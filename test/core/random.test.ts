import { jStat } from 'jstat';
import { beta, createRandom, gamma } from '../../src/core/random';

/** One-sample Kolmogorov–Smirnov statistic against a CDF. */
function ksStatistic(sample: number[], cdf: (x: number) => number): number {
  const xs = [...sample].sort((a, b) => a - b);
  let d = 0;
  xs.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs((i + 1) / xs.length - f), Math.abs(f - i / xs.length));
  });
  return d;
}

describe('Beta sampler against the analytic Beta CDF (Kolmogorov–Smirnov)', () => {
  const n = 4000;
  // Critical value at α = 0.001: 1.95 / √n.
  const critical = 1.95 / Math.sqrt(n);
  for (const [a, b] of [[1, 1], [0.5, 0.5], [2, 8], [30, 5], [1.5, 40]] as const) {
    it(`Beta(${a}, ${b}) passes KS at α = 0.001`, () => {
      const random = createRandom(a * 1000 + b);
      const sample = Array.from({ length: n }, () => beta(random, a, b));
      expect(ksStatistic(sample, (x) => jStat.beta.cdf(x, a, b))).toBeLessThan(critical);
    });
  }
  it('detects a wrong distribution (the test has power)', () => {
    const random = createRandom(7);
    const sample = Array.from({ length: n }, () => beta(random, 2, 5));
    expect(ksStatistic(sample, (x) => jStat.beta.cdf(x, 2.5, 5))).toBeGreaterThan(critical);
  });
  it('gamma has the right mean and variance', () => {
    const random = createRandom(3);
    const xs = Array.from({ length: 20000 }, () => gamma(random, 3.5));
    expect(jStat.mean(xs)).toBeCloseTo(3.5, 1);
    expect(jStat.variance(xs)).toBeGreaterThan(3.2);
    expect(jStat.variance(xs)).toBeLessThan(3.8);
  });
  it('the same seed gives the same stream', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const xa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xa);
  });
});
