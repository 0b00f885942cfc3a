// Week builder: the times of a page's week (captions are filled in by the selector). Seven LA days
// from the Monday; PPVs on the best hours inside the allowed hours, at least the minimum gap apart
// in real (UTC) minutes; one teaser → PPV → follow-up funnel per day; bumps in the widest gaps.
import type { PageAnalysis } from './analyzer';
import { ENGINE_CONFIG } from './config';
import type { PageOverrides } from '../overrides/schema';
import type { RandomSource } from '../ports';
import { randomInt } from '../random';
import { localInstant, localInstantMs, toLocal, wallClock, weekDates } from '../la-time';

export interface Holiday {
  date: string;
  name: string;
  type: string;
  significance: string;
  saturationImpactFactor: number;
}

export interface DayPlan {
  date: string;
  paused: boolean;
  /** Bounds the PPV count must respect (validation checks them). */
  ppvMin: number;
  ppvMax: number;
  ppvCount: number;
  bumpCount: number;
  factor: number;
  holidays: string[];
}

export type MessageType = 'PPV' | 'BUMP' | 'TEASER' | 'FOLLOW_UP';
export type FunnelStep = 'teaser' | 'main' | 'follow_up' | 'standalone';

export interface SlotTime {
  sendTime: Date;
  date: string;
  messageType: MessageType;
  funnelStep: FunnelStep;
  /** Position of the slot's hour in the page's best hours (lower is better; 99 = not a best hour). */
  hourRank: number;
}

export interface WeekFrame {
  days: DayPlan[];
  times: SlotTime[];
  allowedHours: { start: number; end: number };
  minGapMinutes: number;
}

/** Sends need this many minutes apart from any other slot, whatever their type. */
const MIN_SLOT_SPACING = 10;

export function dayBounds(analysis: PageAnalysis, overrides: PageOverrides | undefined, date: string, holidays: Holiday[]) {
  const ac = analysis.account_classification;
  const min = overrides?.ppvMin ?? ac.daily_ppv_target_min;
  const max = Math.max(min, overrides?.ppvMax ?? ac.daily_ppv_target_max);
  const over = analysis.saturation.saturation_score > ac.saturation_tolerance ? ENGINE_CONFIG.overToleranceFactor : 1;
  const today = holidays.filter((h) => h.date === date);
  const holidayFactor = today.reduce((f, h) => f * h.saturationImpactFactor, 1);
  const factor = analysis.saturation.volume_adjustment_factor * over * holidayFactor * (overrides?.volumeMultiplier ?? 1);
  const lo = Math.floor(min * factor + 1e-9);
  const hi = Math.max(lo, Math.round(max * factor));
  return { lo, hi, factor, holidays: today.map((h) => h.name) };
}

function candidateHours(bestHours: number[], start: number, end: number): Array<{ hour: number; rank: number }> {
  const inside = (h: number) => h >= start && h < end;
  const best = bestHours.filter(inside).map((hour, rank) => ({ hour, rank }));
  const rest: Array<{ hour: number; rank: number }> = [];
  for (let h = start; h < end; h += 1) if (!best.some((b) => b.hour === h)) rest.push({ hour: h, rank: 99 });
  // Unlisted hours closest to a best hour come first; without best hours, evening first.
  const anchor = best.length ? best.map((b) => b.hour) : [20];
  const dist = (h: number) => Math.min(...anchor.map((a) => Math.abs(a - h)));
  rest.sort((a, b) => dist(a.hour) - dist(b.hour) || b.hour - a.hour);
  return [...best, ...rest];
}

/**
 * Send instants kept sorted (epoch ms): the nearest other send is the predecessor or successor,
 * so a gap check is a binary search instead of a scan of the week. Real minutes, DST-proof.
 */
class Spacing {
  private readonly ms: number[] = [];

