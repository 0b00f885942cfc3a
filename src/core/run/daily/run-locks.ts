// Captions the run's planned pages hold, by caption id. The candidates query only knows locks
// already written, so pages of one run would otherwise share a candidate list and double-assign.
import type { Row } from '../ports';
import type { PagePlanLike } from '../plan-contract';

const DAY_MS = 86_400_000;
/** A lock holds its caption from send to send + 7 days (write_schedules.sql: lock_window_end). */
const LOCK_MS = 7 * DAY_MS;

/** A caption a page planned earlier in this run holds (the engine's lock row shape). */
// A type alias (not an interface) so it stays assignable to Row.
type HeldCaption = { captionId: number; pageName: string; windowStart: Date; windowEnd: Date };

export class RunLocks {
  private readonly byCaption = new Map<number, HeldCaption[]>();

  /** The slots' captions, held like the write job's locks: [send - 7 d, send + 7 d) covers every
   * send of another page less than 7 days away. */
  add(plan: PagePlanLike): void {
    for (const s of plan.schedule.slots) {
      if (s.captionId === null) continue;
      const t = s.sendTime.getTime();
      const lock = { captionId: s.captionId, pageName: plan.pageName, windowStart: new Date(t - LOCK_MS), windowEnd: new Date(t + LOCK_MS) };
      const list = this.byCaption.get(s.captionId);
      if (list) list.push(lock);
      else this.byCaption.set(s.captionId, [lock]);
    }
  }

  /** Locks on the captions of these candidate rows (a map look-up each: fast at 500 pages). */
  forCandidates(rows: readonly Row[]): HeldCaption[] {
    if (this.byCaption.size === 0) return [];
    const out: HeldCaption[] = [];
    const seen = new Set<number>();
    for (const r of rows) {
      const id = Number(r.caption_id);
      if (seen.has(id)) continue;
      seen.add(id);
      const list = this.byCaption.get(id);
      if (list) out.push(...list);
    }
    return out;
  }
}
