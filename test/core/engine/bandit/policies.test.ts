import { betaPosterior, groupBaseRate, posteriorMean, priceGuess, wilsonBounds } from '../../../../src/core/engine/bandit/posterior';
import { epsilonGreedy, greedy, thompson, thompsonSampling, ucb, uniformRandom, type Arm } from '../../../../src/core/engine/bandit/policies';
import { createRandom } from '../../../../src/core/random';

const arm = (s: number, f: number, gs = 0, gf = 0): Arm => ({
  pageName: 'p', captionId: 1, observations: s + f, daysSinceUse: null, posterior: betaPosterior({ successes: s, failures: f, globalSuccesses: gs, globalFailures: gf }),
});

describe('posterior', () => {
  it('is Beta(1 + s, 1 + f) without a record elsewhere', () => {
    expect(betaPosterior({ successes: 3, failures: 5, globalSuccesses: 0, globalFailures: 0 })).toEqual({ alpha: 4, beta: 6, priorWeight: 0 });
  });
  it('borrows a capped prior from other pages for a cold start', () => {
    const strong = betaPosterior({ successes: 0, failures: 0, globalSuccesses: 90, globalFailures: 10 });
    expect(strong.priorWeight).toBe(8);
    expect(strong.alpha + strong.beta).toBeCloseTo(10);
    expect(posteriorMean(strong)).toBeGreaterThan(0.75);
    const weak = betaPosterior({ successes: 0, failures: 0, globalSuccesses: 1, globalFailures: 1 });
    expect(weak.priorWeight).toBe(2);
    expect(posteriorMean(weak)).toBeCloseTo(0.5);
  });
  it('counts sends elsewhere like own sends below the cap', () => {
    expect(betaPosterior({ successes: 1, failures: 0, globalSuccesses: 2, globalFailures: 1 })).toEqual({ alpha: 4, beta: 2, priorWeight: 3 });
  });
  it('starts from a base prior instead of Beta(1, 1) when given one', () => {
    const p = betaPosterior({ successes: 1, failures: 1, globalSuccesses: 0, globalFailures: 0 }, 8, { rate: 0.75, strength: 4 });
    expect(p).toEqual({ alpha: 4, beta: 2, priorWeight: 0 });
  });
});

describe('base prior of a caption group', () => {
  it('guesses from price before any evidence: dearer captions earn more per sale', () => {
    expect(priceGuess(20, 20)).toBeCloseTo(0.5);
    expect(priceGuess(39.99, 20)).toBeGreaterThan(0.6);
    expect(priceGuess(9.99, 20)).toBeLessThan(0.4);
    expect(priceGuess(null, 20)).toBe(0.5);
    expect(priceGuess(20, null)).toBe(0.5);
  });
  it('moves from the guess to the group record as evidence accumulates', () => {
    expect(groupBaseRate(0, 0, 0.7, 8)).toBeCloseTo((5.6 + 1) / 10);
    expect(groupBaseRate(20, 200, 0.7, 8)).toBeLessThan(0.15);
    expect(groupBaseRate(5, 10, 0.5, 8)).toBeCloseTo(0.5);
  });
});

describe('Wilson bounds', () => {
  it('matches the textbook 95 % interval', () => {
    const b = wilsonBounds(8, 10);
    expect(b.lower).toBeCloseTo(0.4902, 3);
    expect(b.upper).toBeCloseTo(0.9433, 3);
    expect(wilsonBounds(0, 0)).toEqual({ lower: 0, upper: 1 });
    const z = wilsonBounds(0, 20);
    expect(z.lower).toBe(0);
    expect(z.upper).toBeCloseTo(0.1611, 3);
  });
});

describe('policies', () => {
  const ctx = { random: createRandom(9), totalObservations: 100 };
  it('greedy ranks by posterior mean; UCB favours the less-tried arm at equal means', () => {
    expect(greedy.score(arm(8, 2), ctx)).toBeGreaterThan(greedy.score(arm(2, 8), ctx));
    const u = ucb();
    expect(u.score(arm(1, 1), ctx)).toBeGreaterThan(u.score(arm(30, 30), ctx));
  });
  it('Thompson draws average to the posterior mean and spread with uncertainty', () => {
    const draws = Array.from({ length: 4000 }, () => thompson.score(arm(6, 2), ctx));
    expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeCloseTo(0.7, 1);
    expect(draws.every((d) => d > 0 && d < 1)).toBe(true);
  });
  it('sharpening keeps the mean and narrows the spread of Thompson draws', () => {
    const spread = (sharpness: number) => {
      const ts = thompsonSampling({ sharpness });
      const xs = Array.from({ length: 4000 }, () => ts.score(arm(2, 1), ctx));
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return { m, sd: Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length) };
    };
    const plain = spread(1);
    const sharp = spread(8);
    expect(plain.m).toBeCloseTo(0.6, 1);
    expect(sharp.m).toBeCloseTo(0.6, 1);
    expect(sharp.sd).toBeLessThan(plain.sd / 2);
  });
  it('Thompson discounts a caption the page sent within the fatigue window', () => {
    const ts = thompsonSampling({ fatiguePenalty: 0.5, fatigueDays: 28 });
    const at = (daysSinceUse: number | null) => ts.score({ ...arm(6, 2), daysSinceUse }, { random: createRandom(4), totalObservations: 100 });
    expect(at(10)).toBeCloseTo(at(null) * 0.5, 12);
    expect(at(30)).toBeCloseTo(at(null), 12);
  });
  it('uniform random ignores the evidence; epsilon-greedy explores about epsilon of the time', () => {
    const good = arm(50, 1);
    const bad = arm(1, 50);
    const wins = Array.from({ length: 2000 }, () => uniformRandom.score(good, ctx) > uniformRandom.score(bad, ctx)).filter(Boolean).length;
    expect(wins / 2000).toBeGreaterThan(0.45);
    expect(wins / 2000).toBeLessThan(0.55);
    const eg = epsilonGreedy(0.2);
    const off = Array.from({ length: 4000 }, () => eg.score(good, ctx)).filter((x) => Math.abs(x - posteriorMean(good.posterior)) > 1e-12).length;
    expect(off / 4000).toBeGreaterThan(0.16);
    expect(off / 4000).toBeLessThan(0.24);
  });
});
