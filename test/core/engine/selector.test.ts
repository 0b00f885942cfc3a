import { selectCaptions, type SelectionRules } from '../../../src/core/engine/selector';
import { parseCandidates } from '../../../src/core/engine/candidates';
import { thompson, greedy } from '../../../src/core/engine/bandit/policies';
import { createRandom } from '../../../src/core/random';
import { weekWindow } from '../../../src/core/la-time';
import { candidateRows } from './fixtures';

const rules: SelectionRules = {
  pageName: 'luna_vip', restrictedCategories: [], restrictedKeywords: [], priceFloor: null, priceCeiling: null,
  week: weekWindow('2026-11-30'), cooldownDays: 7, locks: [],
};
const cands = parseCandidates(candidateRows(), 'luna_vip');

it('reserves an exploration share for captions new to the page', () => {
  const { picks } = selectCaptions(cands, rules, { PPV: 20, BUMP: 0 }, 80, greedy, createRandom(1));
  expect(picks).toHaveLength(20);
  expect(picks.filter((p) => p.isNew).length).toBeGreaterThanOrEqual(3);
  expect(picks.filter((p) => /exploration pick/.test(p.reason)).length).toBe(3);
});

it('caps categories and triggers, and respects the caption target', () => {
  const { picks } = selectCaptions(cands, rules, { PPV: 30, BUMP: 20 }, 40, thompson, createRandom(2));
  expect(picks.length).toBe(40);
  const count = (key: (p: (typeof picks)[0]) => string) => {
    const m = new Map<string, number>();
    for (const p of picks) m.set(key(p), (m.get(key(p)) ?? 0) + 1);
    return Math.max(...m.values());
  };
  expect(count((p) => p.candidate.content_category)).toBeLessThanOrEqual(16);
  expect(count((p) => p.candidate.psychological_trigger)).toBeLessThanOrEqual(16);
});

it('greedy picks the best-evidenced captions first and records its score', () => {
  const { picks } = selectCaptions(cands, rules, { PPV: 5, BUMP: 0 }, 80, greedy, createRandom(3));
  const nonNew = picks.filter((p) => !p.isNew);
  for (let i = 1; i < nonNew.length; i += 1) expect(nonNew[i - 1]!.draw).toBeGreaterThanOrEqual(nonNew[i]!.draw * 0.9);
  expect(nonNew[0]?.reason).toMatch(/^greedy score 0\.\d{3} \(\d+\/\d+ wins here\)$/);
});

it('coerces BigQuery strings and rejects bad rows with a clear message', () => {
  expect(cands[0]?.successes).toBe(0);
  expect(cands[1]?.suggested_price).toBe(12);
  expect(() => parseCandidates([{ ...candidateRows()[0], caption_id: 'x' }], 'luna_vip')).toThrow(/page "luna_vip", row 1: caption_id/);
});

describe('base prior: price and the price tier record', () => {
  const row = (id: number, over: Record<string, unknown>) => ({
    ...candidateRows()[1], caption_id: id, candidate_rank: id, caption_type: 'PPV', content_category: `cat${id}`,
    psychological_trigger: `trig${id}`, last_used: null, successes: 2, failures: 2, global_successes: 0, global_failures: 0, ...over,
  });
  const pick1 = (rows: Array<Record<string, unknown>>) =>
    selectCaptions(parseCandidates(rows, 'luna_vip'), { ...rules }, { PPV: 1, BUMP: 0 }, 80, greedy, createRandom(5)).picks[0];

  it('at equal win records, prefers the dearer caption (higher expected EMV)', () => {
    const picked = pick1([row(1, { suggested_price: 9.99 }), row(2, { suggested_price: 39.99 })]);
    expect(picked?.candidate.caption_id).toBe(2);
  });
  it('Thompson picks the dearer of two equal-record captions most weeks', () => {
    const rows = parseCandidates([row(1, { suggested_price: 9.99 }), row(2, { suggested_price: 39.99 })], 'luna_vip');
    const wins = Array.from({ length: 400 }, (_, i) =>
      selectCaptions(rows, rules, { PPV: 1, BUMP: 0 }, 80, thompson, createRandom(i)).picks[0]?.candidate.caption_id === 2).filter(Boolean).length;
    expect(wins / 400).toBeGreaterThan(0.6);
  });
  it('lifts an untried caption whose price tier wins here and elsewhere', () => {
    const rows = [
      row(1, { price_tier: 'MID', suggested_price: 20, successes: 0, failures: 0 }),
      row(2, { price_tier: 'HIGH', suggested_price: 20, successes: 0, failures: 0 }),
      row(3, { price_tier: 'MID', suggested_price: 20, successes: 1, failures: 9, global_successes: 0, global_failures: 6 }),
      row(4, { price_tier: 'HIGH', suggested_price: 20, successes: 8, failures: 2, global_successes: 5, global_failures: 1 }),
    ];
    const { picks } = selectCaptions(parseCandidates(rows, 'luna_vip'), rules, { PPV: 4, BUMP: 0 }, 80, greedy, createRandom(6));
    const mean = (id: number) => {
      const p = picks.find((x) => x.candidate.caption_id === id)?.posterior;
      return p ? p.alpha / (p.alpha + p.beta) : NaN;
    };
    expect(mean(2)).toBeGreaterThan(0.6);
    expect(mean(1)).toBeLessThan(0.4);
  });
});

