// "Never the same trigger twice in a row": over random pools, consecutive slots (time order) never
// share a trigger whenever the pool allows it — at least two triggers, each with as many usable
// captions of a type as the week has slots of that type (then alternating two triggers always
// works). Skewed stats make the picks lean to one trigger, the hard case.
import fc from 'fast-check';
import { planPage } from '../../../src/core/engine/plan';
import { createRandom } from '../../../src/core/random';
import { orderByTrigger, type CaptionType } from '../../../src/core/engine/trigger-order';
import type { Pick } from '../../../src/core/engine/selector';
import type { Candidate } from '../../../src/core/engine/candidates';
import { analysisRow, clock, HOLIDAYS } from './fixtures';

const TRIGGERS = ['scarcity', 'curiosity', 'exclusivity', 'urgency', 'reciprocity', 'social_proof'];
const CATEGORIES = ['solo', 'bg', 'tease', 'lingerie'];
/** More than any week's slots of one type. */
const PER_TYPE_AND_TRIGGER = 70;

function pool(triggers: number, favourite: number, seed: number): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  let id = 1;
  for (let t = 0; t < triggers; t += 1) {
    for (const type of ['PPV', 'BUMP']) {
      for (let i = 0; i < PER_TYPE_AND_TRIGGER; i += 1, id += 1) {
        const good = t === favourite;
        const s = ((id * 7 + seed) % 11) + (good ? 30 : 0);
        rows.push({
          page_name: 'luna_vip', caption_id: id, caption_text: `caption ${id}`, caption_type: type,
          content_category: CATEGORIES[(id + seed) % CATEGORIES.length], price_tier: 'MID',
          suggested_price: type === 'PPV' ? '20' : null, has_urgency: 'false', psychological_trigger: TRIGGERS[t],
          successes: String(s), failures: String((id * 5 + seed) % 9), avg_emv: '0.3', last_used: null,
          global_successes: String((id * 3) % 7), global_failures: String((id * 2) % 5), candidate_rank: String(id),
        });
      }
    }
  }
  return rows;
}

const repeats = (triggers: string[]) => triggers.filter((t, i) => i > 0 && t !== '' && t === triggers[i - 1]).length;

it('a planned week never repeats a trigger in consecutive slots when the pool has two or more', () => {
  fc.assert(fc.property(
    fc.integer({ min: 1, max: 1_000_000 }),
    fc.integer({ min: 2, max: 6 }),
    fc.nat(5),
    fc.constantFrom('2026-10-26', '2026-11-30', '2027-03-08'),
    fc.constantFrom(3000, 12000, 40000, 120000),
    fc.constantFrom('up', 'down', 'stable'),
    (seed, triggers, fav, weekStart, audience, trend) => {
      const p = planPage({
        analysisRow: analysisRow({ avg_audience: audience, trend_direction: trend, restricted_categories: [], restricted_keywords: [], price_floor: 5, price_ceiling: 60 }),
        candidates: pool(triggers, fav % triggers, seed), locks: [], holidays: HOLIDAYS, weekStart, scheduleId: 'sch_prop',
      }, { random: createRandom(seed), clock });
      const slots = [...p.schedule.slots].sort((a, b) => a.sendTime.getTime() - b.sendTime.getTime());
      expect(slots.length).toBeGreaterThan(0);
      expect(repeats(slots.map((s) => s.trigger))).toBe(0);
      expect(p.validation.problems.filter((x) => x.rule === 'diversity')).toEqual([]);
    },
  ), { numRuns: 40 });
});

function pick(id: number, type: CaptionType, trigger: string, draw: number): Pick {
  const candidate = { caption_id: id, caption_type: type, psychological_trigger: trigger } as Candidate;
  return { candidate, posterior: { alpha: 1, beta: 1 } as Pick['posterior'], draw, isNew: false, price: null, reason: '' };
}

it('orders any slot sequence without a repeat, using each caption once, when two triggers can alternate', () => {
  fc.assert(fc.property(
    fc.array(fc.constantFrom<CaptionType>('PPV', 'BUMP'), { minLength: 1, maxLength: 90 }),
    fc.integer({ min: 2, max: 5 }),
    fc.array(fc.nat(4), { minLength: 90, maxLength: 90 }),
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 200, maxLength: 200 }),
    (types, k, skew, draws) => {
      // Picks lean to trigger 0; alternates hold every trigger, enough of each for any sequence.
      let id = 0;
      const picks = types.map((t, i) => pick(id++, t, TRIGGERS[(skew[i] ?? 0) < 3 ? 0 : (skew[i] ?? 0) % k] as string, draws[i] ?? 0));
      const alternates: Pick[] = [];
      for (const type of ['PPV', 'BUMP'] as const) {
        for (let t = 0; t < k; t += 1) for (let i = 0; i < types.length; i += 1) alternates.push(pick(id++, type, TRIGGERS[t] as string, draws[100 + i] ?? 0));
      }
      const order = orderByTrigger(types, picks, alternates);
      expect(order).not.toBeNull();
      const got = order ?? [];
      expect(got.map((p) => p.candidate.caption_type)).toEqual(types);
      expect(new Set(got).size).toBe(got.length);
      expect(repeats(got.map((p) => p.candidate.psychological_trigger))).toBe(0);
    },
  ), { numRuns: 150 });
});

it('keeps the greedy order (most remaining picks of a trigger, then the draw) when it works', () => {
  const types: CaptionType[] = ['PPV', 'BUMP', 'PPV', 'PPV', 'BUMP'];
  const picks = [pick(1, 'PPV', 'a', 0.9), pick(2, 'PPV', 'b', 0.8), pick(3, 'PPV', 'a', 0.7), pick(4, 'BUMP', 'b', 0.6), pick(5, 'BUMP', 'a', 0.5)];
  const order = orderByTrigger(types, picks, [pick(9, 'PPV', 'c', 1)]);
  expect(order?.map((p) => p.candidate.caption_id)).toEqual([1, 4, 3, 2, 5]);
});

it('swaps in an alternate only when the picks cannot alternate', () => {
  const types: CaptionType[] = ['PPV', 'PPV', 'PPV', 'PPV'];
  const picks = [pick(1, 'PPV', 'a', 0.9), pick(2, 'PPV', 'a', 0.8), pick(3, 'PPV', 'b', 0.7), pick(4, 'PPV', 'a', 0.6)];
  expect(orderByTrigger(types, picks, [])).toBeNull();
  // The weakest "a" pick makes way for the best caption of another trigger.
  const order = orderByTrigger(types, picks, [pick(8, 'PPV', 'a', 0.95), pick(9, 'PPV', 'c', 0.5)]);
  expect(order?.map((p) => p.candidate.caption_id)).toEqual([1, 3, 2, 9]);
});
