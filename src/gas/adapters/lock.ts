// RunLock over a LockService lock: the document's lock for runs (two runs of one spreadsheet never
// overlap, while other spreadsheets using the add-on run freely), the script's lock only around
// the claims every document shares.
import type { RunLock } from '../../core/run/ports';

export interface LockApi {
  tryLock(timeoutInMillis: number): boolean;
  releaseLock(): void;
  hasLock(): boolean;
}

export class LockServiceRunLock implements RunLock {
  constructor(private readonly lock: LockApi) {}
  tryAcquire(waitMs: number): boolean {
    return this.lock.tryLock(waitMs);
  }
  release(): void {
    if (this.lock.hasLock()) this.lock.releaseLock();
  }
}

/** The document's lock ("no more than one execution for any given document"); null outside a document. */
export function documentLock(): LockApi {
  const lock = LockService.getDocumentLock();
  if (!lock) throw new Error('EROS Scheduler: no document lock here');
  return lock;
}
