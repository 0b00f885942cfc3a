// What one tick of a document's hourly trigger does. An Editor add-on may hold one time-driven
// trigger per user and document, at most hourly, so one trigger decides what is due, in order:
//   1. a paused run of this document (its checkpoint) continues — the follow-up of a run that hit
//      the time limit or was killed;
//   2. else the daily run, once a Los Angeles day from 03:00, unless a run over every page has
//      already finished today (from the menu, say);
//   3. else the warehouse's maintenance: the performance update every 6 hours and the lock sweep
//      every hour, each claimed for the dataset so documents sharing it run it once.
// One run at most per execution: a run may use the whole time budget.
import { laDate, toLocal } from '../la-time';
import { checkpointKey, LAST_FULL_RUN_KEY, RUN_KINDS } from './daily/checkpoint';
import type { RunDeps } from './daily/deps';
import { runDaily } from './daily/run';
import { runMaintenance, type MaintenanceDeps, type MaintenanceKind } from './maintenance';
import type { KeyValueStore, WarehouseClaims } from './ports';
import type { RunSummary } from './summary';

/** The daily run is due from this hour (Los Angeles). */
export const DAILY_FROM_HOUR = 3;

export interface DispatchDeps {
  /** The document's daily run (its state is the document's). */
  daily: RunDeps;
  /** The ports the maintenance runs use. */
  maintenance: MaintenanceDeps;
  /** Claims on the dataset's shared jobs. */
  claims: WarehouseClaims;
}

export type DispatchUnit = 'RESUME' | 'DAILY' | MaintenanceKind;

export interface DispatchReport {
  /** What ran, in order (empty: nothing was due). */
  ran: DispatchUnit[];
  summaries: RunSummary[];
}

/** Run kinds with a stored checkpoint, in the order they continue. */
export function pausedRuns(state: KeyValueStore): Array<(typeof RUN_KINDS)[number]> {
  return RUN_KINDS.filter((kind) => state.get(checkpointKey(kind)) !== null);
}

/** True from 03:00 Los Angeles until a run over every page has finished that day. */
export function dailyDue(state: KeyValueStore, now: Date): boolean {
  return toLocal(now).hour >= DAILY_FROM_HOUR && state.get(LAST_FULL_RUN_KEY) !== laDate(now);
}

/** Continues the first paused run (one execution of it); null when none is stored. */
export function resumePaused(daily: RunDeps): RunSummary | null {
  const [kind] = pausedRuns(daily.state);
  return kind === undefined ? null : runDaily(daily, { runKind: kind, resumeOnly: true });
}

/** A resume that found nothing to continue (a stale or damaged checkpoint, dropped). */
const nothingResumed = (s: RunSummary): boolean => s.finished && s.runId === '';

const MAINTENANCE: readonly MaintenanceKind[] = ['PERFORMANCE', 'SWEEP'];

export function dispatch(deps: DispatchDeps): DispatchReport {
  const resumed = resumePaused(deps.daily);
  if (resumed && !nothingResumed(resumed)) return { ran: ['RESUME'], summaries: [resumed] };
  if (dailyDue(deps.daily.state, deps.daily.clock.now())) {
    return { ran: ['DAILY'], summaries: [runDaily(deps.daily, { runKind: 'DAILY' })] };
  }
  const report: DispatchReport = { ran: [], summaries: [] };
  for (const kind of MAINTENANCE) {
    if (!deps.claims.claim(kind)) continue;
    let summary: RunSummary | null = null;
    try {
      summary = runMaintenance(deps.maintenance, kind);
    } finally {
      // Skipped for the lock (status RUNNING) or failed: the next tick tries again.
      deps.claims.settle(kind, summary?.status === 'SUCCEEDED');
    }
    report.ran.push(kind);
    report.summaries.push(summary);
  }
  return report;
}