describe('contention: captions other pages of the batch also want', () => {
  const row = (id: number) => ({
    ...candidateRows()[1], caption_id: id, candidate_rank: id, caption_type: 'PPV', content_category: `cat${id}`,
    psychological_trigger: `trig${id}`, last_used: null, successes: 5, failures: 5, global_successes: 0, global_failures: 0, suggested_price: 20,
  });
  const two = parseCandidates([row(1), row(2)], 'luna_vip');
  const pick = (contention?: Map<number, number>) =>
    selectCaptions(two, { ...rules, ...(contention ? { contention } : {}) }, { PPV: 1, BUMP: 0 }, 80, greedy, createRandom(7)).picks[0]?.candidate.caption_id;

  it('leaves a caption many pages want for one only this page wants, at equal records', () => {
    expect(pick()).toBe(1);
    expect(pick(new Map([[1, 6], [2, 1]]))).toBe(2);
    expect(pick(new Map([[1, 1], [2, 6]]))).toBe(1);
  });
  it('still takes a clearly better caption despite contention', () => {
    const better = parseCandidates([{ ...row(1), successes: 40, failures: 2 }, row(2)], 'luna_vip');
    const got = selectCaptions(better, { ...rules, contention: new Map([[1, 2], [2, 1]]) }, { PPV: 1, BUMP: 0 }, 80, greedy, createRandom(7)).picks[0];
    expect(got?.candidate.caption_id).toBe(1);
  });
});

describe('home captions: the week deals the bank out among the pages of a run', () => {
  const row = (id: number, isHome: boolean, record = { successes: 5, failures: 5 }) => ({
    ...candidateRows()[1], caption_id: id, candidate_rank: id, caption_type: 'PPV', content_category: `cat${id}`,
    psychological_trigger: `trig${id}`, last_used: null, global_successes: 0, global_failures: 0, suggested_price: 20, is_home: isHome, ...record,
  });
  const first = (rows: unknown[], preferHome: boolean) =>
    selectCaptions(parseCandidates(rows, 'luna_vip'), { ...rules, ...(preferHome ? { preferHome } : {}) }, { PPV: 1, BUMP: 0 }, 80, greedy, createRandom(7))
      .picks[0]?.candidate.caption_id;

  it('in a run of several pages, takes its own caption over one dealt to another page at equal records', () => {
    expect(first([row(1, false), row(2, true)], true)).toBe(2);
    expect(first([row(1, true), row(2, false)], true)).toBe(1);
  });
  it('planning one page alone, the deal does not matter', () => {
    expect(first([row(1, false), row(2, true)], false)).toBe(1);
  });
  it('still takes a clearly better caption dealt to another page', () => {
    expect(first([row(1, false, { successes: 40, failures: 2 }), row(2, true)], true)).toBe(1);
  });
  it('reads is_home from BigQuery strings and treats a missing one as not home', () => {
    const [a, b] = parseCandidates([{ ...row(1, true), is_home: 'true', caption_id: '1' }, { ...row(2, true), is_home: undefined }], 'luna_vip');
    expect(a?.is_home).toBe(true);
    expect(b?.is_home).toBe(false);
  });
});
