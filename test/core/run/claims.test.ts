import fc from 'fast-check';
import { CADENCE_SLACK_MS, CLAIM_STALE_MS, claimKey, isDue, warehouseClaims } from '../../../src/core/run/claims';
import type { SharedJob } from '../../../src/core/run/ports';
import { FakeLock, MemoryStore, VirtualClock } from './fakes';

const HOUR = 3_600_000;

function claims(store = new MemoryStore(), lock = new FakeLock(), clock = new VirtualClock(Date.parse('2026-11-28T09:00:00Z'))) {
  return { store, lock, clock, c: warehouseClaims({ store, lock, clock, project: 'p', dataset: 'd' }) };
}

describe('claims on the warehouse jobs several spreadsheets share', () => {
  it('a job runs once per period for the dataset: the second claimant is refused until it is due again', () => {
    const t = claims();
    const other = warehouseClaims({ store: t.store, lock: new FakeLock(), clock: t.clock, project: 'p', dataset: 'd' });
    expect(t.c.claim('SWEEP')).toBe(true);
    expect(other.claim('SWEEP')).toBe(false); // running
    t.c.settle('SWEEP', true);
    expect(other.claim('SWEEP')).toBe(false); // done, not due yet
    t.clock.advance(HOUR - CADENCE_SLACK_MS);
    expect(other.claim('SWEEP')).toBe(true);
    // Another dataset, or another job, has its own claim.
    expect(warehouseClaims({ store: t.store, lock: new FakeLock(), clock: t.clock, project: 'p', dataset: 'e' }).claim('SWEEP')).toBe(true);
    expect(t.c.claim('PERFORMANCE')).toBe(true);
    expect([...t.store.map.keys()].sort()).toEqual([claimKey('p', 'd', 'PERFORMANCE'), claimKey('p', 'd', 'SWEEP'), claimKey('p', 'e', 'SWEEP')].sort());
  });

  it('a failed run is due again at once; a claim left by a killed execution lapses after 7 minutes', () => {
    const t = claims();
    expect(t.c.claim('PERFORMANCE')).toBe(true);
    t.c.settle('PERFORMANCE', false);
    expect(t.c.claim('PERFORMANCE')).toBe(true);
    // Killed: never settled.
    t.clock.advance(CLAIM_STALE_MS - 1);
    expect(t.c.claim('PERFORMANCE')).toBe(false);
    t.clock.advance(1);
    expect(t.c.claim('PERFORMANCE')).toBe(true);
  });

  it('the day\'s queue is due once a Los Angeles day', () => {
    const t = claims();
    expect(t.c.claim('DAILY_QUEUE')).toBe(true);
    t.c.settle('DAILY_QUEUE', true);
    t.clock.advance(12 * HOUR); // 13:00 LA the same day
    expect(t.c.claim('DAILY_QUEUE')).toBe(false);
    t.clock.advance(12 * HOUR); // 01:00 LA the next day
    expect(t.c.claim('DAILY_QUEUE')).toBe(true);
  });

  it('holds the script lock only while it reads and writes, and refuses when the lock is busy', () => {
    const t = claims();
    expect(t.c.claim('SWEEP')).toBe(true);
    expect(t.lock.held).toBe(false);
    t.lock.heldByOther = true;
    t.clock.advance(2 * HOUR);
    expect(t.c.claim('SWEEP')).toBe(false);
  });

  it('a damaged claim is replaced', () => {
    const t = claims();
    t.store.set(claimKey('p', 'd', 'SWEEP'), '{"at":"yesterday"}');
    expect(t.c.claim('SWEEP')).toBe(true);
  });

  it('property: a periodic job is never due twice within its period less the slack', () => {
    fc.assert(
      fc.property(fc.constantFrom<SharedJob>('SWEEP', 'PERFORMANCE'), fc.integer({ min: 0, max: 10 * HOUR }), (job, gap) => {
        const done = Date.parse('2026-11-28T09:00:00Z');
        const claim = { at: done, done, running: false };
        const period = job === 'SWEEP' ? HOUR : 6 * HOUR;
        expect(isDue(job, claim, new Date(done + gap))).toBe(gap >= period - CADENCE_SLACK_MS);
      }),
    );
  });
});
