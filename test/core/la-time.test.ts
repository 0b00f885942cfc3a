import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addDays, isDstSwitchDay, laDate, localInstant, nextWeekStart, toLocal, weekWindow } from '../../src/core/la-time';

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

describe('run dates (America/Los_Angeles)', () => {
  it('uses the LA date, not the UTC one', () => {
    // 2026-11-30 06:30 UTC is Sunday 22:30 in LA: next week starts the next day.
    expect(laDate(new Date('2026-11-30T06:30:00Z'))).toBe('2026-11-29');
    expect(nextWeekStart(new Date('2026-11-30T06:30:00Z'))).toBe('2026-11-30');
    // A Monday run plans the following Monday.
    expect(nextWeekStart(new Date('2026-11-30T11:05:00Z'))).toBe('2026-12-07');
  });
  it('is right across DST changes', () => {
    expect(nextWeekStart(new Date('2026-11-01T10:05:00Z'))).toBe('2026-11-02'); // Sun 03:05 PST, fall back day
    expect(nextWeekStart(new Date('2027-03-14T10:05:00Z'))).toBe('2027-03-15'); // Sun 03:05 PDT, spring forward day
    expect(addDays('2027-03-08', 7)).toBe('2027-03-15');
  });
  it('always gives a Monday 1–7 days after the LA date (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), (d) => {
        const ws = nextWeekStart(d);
        expect(new Date(`${ws}T12:00:00Z`).getUTCDay()).toBe(1);
        const gap = (Date.parse(`${ws}T00:00:00Z`) - Date.parse(`${laDate(d)}T00:00:00Z`)) / 86_400_000;
        expect(gap).toBeGreaterThanOrEqual(1);
        expect(gap).toBeLessThanOrEqual(7);
      }),
    );
  });
});
