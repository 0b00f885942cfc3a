import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { jStat } from 'jstat';
import { beta, createRandom, gamma } from '../../../src/core/random';
import { scheduleIdFor, sha256Hex } from '../../../src/core/hash';

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

describe('sha256Hex and scheduleIdFor', () => {
  it('agrees with Node crypto on any text, including non-ASCII', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 150 }), (s) => {
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    }), { numRuns: 200 });
  });
  it('known vector', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('schedule ids are deterministic and differ per page, week and generation', () => {
    const id = scheduleIdFor('luna_vip', '2026-11-30', 'run-1');
    expect(id).toMatch(/^sch_[0-9a-f]{20}$/);
    expect(scheduleIdFor('luna_vip', '2026-11-30', 'run-1')).toBe(id);
    expect(scheduleIdFor('luna_vip', '2026-12-07', 'run-1')).not.toBe(id);
    expect(scheduleIdFor('luna_vip', '2026-11-30', 'run-2')).not.toBe(id);
    expect(scheduleIdFor('nova', '2026-11-30', 'run-1')).not.toBe(id);
  });
});