  private index(t: number): number {
    let lo = 0;
    let hi = this.ms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ms[mid] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(t: number): void {
    this.ms.splice(this.index(t), 0, t);
  }

  /** Minutes to the nearest kept instant (Infinity when none). */
  nearest(t: number): number {
    const i = this.index(t);
    const next = this.ms[i];
    const prev = this.ms[i - 1];
    return Math.min(next === undefined ? Infinity : (next - t) / 60000, prev === undefined ? Infinity : (t - prev) / 60000);
  }

  fits(t: number, gap: number): boolean {
    return this.nearest(t) >= gap;
  }

  copy(): Spacing {
    const c = new Spacing();
    c.ms.push(...this.ms);
    return c;
  }
}

/**
 * First fit on a 5-minute grid from the window start: the most PPVs the day can hold given the
 * gap (earliest-first is optimal for spacing points on a line), and the fallback placement.
 * Epoch ms: Dates only for what is kept.
 */
function sweep(date: string, limit: number, hours: { start: number; end: number }, gap: number, placed: Spacing, offset: number): number[] {
  const out: number[] = [];
  let last: number | undefined;
  const at = wallClock(date);
  for (let m = hours.start * 60 + offset; out.length < limit && m < hours.end * 60; m += 5) {
    const t = at(Math.floor(m / 60), m % 60);
    // The grid only moves forward: of this sweep's picks, the last is the nearest.
    if (t !== null && placed.fits(t, gap) && (last === undefined || Math.abs(t - last) / 60000 >= gap)) {
      out.push(t);
      last = t;
    }
  }
  return out;
}

function placePpvs(
  date: string, count: number, hours: { start: number; end: number }, best: number[], gap: number,
  weekPpvs: Spacing, random: RandomSource, offset: number,
): Array<{ t: Date; rank: number }> {
  const out: Array<{ t: Date; rank: number }> = [];
  const placed = weekPpvs.copy();
  for (const c of candidateHours(best, hours.start, hours.end)) {
    if (out.length >= count) break;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const t = localInstantMs(date, c.hour, randomInt(random, 3, 57));
      if (t !== null && placed.fits(t, gap)) {
        out.push({ t: new Date(t), rank: c.rank });
        placed.add(t);
        break;
      }
    }
  }
  // Best hours too crowded for the gap: pack the day from its start instead.
  const result = out.length >= count ? out : sweep(date, count, hours, gap, weekPpvs, offset).map((ms) => {
    const t = new Date(ms);
    return { t, rank: rankOf(t, best) };
  });
  for (const r of result) weekPpvs.add(r.t.getTime());
  return result;
}

function rankOf(t: Date, best: number[]): number {
  const i = best.indexOf(toLocal(t).hour);
  return i < 0 ? 99 : i;
}

/** Free of other slots, on the same LA date, inside the allowed hours, a real local time. */
function freeLocal(date: string, t: Date, hours: { start: number; end: number }, all: Spacing): boolean {
  if (!all.fits(t.getTime(), MIN_SLOT_SPACING)) return false;
  const local = toLocal(t);
  if (local.localDate !== date || local.hour < hours.start || local.hour >= hours.end) return false;
  return localInstant(date, local.hour, Number(local.localTime.slice(3))) !== null;
}

/** The funnel wraps the day's lead PPV (the one on the best-ranked hour): a teaser before, a follow-up after. */
function addFunnel(date: string, day: SlotTime[], hours: { start: number; end: number }, allSlots: Spacing): SlotTime[] {
  const lead = day.slice().sort((a, b) => a.hourRank - b.hourRank || a.sendTime.getTime() - b.sendTime.getTime())[0];
  if (!lead) return [];
  lead.funnelStep = 'main';
  const out: SlotTime[] = [];
  const teaser = new Date(lead.sendTime.getTime() - ENGINE_CONFIG.teaserLeadMinutes * 60000);
  const follow = new Date(lead.sendTime.getTime() + ENGINE_CONFIG.followUpDelayMinutes * 60000);
  const push = (slot: SlotTime) => {
    out.push(slot);
    allSlots.add(slot.sendTime.getTime());
  };
  if (freeLocal(date, teaser, hours, allSlots)) push({ sendTime: teaser, date, messageType: 'TEASER', funnelStep: 'teaser', hourRank: lead.hourRank });
  if (freeLocal(date, follow, hours, allSlots)) push({ sendTime: follow, date, messageType: 'FOLLOW_UP', funnelStep: 'follow_up', hourRank: lead.hourRank });
  return out;
}

