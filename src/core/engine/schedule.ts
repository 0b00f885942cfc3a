// The schedule shape, and matching picked captions to the week's slot times.
import type { Pick } from './selector';
import { orderByTrigger } from './trigger-order';
import { toLocal, type DayName } from '../la-time';
import type { FunnelStep, MessageType, SlotTime } from './week-builder';

export interface Slot {
  slotIndex: number;
  sendTime: Date;
  localDate: string;
  localTime: string;
  dayOfWeek: DayName;
  messageType: MessageType;
  funnelStep: FunnelStep;
  captionId: number | null;
  captionText: string;
  category: string;
  trigger: string;
  price: number | null;
  draw: number | null;
  reason: string;
}

export interface Schedule {
  scheduleId: string;
  pageName: string;
  weekStart: string;
  slots: Slot[];
}

const captionTypeFor = (t: MessageType): 'PPV' | 'BUMP' => (t === 'PPV' ? 'PPV' : 'BUMP');

/**
 * Walks the slots in time order; the first slots of each type get its picks (a slot left without a
 * caption is dropped and reported: the count rule then shows whether that matters). Captions are
 * ordered so that no slot repeats the trigger of the slot before (orderByTrigger, which may swap in
 * an alternate); only when no such order exists does the greedy walk below accept a repeat.
 */
export function assignCaptions(times: SlotTime[], picks: Pick[], alternates: Pick[] = []): { slots: Slot[]; dropped: string[] } {
  const ordered = [...times].sort((a, b) => a.sendTime.getTime() - b.sendTime.getTime());
  const room = { PPV: 0, BUMP: 0 };
  for (const p of picks) room[p.candidate.caption_type === 'PPV' ? 'PPV' : 'BUMP'] += 1;
  const filled: SlotTime[] = [];
  const dropped: string[] = [];
  for (const t of ordered) {
    const type = captionTypeFor(t.messageType);
    if (room[type] > 0) {
      room[type] -= 1;
      filled.push(t);
    } else {
      const local = toLocal(t.sendTime);
      dropped.push(`${t.messageType} ${local.dayOfWeek} ${local.localTime}: no usable ${type} caption left`);
    }
  }
  const order = orderByTrigger(filled.map((t) => captionTypeFor(t.messageType)), picks, alternates) ?? greedyOrder(filled, picks);
  const slots = filled.map((t, i) => slotFor(t, order[i] as Pick, i));
  return { slots, dropped };
}

/** The fallback: most-frequent remaining trigger unlike the previous slot's, else the best draw. */
function greedyOrder(filled: SlotTime[], picks: Pick[]): Pick[] {
  const left = [...picks].sort((a, b) => b.draw - a.draw);
  const out: Pick[] = [];
  let prevTrigger: string | null = null;
  for (const t of filled) {
    const type = captionTypeFor(t.messageType);
    const ofType = left.filter((p) => p.candidate.caption_type === type);
    const freq = (trigger: string) => left.filter((p) => p.candidate.psychological_trigger === trigger).length;
    const allowed = ofType.filter((p) => prevTrigger === null || prevTrigger === '' || p.candidate.psychological_trigger !== prevTrigger);
    const pick = allowed.reduce<Pick | undefined>((best, p) => {
      if (!best) return p;
      const d = freq(p.candidate.psychological_trigger) - freq(best.candidate.psychological_trigger);
      return d > 0 || (d === 0 && p.draw > best.draw) ? p : best;
    }, undefined) ?? (ofType[0] as Pick);
    left.splice(left.indexOf(pick), 1);
    out.push(pick);
    prevTrigger = pick.candidate.psychological_trigger;
  }
  return out;
}

function slotFor(t: SlotTime, pick: Pick, slotIndex: number): Slot {
  const local = toLocal(t.sendTime);
  const c = pick.candidate;
  const role = t.funnelStep === 'standalone' ? t.messageType : `${t.messageType} (${t.funnelStep.replace('_', '-')})`;
  const when = t.hourRank < 99 ? `best hour #${t.hourRank + 1}` : 'open hour';
  return {
    slotIndex,
    sendTime: t.sendTime,
    localDate: local.localDate,
    localTime: local.localTime,
    dayOfWeek: local.dayOfWeek,
    messageType: t.messageType,
    funnelStep: t.funnelStep,
    captionId: c.caption_id,
    captionText: c.caption_text,
    category: c.content_category,
    trigger: c.psychological_trigger,
    price: t.messageType === 'PPV' ? pick.price : null,
    draw: pick.draw,
    reason: `${role} at ${local.dayOfWeek} ${local.localTime} (${when}): ${pick.reason}`,
  };
}
