// LockService: mutual exclusion between executions of the same script.
// https://developers.google.com/apps-script/reference/lock/lock
// https://developers.google.com/apps-script/reference/lock/lock-service
// Locks live in a registry that several runtimes in one process can share, so a test can run
// two "concurrent" executions. A lock is held until releaseLock() or the end of the execution
// that took it ("Locks are released automatically when the script terminates").
import { ServiceError } from './errors';

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';
/** How often a waiting lock looks again (virtual time unless realSleep). */
const POLL_MS = 100;

export class LockRegistry {
  private readonly held = new Map<string, Lock>();

  holder(key: string): Lock | undefined {
    return this.held.get(key);
  }

  take(key: string, lock: Lock): boolean {
    const current = this.held.get(key);
    if (current && current !== lock) return false;
    this.held.set(key, lock);
    return true;
  }

  release(key: string, lock: Lock): void {
    if (this.held.get(key) === lock) this.held.delete(key);
  }

  /** Called when an execution ends: everything it still holds is released. */
  releaseExecution(execution: string): void {
    for (const [key, lock] of this.held) if (lock._execution() === execution) this.held.delete(key);
  }
}

export class Lock {
  static readonly apiName = 'LockService.Lock';

  constructor(
    private readonly _registry: LockRegistry,
    private readonly _key: string,
    readonly _execution: () => string,
    private readonly _sleep: (ms: number) => void,
  ) {}

  hasLock(): boolean {
    return this._registry.holder(this._key) === this;
  }

  /** Waits up to timeoutInMillis; false if another execution still holds the lock. */
  tryLock(timeoutInMillis: number): boolean {
    let waited = 0;
    for (;;) {
      if (this._registry.take(this._key, this)) return true;
      if (waited >= timeoutInMillis) return false;
      const step = Math.min(POLL_MS, timeoutInMillis - waited);
      this._sleep(step);
      waited += step;
    }
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new ServiceError(LOCK_TIMEOUT_MESSAGE);
  }

  /** No effect when this lock was not acquired. */
  releaseLock(): void {
    this._registry.release(this._key, this);
  }
}

export class LockServiceStandIn {
  static readonly apiName = 'LockService';

  constructor(
    private readonly _registry: LockRegistry,
    private readonly _execution: () => string,
    private readonly _sleep: (ms: number) => void,
    private readonly _documentId: string | null | (() => string | null),
    private readonly _userEmail: string,
  ) {}

  getScriptLock(): Lock {
    return new Lock(this._registry, 'script', this._execution, this._sleep);
  }

  /** null when the execution has no document (a standalone script or web app). */
  getDocumentLock(): Lock | null {
    const id = typeof this._documentId === 'function' ? this._documentId() : this._documentId;
    return id === null ? null : new Lock(this._registry, `document:${id}`, this._execution, this._sleep);
  }

  getUserLock(): Lock {
    return new Lock(this._registry, `user:${this._userEmail}`, this._execution, this._sleep);
  }
}
