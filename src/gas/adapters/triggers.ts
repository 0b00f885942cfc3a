// The add-on's time-driven triggers: installed idempotently (never a duplicate), removed
// selectively (only ours), plus the one-off follow-up that resumes a checkpointed daily run.
import { LA_ZONE } from '../../core/la-time';
import type { FollowUpScheduler } from '../../core/run/ports';

export const DAILY_HANDLER = 'runDailyAutomation';
export const PERFORMANCE_HANDLER = 'runPerformanceUpdate';
export const SWEEP_HANDLER = 'runLockSweep';
export const RESUME_HANDLER = 'resumeDailyAutomation';
export const OUR_HANDLERS = [DAILY_HANDLER, PERFORMANCE_HANDLER, SWEEP_HANDLER, RESUME_HANDLER];

/** The parts of ScriptApp's trigger API used here. */
export interface TriggerLike {
  getHandlerFunction(): string;
}
export interface ClockTriggerBuilderLike {
  atHour(hour: number): ClockTriggerBuilderLike;
  nearMinute(minute: number): ClockTriggerBuilderLike;
  everyDays(n: number): ClockTriggerBuilderLike;
  everyHours(n: number): ClockTriggerBuilderLike;
  inTimezone(tz: string): ClockTriggerBuilderLike;
  after(ms: number): ClockTriggerBuilderLike;
  create(): TriggerLike;
}
export interface TriggerApi {
  getProjectTriggers(): TriggerLike[];
  deleteTrigger(trigger: TriggerLike): void;
  newTrigger(functionName: string): { timeBased(): ClockTriggerBuilderLike };
}

const SCHEDULES: Record<string, (b: ClockTriggerBuilderLike) => ClockTriggerBuilderLike> = {
  // 03:05 Los Angeles whatever the script's time zone; Apps Script picks a minute near 5.
  [DAILY_HANDLER]: (b) => b.atHour(3).nearMinute(5).everyDays(1).inTimezone(LA_ZONE),
  [PERFORMANCE_HANDLER]: (b) => b.everyHours(6),
  [SWEEP_HANDLER]: (b) => b.everyHours(1),
};

export interface InstallReport {
  created: string[];
  kept: string[];
  removedDuplicates: number;
}

/** Ensures exactly one trigger per recurring handler; other projects' triggers are untouched. */
export function installAutomation(api: TriggerApi): InstallReport {
  const report: InstallReport = { created: [], kept: [], removedDuplicates: 0 };
  const existing = api.getProjectTriggers();
  for (const handler of Object.keys(SCHEDULES)) {
    const mine = existing.filter((t) => t.getHandlerFunction() === handler);
    mine.slice(1).forEach((t) => {
      api.deleteTrigger(t);
      report.removedDuplicates += 1;
    });
    if (mine.length > 0) report.kept.push(handler);
    else {
      (SCHEDULES[handler] as (b: ClockTriggerBuilderLike) => ClockTriggerBuilderLike)(api.newTrigger(handler).timeBased()).create();
      report.created.push(handler);
    }
  }
  return report;
}

/** Deletes this add-on's triggers (recurring and follow-up) and nothing else; returns how many. */
export function removeAutomation(api: TriggerApi): number {
  const ours = api.getProjectTriggers().filter((t) => OUR_HANDLERS.includes(t.getHandlerFunction()));
  ours.forEach((t) => api.deleteTrigger(t));
  return ours.length;
}

/** Deletes spent or pending follow-up triggers (a one-off trigger stays listed after it fired). */
export function clearResumeTriggers(api: TriggerApi): number {
  const resume = api.getProjectTriggers().filter((t) => t.getHandlerFunction() === RESUME_HANDLER);
  resume.forEach((t) => api.deleteTrigger(t));
  return resume.length;
}

/** One pending follow-up at most: an earlier one is replaced. */
export function followUpScheduler(api: TriggerApi): FollowUpScheduler {
  return {
    scheduleResume(afterMs: number): void {
      clearResumeTriggers(api);
      api.newTrigger(RESUME_HANDLER).timeBased().after(Math.max(1, Math.round(afterMs))).create();
    },
  };
}
