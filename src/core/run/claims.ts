// Claims on the warehouse jobs every document pointing at a dataset shares: the day's queue
// (run_daily_automation), the performance update and the lock sweep work on the dataset, not on a
// document, so with several documents on one dataset each must run once per period, not once per
// document. A claim is a small record per dataset and job in script-wide state, read and written
// under the script-wide lock (held only for that), so two documents' executions never both win.
import * as z from 'zod';
import type { Clock } from '../ports';
import { laDate } from '../la-time';
import type { KeyValueStore, RunLock, SharedJob, WarehouseClaims } from './ports';

/** How often each shared job is due for a dataset. */
export const CADENCE: Record<SharedJob, { everyMs: number } | { daily: true }> = {
  DAILY_QUEUE: { daily: true },
  PERFORMANCE: { everyMs: 6 * 3_600_000 },
  SWEEP: { everyMs: 3_600_000 },
};
/** Hourly triggers of several documents tick at different minutes: a job is due this much early. */
export const CADENCE_SLACK_MS = 10 * 60_000;
/** A claim older than this was left by an execution Apps Script has killed (6 minutes at most). */
export const CLAIM_STALE_MS = 7 * 60_000;
const LOCK_WAIT_MS = 10_000;

const ClaimSchema = z.object({
  /** When the last claim was taken (epoch ms). */
  at: z.number(),
  /** When the last successful run started (epoch ms), or 0. */
  done: z.number(),
  /** The last claim is still running. */
  running: z.boolean(),
});
type Claim = z.infer<typeof ClaimSchema>;

export const claimKey = (project: string, dataset: string, job: SharedJob): string => `eros.claim.${project}.${dataset}.${job}`;

/** True when `job` is due at `now` after the claim recorded (null: never ran). */
export function isDue(job: SharedJob, claim: Claim | null, now: Date): boolean {
  if (claim === null) return true;
  const t = now.getTime();
  if (claim.running && t - claim.at < CLAIM_STALE_MS) return false;
  const cadence = CADENCE[job];
  if ('daily' in cadence) return claim.done === 0 || laDate(new Date(claim.done)) !== laDate(now);
  return t - claim.done >= cadence.everyMs - CADENCE_SLACK_MS;
}

export interface ClaimDeps {
  /** Script-wide state (shared by every document of the add-on). */
  store: KeyValueStore;
  /** The script-wide lock, held only while a claim is read and written. */
  lock: RunLock;
  clock: Clock;
  project: string;
  dataset: string;
}

/** The stored claim; a damaged one counts as none (it is replaced). */
function read(store: KeyValueStore, key: string): Claim | null {
  try {
    const parsed = ClaimSchema.safeParse(JSON.parse(store.get(key) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Claims over script-wide state for one dataset. */
export function warehouseClaims(deps: ClaimDeps): WarehouseClaims {
  /** Reads and writes one claim under the lock; false when the lock is busy. */
  const update = (job: SharedJob, change: (claim: Claim | null, now: number) => Claim | null): boolean => {
    if (!deps.lock.tryAcquire(LOCK_WAIT_MS)) return false;
    try {
      const key = claimKey(deps.project, deps.dataset, job);
      const next = change(read(deps.store, key), deps.clock.now().getTime());
      if (next) deps.store.set(key, JSON.stringify(next));
      return next !== null;
    } finally {
      deps.lock.release();
    }
  };
  return {
    claim(job: SharedJob): boolean {
      return update(job, (claim, now) => (isDue(job, claim, new Date(now)) ? { at: now, done: claim?.done ?? 0, running: true } : null));
    },
    settle(job: SharedJob, ok: boolean): void {
      update(job, (claim) => claim && { at: claim.at, done: ok ? claim.at : claim.done, running: false });
    },
  };
}
