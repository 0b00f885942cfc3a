import fc from 'fast-check';
import { DateTime } from 'luxon';
import { isDstSwitchDay, localInstant, toLocal, weekWindow } from '../../src/core/la-time';

it('toLocal agrees with luxon for any instant 2026–2028', () => {
  fc.assert(fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 11, 31) }), (ms) => {
    const t = DateTime.fromMillis(ms, { zone: 'America/Los_Angeles' });
    const l = toLocal(new Date(ms));
    expect([l.localDate, l.localTime, l.hour]).toEqual([t.toISODate(), t.toFormat('HH:mm'), t.hour]);
  }), { numRuns: 3000 });
});

it('localInstant round-trips and refuses the DST band on switch days', () => {
  expect(isDstSwitchDay('2026-11-01')).toBe(true);
  expect(isDstSwitchDay('2027-03-14')).toBe(true);
  expect(isDstSwitchDay('2026-11-02')).toBe(false);
  expect(localInstant('2026-11-01', 1, 30)).toBeNull(); // happens twice
  expect(localInstant('2027-03-14', 2, 30)).toBeNull(); // does not exist
  expect(localInstant('2027-03-14', 3, 0)?.toISOString()).toBe('2027-03-14T10:00:00.000Z');
  expect(localInstant('2026-11-01', 0, 30)?.toISOString()).toBe('2026-11-01T07:30:00.000Z');
  expect(localInstant('2026-11-01', 3, 0)?.toISOString()).toBe('2026-11-01T11:00:00.000Z');
  expect(localInstant('2026-07-01', 20, 15)?.toISOString()).toBe('2026-07-02T03:15:00.000Z');
});

it('DST weeks are 169 and 167 real hours long', () => {
  const h = (w: { start: Date; end: Date }) => (w.end.getTime() - w.start.getTime()) / 3600_000;
  expect(h(weekWindow('2026-10-26'))).toBe(169);
  expect(h(weekWindow('2027-03-08'))).toBe(167);
  expect(h(weekWindow('2026-11-30'))).toBe(168);
});
