import { planPage, type PagePlan } from '../../../src/core/engine/plan';
import { createRandom } from '../../../src/core/random';
import { parseCandidates, parseLocks } from '../../../src/core/engine/candidates';
import { validateSchedule, exportGate } from '../../../src/core/engine/validation';
import { MAX_WEEK_MESSAGES } from '../../../src/core/engine/config';
import { buildWeekFrame } from '../../../src/core/engine/week-builder';
import { analyze } from '../../../src/core/engine/analyzer';
import { weekWindow } from '../../../src/core/la-time';
import type { Schedule } from '../../../src/core/engine/schedule';
import { analysisRow, candidateRows, clock } from './fixtures';

const p: PagePlan = planPage({ analysisRow: analysisRow(), candidates: candidateRows(), locks: [], holidays: [], weekStart: '2026-11-30', scheduleId: 'sch_v' }, { random: createRandom(5), clock });
const candidates = parseCandidates(candidateRows(), 'luna_vip');
const frame = buildWeekFrame(analyze(analysisRow()), undefined, [], '2026-11-30', createRandom(5));
const rules = (locks: unknown[] = []) => ({
  pageName: 'luna_vip', restrictedCategories: ['custom'], restrictedKeywords: ['meetup'], priceFloor: 5, priceCeiling: 60,
  week: weekWindow('2026-11-30'), cooldownDays: 7, locks: parseLocks(locks, 'luna_vip'),
});
const check = (s: Schedule, locks: unknown[] = []) =>
  validateSchedule(s, { expectedScheduleId: 'sch_v', frame, rules: rules(locks), candidates: new Map(candidates.map((c) => [c.caption_id, c])) });

it('the engine output is valid against the same frame', () => {
  expect(check(p.schedule).problems).toEqual([]);
});

it('reports each broken rule with its slot', () => {
  const slots = p.schedule.slots.map((s) => ({ ...s }));
  const ppvs = slots.filter((s) => s.messageType === 'PPV');
  const [a, b, c, d] = ppvs as [typeof slots[0], typeof slots[0], typeof slots[0], typeof slots[0]];
  b.sendTime = new Date(a.sendTime.getTime() + 30 * 60000); // gap (and local-time mismatch)
  c.captionId = a.captionId; // duplicate
  d.price = 99; // price
  const custom = candidates.find((x) => x.content_category === 'custom' && x.caption_type === 'BUMP');
  const bump = slots.find((s) => s.messageType === 'BUMP');
  if (bump && custom) bump.captionId = custom.caption_id; // restricted
  const bad = { ...p.schedule, scheduleId: 'sch_other', slots };
  const lockedId = ppvs[4]?.captionId ?? 0;
  const r = check(bad, [{ captionId: lockedId, pageName: 'other', windowStart: '2026-11-29T00:00:00Z', windowEnd: '2026-12-09T00:00:00Z' }]);
  const rules = new Set(r.problems.map((x) => x.rule));
  for (const rule of ['schedule_id', 'gap', 'duplicate', 'price', 'restricted', 'lock', 'hours']) expect(rules).toContain(rule);
  expect(r.valid).toBe(false);
  expect(r.problems.find((x) => x.rule === 'gap')?.slotIndex).toBe(b.slotIndex);
  expect(r.problems.find((x) => x.rule === 'price')?.slotIndex).toBe(d.slotIndex);
});

it('counts below the day minimum and sends outside the hours are reported', () => {
  const slots = p.schedule.slots.filter((s) => !(s.localDate === '2026-12-01' && s.messageType === 'PPV'));
  const early = { ...slots[0]!, sendTime: new Date('2026-12-02T11:00:00Z'), localDate: '2026-12-02', localTime: '03:00' };
  const r = check({ ...p.schedule, slots: [...slots, early] });
  expect(r.problems.some((x) => x.rule === 'count' && x.message.startsWith('2026-12-01: 0 PPVs'))).toBe(true);
  expect(r.problems.some((x) => x.rule === 'hours' && /allowed hours/.test(x.message))).toBe(true);
});

it('the gate exports only valid, non-RED schedules', () => {
  expect(exportGate(true, 'GREEN', 0).export).toBe(true);
  expect(exportGate(true, 'YELLOW', 0).export).toBe(true);
  expect(exportGate(true, 'RED', 0).export).toBe(false);
  expect(exportGate(false, 'GREEN', 2)).toEqual({ export: false, light: 'GREEN', reason: 'validation found 2 problem(s)' });
});

describe('the week cap the schedule tab block relies on', () => {
  it('a week of more than MAX_WEEK_MESSAGES messages is invalid', () => {
    const slots = Array.from({ length: MAX_WEEK_MESSAGES + 1 }, (_, i) => ({ ...p.schedule.slots[i % p.schedule.slots.length]!, slotIndex: i }));
    const r = check({ ...p.schedule, slots });
    expect(r.problems).toContainEqual({ rule: 'count', message: `${MAX_WEEK_MESSAGES + 1} messages in the week; at most ${MAX_WEEK_MESSAGES}` });
  });
  it('the largest overrides on an XL page stay under the cap', () => {
    const row = analysisRow({ size_tier: 'XL', avg_audience: 900000, saturation_score: 0 });
    const big = planPage(
      { analysisRow: row, candidates: candidateRows(), locks: [], holidays: [], weekStart: '2026-11-30', scheduleId: 'sch_v',
        overrides: { ppvMin: 30, ppvMax: 30, volumeMultiplier: 3, allowedHours: { start: 0, end: 24 } } },
      { random: createRandom(5), clock },
    );
    expect(big.schedule.slots.length).toBeGreaterThan(7 * 8);
    expect(big.schedule.slots.length).toBeLessThanOrEqual(MAX_WEEK_MESSAGES);
  });
});
