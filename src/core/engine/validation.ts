// Validation gate: every broken rule, with the slot it concerns. Export only when valid and not RED.
import { MAX_WEEK_MESSAGES, type Light } from './config';
import type { Candidate } from './candidates';
import { exclusionReason, type SelectionRules } from './selector';
import type { Schedule } from './schedule';
import { localInstant, minutesBetween, toLocal } from '../la-time';
import type { WeekFrame } from './week-builder';

export interface Problem {
  rule: 'schedule_id' | 'count' | 'gap' | 'duplicate' | 'lock' | 'restricted' | 'price' | 'hours' | 'caption' | 'diversity' | 'cooldown';
  slotIndex?: number;
  message: string;
}

export interface ValidationContext {
  expectedScheduleId: string;
  frame: WeekFrame;
  rules: SelectionRules;
  candidates: Map<number, Candidate>;
}

type Slot = Schedule['slots'][number];
type Add = (rule: Problem['rule'], message: string, slotIndex?: number) => void;

/** PPVs a day within the day's range, and the whole week within the tab's block. */
function checkCounts(s: Schedule, ctx: ValidationContext, add: Add): void {
  // The tab writer overwrites a fixed block instead of clearing the tab first (one Sheets call less per page).
  if (s.slots.length > MAX_WEEK_MESSAGES) add('count', `${s.slots.length} messages in the week; at most ${MAX_WEEK_MESSAGES}`);
  for (const day of ctx.frame.days) {
    const n = s.slots.filter((x) => x.localDate === day.date && x.messageType === 'PPV').length;
    if (n < day.ppvMin || n > day.ppvMax) add('count', `${day.date}: ${n} PPVs, expected ${day.ppvMin} to ${day.ppvMax}`);
  }
}

function checkGaps(s: Schedule, ctx: ValidationContext, add: Add): void {
  const ppvs = s.slots.filter((x) => x.messageType === 'PPV').sort((a, b) => a.sendTime.getTime() - b.sendTime.getTime());
  for (let i = 1; i < ppvs.length; i += 1) {
    const a = ppvs[i - 1];
    const b = ppvs[i];
    if (a && b && minutesBetween(a.sendTime, b.sendTime) < ctx.frame.minGapMinutes) {
      add('gap', `PPV ${b.localDate} ${b.localTime} is ${minutesBetween(a.sendTime, b.sendTime)} min after the previous one; minimum ${ctx.frame.minGapMinutes}`, b.slotIndex);
    }
  }
}

/** A slot's instant: inside the week and the allowed hours, a real LA time, matching its local fields. */
function checkTime(slot: Slot, at: string, ctx: ValidationContext, add: Add): void {
  const { start: weekStart, end: weekEnd } = ctx.rules.week;
  const hours = ctx.frame.allowedHours;
  const local = toLocal(slot.sendTime);
  const t = slot.sendTime.getTime();
  if (t < weekStart.getTime() || t >= weekEnd.getTime()) add('hours', `${at} is outside the week`, slot.slotIndex);
  if (local.hour < hours.start || local.hour >= hours.end) add('hours', `${at} is outside the allowed hours ${hours.start}:00–${hours.end}:00`, slot.slotIndex);
  if (localInstant(local.localDate, local.hour, Number(local.localTime.slice(3))) === null) {
    add('hours', `${at} falls in a daylight-saving change (a skipped or repeated local time)`, slot.slotIndex);
  }
  if (local.localDate !== slot.localDate || local.localTime !== slot.localTime) add('hours', `${at} does not match its instant (${local.localDate} ${local.localTime})`, slot.slotIndex);
}

/** A slot's caption: a candidate of the page, of the slot's type, not excluded (lock, restriction, cool-down, price). */
function checkCaption(slot: Slot & { captionId: number }, at: string, ctx: ValidationContext, add: Add): void {
  const c = ctx.candidates.get(slot.captionId);
  if (!c) {
    add('caption', `${at}: caption ${slot.captionId} is not among the page's candidates`, slot.slotIndex);
    return;
  }
  if ((slot.messageType === 'PPV') !== (c.caption_type === 'PPV')) add('caption', `${at}: a ${c.caption_type} caption in a ${slot.messageType} slot`, slot.slotIndex);
  const why = exclusionReason(c, ctx.rules);
  if (why) {
    const rule: Problem['rule'] = why.startsWith('locked') ? 'lock' : why.startsWith('price') ? 'price' : why.startsWith('used') ? 'cooldown' : 'restricted';
    add(rule, `${at}: caption ${slot.captionId} ${why}`, slot.slotIndex);
  }
}

function checkPrice(slot: Slot, at: string, ctx: ValidationContext, add: Add): void {
  if (slot.messageType !== 'PPV') return;
  const { priceFloor: lo, priceCeiling: hi } = ctx.rules;
  if (slot.price === null || !(slot.price > 0)) add('price', `${at} has no price`, slot.slotIndex);
  else if ((lo !== null && slot.price < lo) || (hi !== null && slot.price > hi)) add('price', `${at}: price ${slot.price} outside ${lo ?? 0}–${hi ?? '∞'}`, slot.slotIndex);
}

export function validateSchedule(s: Schedule, ctx: ValidationContext): { valid: boolean; problems: Problem[] } {
  const problems: Problem[] = [];
  const add: Add = (rule, message, slotIndex) => problems.push(slotIndex === undefined ? { rule, message } : { rule, slotIndex, message });
  if (!s.scheduleId || s.scheduleId !== ctx.expectedScheduleId) {
    add('schedule_id', `schedule id "${s.scheduleId}" is not the one assigned ("${ctx.expectedScheduleId}")`);
  }
  checkCounts(s, ctx, add);
  checkGaps(s, ctx, add);
  const seenCaption = new Map<number, number>();
  const seenTime = new Map<number, number>();
  let prev: Slot | undefined;
  for (const slot of [...s.slots].sort((a, b) => a.sendTime.getTime() - b.sendTime.getTime())) {
    const at = `${slot.messageType} ${slot.localDate} ${slot.localTime}`;
    if (seenTime.has(slot.sendTime.getTime())) add('duplicate', `${at} is at the same instant as slot ${seenTime.get(slot.sendTime.getTime())}`, slot.slotIndex);
    seenTime.set(slot.sendTime.getTime(), slot.slotIndex);
    checkTime(slot, at, ctx, add);
    if (slot.captionId === null) {
      add('caption', `${at} has no caption`, slot.slotIndex);
      prev = slot;
      continue;
    }
    if (seenCaption.has(slot.captionId)) add('duplicate', `caption ${slot.captionId} is used twice (slots ${seenCaption.get(slot.captionId)} and ${slot.slotIndex})`, slot.slotIndex);
    seenCaption.set(slot.captionId, slot.slotIndex);
    checkCaption(slot as Slot & { captionId: number }, at, ctx, add);
    checkPrice(slot, at, ctx, add);
    if (prev && prev.trigger !== '' && prev.trigger === slot.trigger) add('diversity', `${at} repeats the trigger "${slot.trigger}" of the slot before`, slot.slotIndex);
    prev = slot;
  }
  return { valid: problems.length === 0, problems };
}

export function exportGate(valid: boolean, light: Light, problemCount: number): { export: boolean; light: Light; reason: string } {
  if (light === 'RED') return { export: false, light, reason: 'saturation is CRITICAL (RED): the page rests this week; the schedule is kept for review only' };
  if (!valid) return { export: false, light, reason: `validation found ${problemCount} problem(s)` };
  return { export: true, light, reason: light === 'YELLOW' ? 'valid; saturation YELLOW, volume reduced' : 'valid; saturation GREEN' };
}