/** Bumps in the widest spots: the grid time farthest from every slot, at least the clearance from PPVs. */
function placeBumps(date: string, want: number, hours: { start: number; end: number }, dayPpvs: Spacing, allSlots: Spacing, jitter: number): SlotTime[] {
  const out: SlotTime[] = [];
  const at = wallClock(date);
  while (out.length < want) {
    let bestT: number | null = null;
    let bestD = -1;
    for (let m = hours.start * 60 + jitter; m < hours.end * 60; m += 20) {
      const t = at(Math.floor(m / 60), m % 60);
      if (t === null || !dayPpvs.fits(t, ENGINE_CONFIG.bumpClearanceMinutes)) continue;
      const d = Math.min(allSlots.nearest(t), 1e9);
      if (d >= MIN_SLOT_SPACING && d > bestD) {
        bestD = d;
        bestT = t;
      }
    }
    if (bestT === null) break;
    out.push({ sendTime: new Date(bestT), date, messageType: 'BUMP', funnelStep: 'standalone', hourRank: 99 });
    allSlots.add(bestT);
  }
  return out;
}

export function buildWeekFrame(
  analysis: PageAnalysis, overrides: PageOverrides | undefined, holidays: Holiday[], weekStart: string, random: RandomSource,
): WeekFrame {
  const hours = overrides?.allowedHours ?? ENGINE_CONFIG.defaultAllowedHours;
  const gap = analysis.account_classification.min_ppv_gap_minutes;
  const days: DayPlan[] = [];
  const times: SlotTime[] = [];
  const weekPpvs = new Spacing();
  // Every slot of the week so far (PPVs, funnel steps, bumps).
  const allSlots = new Spacing();
  for (const date of weekDates(weekStart)) {
    const paused = overrides?.pauseUntil !== undefined && date <= overrides.pauseUntil;
    const b = dayBounds(analysis, overrides, date, holidays);
    const offset = randomInt(random, 1, 4);
    // Capacity counts only up to the day's upper bound: lo and hi are capped by it, nothing else.
    const capacity = paused ? 0 : sweep(date, b.hi, hours, gap, weekPpvs, offset).length;
    const lo = paused ? 0 : Math.min(capacity, b.lo);
    const hi = paused ? 0 : Math.min(capacity, b.hi);
    const trend = analysis.performance_trends.trend_direction;
    const want = trend === 'up' ? hi : trend === 'down' ? lo : randomInt(random, lo, hi);
    const ppvs = placePpvs(date, want, hours, analysis.best_hours, gap, weekPpvs, random, offset);
    const day: SlotTime[] = ppvs.map((p) => ({ sendTime: p.t, date, messageType: 'PPV', funnelStep: 'standalone', hourRank: p.rank }));
    const dayPpvs = new Spacing();
    for (const p of ppvs) {
      allSlots.add(p.t.getTime());
      dayPpvs.add(p.t.getTime());
    }
    day.push(...addFunnel(date, day, hours, allSlots));
    const bumpWant = paused ? 0 : Math.round(analysis.account_classification.daily_bump_target * Math.min(1, b.factor));
    const bumps = placeBumps(date, bumpWant, hours, dayPpvs, allSlots, randomInt(random, 2, 18));
    day.push(...bumps);
    days.push({ date, paused, ppvMin: lo, ppvMax: hi, ppvCount: ppvs.length, bumpCount: bumps.length, factor: b.factor, holidays: b.holidays });
    times.push(...day);
  }
  times.sort((a, b) => a.sendTime.getTime() - b.sendTime.getTime());
  return { days, times, allowedHours: hours, minGapMinutes: gap };
}
