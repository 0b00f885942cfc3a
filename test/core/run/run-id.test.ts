import * as fc from 'fast-check';
import { runIdFor } from '../../../src/core/run/run-id';

test('one format for every kind: the kind in lower case, the UTC start to the millisecond', () => {
  expect(runIdFor('SWEEP', new Date('2026-11-28T10:50:00.123Z'))).toBe('sweep-20261128T105000123Z');
  expect(runIdFor('DAILY_QUEUE', new Date('2026-03-08T09:59:59.999Z'))).toBe('daily_queue-20260308T095959999Z');
});

test('within a kind, ids sort as their start times do', () => {
  const time = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2099, 11, 31) });
  fc.assert(fc.property(time, time, (a, b) => {
    const [x, y] = [runIdFor('MENU', new Date(a)), runIdFor('MENU', new Date(b))];
    expect(Math.sign(x.localeCompare(y))).toBe(Math.sign(a - b));
    expect(x).toMatch(/^menu-\d{8}T\d{9}Z$/);
  }));
});
