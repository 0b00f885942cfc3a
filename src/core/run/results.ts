// A page's outcome in a run, built one way everywhere: its status, a reason a person can read
// (at most MAX_REASON characters), and the plan's facts when there is a plan.
import type { PagePlanLike } from './plan-contract';
import { CircuitOpenError } from './retry';
import type { PageResult, PageStatus } from './summary';

export const MAX_REASON = 300;

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, MAX_REASON);

/** The facts of a plan every PageResult of its page carries. */
export function planFacts(plan: PagePlanLike): Partial<PageResult> {
  return {
    scheduleId: plan.schedule.scheduleId,
    light: plan.gate.light,
    sizeTier: plan.analysis.account_classification?.size_tier,
    riskLevel: plan.analysis.saturation?.risk_level,
    captionTarget: plan.captionTarget,
    messageCount: plan.schedule.slots.length,
  };
}

export function pageResult(page: string, status: PageStatus, reason: string, at: Date, extra: Partial<PageResult> = {}): PageResult {
  return { page, status, reason: reason.slice(0, MAX_REASON), scheduleId: null, ...extra, at: at.toISOString() };
}

/** A failed job settles its pages FAILED, or NOT_ATTEMPTED when the breaker refused it. */
export function jobFailedResult(page: string, what: string, e: unknown, at: Date, extra: Partial<PageResult> = {}): PageResult {
  const refused = e instanceof CircuitOpenError;
  return pageResult(page, refused ? 'NOT_ATTEMPTED' : 'FAILED', refused ? errorText(e) : `${what}: ${errorText(e)}`, at, extra);
}

/** A reason with the data note after it; the reason keeps at least 100 characters. */
export function withNote(reason: string, note: string | undefined): string {
  if (!note) return reason;
  const head = reason.slice(0, Math.max(100, MAX_REASON - 9 - note.length));
  const room = MAX_REASON - 9 - head.length;
  const n = note.length > room ? `${note.slice(0, room - 1)}…` : note;
  return `${head} | data: ${n}`;
}
