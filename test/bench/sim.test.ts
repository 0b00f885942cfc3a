// The benchmark's closed loop in a tiny configuration: it runs, and learning beats random rotation.
import { compare } from '../../bench/sim/compare';
import { DEFAULT_WORLD } from '../../bench/sim/world';

it('Thompson earns more than uniform random rotation, and the oracle most, over 6 fixed seeds', () => {
  const rows = compare([1, 2, 3, 4, 5, 6], 5, { ...DEFAULT_WORLD, pages: DEFAULT_WORLD.pages.slice(1) });
  const by = new Map(rows.map((r) => [r.policy, r]));
  const ts = by.get('thompson');
  const random = by.get('uniform-random');
  const oracle = by.get('oracle');
  expect(ts && random && oracle).toBeTruthy();
  expect(ts!.mean).toBeGreaterThan(random!.mean * 1.05);
  expect(oracle!.mean).toBeGreaterThan(ts!.mean);
  expect(ts!.regretMean).toBeGreaterThan(0);
  // Deterministic: the same seeds give the same numbers.
  const again = compare([1, 2], 2, DEFAULT_WORLD, undefined);
  expect(compare([1, 2], 2, DEFAULT_WORLD, undefined)).toEqual(again);
});
