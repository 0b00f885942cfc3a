import fc from 'fast-check';
import { planPage, type PlanInput } from '../../../src/core/engine/plan';
import { createRandom } from '../../../src/core/random';
import { localInstant, minutesBetween, toLocal, weekWindow } from '../../../src/core/la-time';
import type { PageOverrides } from '../../../src/core/overrides/schema';
import type { PlanPageFn } from '../../../src/core/run/plan-contract';
import { analysisRow, candidateRows, clock, HOLIDAYS } from './fixtures';

const LOCK = { captionId: 1003, pageName: 'other_page', windowStart: '2026-11-25T00:00:00Z', windowEnd: '2026-12-02T00:00:00Z' };

function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    analysisRow: analysisRow(), candidates: candidateRows(), locks: [LOCK], holidays: HOLIDAYS,
    weekStart: '2026-11-30', scheduleId: 'sch_test', ...over,
  };
}
const plan = (over: Partial<PlanInput> = {}, seed = 1) => planPage(input(over), { random: createRandom(seed), clock });

it('satisfies the orchestrator contract type', () => {
  const fn: PlanPageFn = planPage;
  expect(typeof fn).toBe('function');
});

it('plans a valid, exported GREEN week with the schedule id carried unchanged', () => {
  const p = plan();
  expect(p.validation.problems).toEqual([]);
  expect(p.gate).toEqual({ export: true, light: 'GREEN', reason: 'valid; saturation GREEN' });
  expect(p.schedule.scheduleId).toBe('sch_test');
  expect(p.captionTarget).toBe(80);
  expect(new Set(p.schedule.slots.map((s) => s.dayOfWeek)).size).toBe(7);
  for (const s of p.schedule.slots) expect(s.reason.length).toBeGreaterThan(10);
  // Funnel: every teaser precedes and every follow-up follows a main PPV of the same day.
  const mains = p.schedule.slots.filter((s) => s.funnelStep === 'main');
  expect(mains.length).toBe(7);
  for (const t of p.schedule.slots.filter((s) => s.funnelStep === 'teaser')) {
    expect(mains.some((m) => m.localDate === t.localDate && m.sendTime > t.sendTime)).toBe(true);
  }
  // Minutes are not all on the hour.
  expect(p.schedule.slots.some((s) => !s.localTime.endsWith(':00'))).toBe(true);
});

it('excludes the locked, restricted and over-priced captions and says why', () => {
  const p = plan();
  const used = new Set(p.schedule.slots.map((s) => s.captionId));
  expect(used.has(1003)).toBe(false);
  const why = new Map(p.exclusions.map((e) => [e.captionId, e.reason]));
  expect(why.get(1003)).toMatch(/locked by page "other_page"/);
  expect(why.get(1004)).toMatch(/category "custom" is restricted/);
  expect(why.get(1000 + 17)).toMatch(/restricted keyword "meetup"/);
  expect(why.get(1000 + 26)).toMatch(/price 75 above the ceiling 60/);
  expect(why.get(1000 + 38)).toMatch(/cool-down/);
});

it('holidays and YELLOW saturation reduce volume; RED is built but stopped at the gate', () => {
  const green = plan();
  const thanksgiving = plan({ weekStart: '2026-11-23' });
  const day = thanksgiving.days.find((d) => d.date === '2026-11-26');
  expect(day?.factor).toBeCloseTo(0.7);
  const yellow = plan({ analysisRow: analysisRow({ saturation_score: 0.7, risk_level: 'HIGH' }) });
  expect(yellow.gate.light).toBe('YELLOW');
  const ppvs = (p: typeof green) => p.schedule.slots.filter((s) => s.messageType === 'PPV').length;
  expect(ppvs(yellow)).toBeLessThan(ppvs(green));
  const red = plan({ analysisRow: analysisRow({ saturation_score: 0.9, risk_level: 'CRITICAL' }) });
  expect(red.gate.export).toBe(false);
  expect(red.gate.light).toBe('RED');
  expect(red.gate.reason).toMatch(/CRITICAL/);
});

it('pauses days up to pauseUntil and honours the override range', () => {
  const p = plan({ overrides: { pauseUntil: '2026-12-02', ppvMin: 2, ppvMax: 2 } });
  expect(p.schedule.slots.filter((s) => s.localDate <= '2026-12-02')).toEqual([]);
  for (const d of p.days.filter((x) => x.date > '2026-12-02')) expect(d.ppvCount).toBe(2);
  expect(p.validation.valid).toBe(true);
});

