// The schedule shape, and matching picked captions to the week's slot times.
import type { Pick } from './selector';
import { toLocal, type DayName } from './la-time';
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
 * Walks the slots in time order; each takes a remaining caption of its type whose trigger differs
 * from the previous slot's (most-frequent trigger first, then the highest draw). A slot no caption can fill is dropped and
 * reported (the count rule then shows whether that matters).
 */
export function assignCaptions(times: SlotTime[], picks: Pick[]): { slots: Slot[]; dropped: string[] } {
  const left = [...picks].sort((a, b) => b.draw - a.draw);
  const slots: Slot[] = [];
  const dropped: string[] = [];
  let prevTrigger: string | null = null;
  for (const t of [...times].sort((a, b) => a.sendTime.getTime() - b.sendTime.getTime())) {
    const type = captionTypeFor(t.messageType);
    const ofType = left.filter((p) => p.candidate.caption_type === type);
    // Most-frequent remaining trigger first (avoids ending with a run of one trigger), then the draw.
    const freq = (trigger: string) => left.filter((p) => p.candidate.psychological_trigger === trigger).length;
    const allowed = ofType.filter((p) => prevTrigger === null || prevTrigger === '' || p.candidate.psychological_trigger !== prevTrigger);
    const pick = allowed.reduce<Pick | undefined>((best, p) => {
      if (!best) return p;
      const d = freq(p.candidate.psychological_trigger) - freq(best.candidate.psychological_trigger);
      return d > 0 || (d === 0 && p.draw > best.draw) ? p : best;
    }, undefined) ?? ofType[0];
    const local = toLocal(t.sendTime);
    if (!pick) {
      dropped.push(`${t.messageType} ${local.dayOfWeek} ${local.localTime}: no usable ${type} caption left`);
      continue;
    }
    left.splice(left.indexOf(pick), 1);
    const c = pick.candidate;
    const role = t.funnelStep === 'standalone' ? t.messageType : `${t.messageType} (${t.funnelStep.replace('_', '-')})`;
    const when = t.hourRank < 99 ? `best hour #${t.hourRank + 1}` : 'open hour';
    slots.push({
      slotIndex: slots.length,
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
    });
    prevTrigger = c.psychological_trigger;
  }
  return { slots, dropped };
}
