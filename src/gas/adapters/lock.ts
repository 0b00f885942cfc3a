// RunLock over LockService's script lock: one run at a time across triggers and menu clicks.
import type { RunLock } from '../../core/run/ports';

export interface LockApi {
  tryLock(timeoutInMillis: number): boolean;
  releaseLock(): void;
  hasLock(): boolean;
}

export class ScriptRunLock implements RunLock {
  constructor(private readonly lock: LockApi) {}
  tryAcquire(waitMs: number): boolean {
    return this.lock.tryLock(waitMs);
  }
  release(): void {
    if (this.lock.hasLock()) this.lock.releaseLock();
  }
}