it('reports bad input with the page and field', () => {
  expect(() => plan({ analysisRow: analysisRow({ saturation_score: 'lots' }) })).toThrow(/page "luna_vip".*saturation_score/);
  expect(() => plan({ weekStart: '2026-12-01' })).toThrow(/not a Monday/);
  // One bad candidate row is dropped and named, never fails the page.
  const dropped = plan({ candidates: [{ ...candidateRows()[0], caption_type: 'DM' }, ...candidateRows().slice(1)] });
  expect(dropped.notes.join(' ')).toMatch(/1 invalid caption candidate row\(s\) dropped: row 1: caption_type/);
});

describe('DST weeks', () => {
  for (const weekStart of ['2026-10-26', '2027-03-08']) {
    it(`week of ${weekStart}: no nonexistent or doubled local time, gaps in real minutes`, () => {
      const p = plan({ weekStart, overrides: { allowedHours: { start: 0, end: 24 } }, analysisRow: analysisRow({ avg_audience: 90000, best_hours: [1, 2, 20, 9] }) });
      expect(p.validation.problems).toEqual([]);
      for (const s of p.schedule.slots) {
        expect(localInstant(s.localDate, Number(s.localTime.slice(0, 2)), Number(s.localTime.slice(3)))?.getTime()).toBe(s.sendTime.getTime());
      }
      const switchDay = weekStart === '2026-10-26' ? '2026-11-01' : '2027-03-14';
      const band = p.schedule.slots.filter((s) => s.localDate === switchDay && s.localTime >= '01:00' && s.localTime < '03:00');
      expect(band).toEqual([]);
    });
  }
});

const overridesArb: fc.Arbitrary<PageOverrides | undefined> = fc.option(
  fc.record({
    volumeMultiplier: fc.double({ min: 0, max: 2, noNaN: true }),
    allowedHours: fc.integer({ min: 0, max: 14 }).chain((start) => fc.integer({ min: start + 6, max: 24 }).map((end) => ({ start, end }))),
  }, { requiredKeys: [] }),
  { nil: undefined },
);

const WIDE_LOCK = { ...LOCK, windowStart: '2026-01-01T00:00:00Z', windowEnd: '2028-01-01T00:00:00Z' };

describe('invariants (fast-check)', () => {
  it('counts in bounds, gaps, no caption twice, no locked caption, times inside week and hours, seed-reproducible', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.constantFrom('2026-10-26', '2026-11-30', '2027-03-08', '2027-06-07'),
      fc.constantFrom(0, 3000, 12000, 40000, 120000),
      fc.double({ min: 0, max: 0.79, noNaN: true }),
      overridesArb,
      (seed, weekStart, audience, score, overrides) => {
        const over = { weekStart, overrides, locks: [WIDE_LOCK], analysisRow: analysisRow({ avg_audience: audience, messages_analyzed: audience ? 10 : 0, size_tier: audience ? 'SMALL' : 'NEW', saturation_score: score }) };
        const p = plan(over, seed);
        const hours = overrides?.allowedHours ?? { start: 8, end: 24 };
        for (const d of p.days) {
          const n = p.schedule.slots.filter((s) => s.localDate === d.date && s.messageType === 'PPV').length;
          expect(n).toBeLessThanOrEqual(d.ppvMax);
          // Below the minimum only when the caption pool ran dry, and then validation says so.
          if (n < d.ppvMin) {
            expect(p.dropped.some((x) => x.startsWith('PPV'))).toBe(true);
            expect(p.validation.problems.some((x) => x.rule === 'count' && x.message.startsWith(d.date))).toBe(true);
          }
        }
        const ppv = p.schedule.slots.filter((s) => s.messageType === 'PPV');
        for (let i = 1; i < ppv.length; i += 1) {
          expect(minutesBetween(ppv[i - 1]!.sendTime, ppv[i]!.sendTime)).toBeGreaterThanOrEqual(p.analysis.account_classification.min_ppv_gap_minutes);
        }
        const ids = p.schedule.slots.map((s) => s.captionId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).not.toContain(WIDE_LOCK.captionId);
        const w = weekWindow(weekStart);
        for (const s of p.schedule.slots) {
          expect(s.sendTime.getTime()).toBeGreaterThanOrEqual(w.start.getTime());
          expect(s.sendTime.getTime()).toBeLessThan(w.end.getTime());
          const h = toLocal(s.sendTime).hour;
          expect(h).toBeGreaterThanOrEqual(hours.start);
          expect(h).toBeLessThan(hours.end);
        }
        expect(p.validation.problems.filter((x) => x.rule !== 'diversity' && x.rule !== 'count')).toEqual([]);
        expect(plan(over, seed)).toEqual(p);
      },
    ), { numRuns: 60 });
  });
});
