// Contract tests for LockService, including two "concurrent" executions sharing one registry.
// https://developers.google.com/apps-script/reference/lock/lock
// https://developers.google.com/apps-script/reference/lock/lock-service
import { createRuntime, LockRegistry, PropertyStores } from '../../../local/runtime';

const BUNDLE = `
function hold() { var l = LockService.getScriptLock(); return l.tryLock(0) && l.hasLock(); }
function tryFor(ms) { return LockService.getScriptLock().tryLock(ms); }
function waitFor(ms) { LockService.getScriptLock().waitLock(ms); return 'got it'; }
function releaseAfter() { var l = LockService.getScriptLock(); l.waitLock(1000); l.releaseLock(); return l.hasLock(); }
function both() {
  var l = LockService.getScriptLock();
  l.waitLock(1000);
  var inner = runOther();
  l.releaseLock();
  return inner;
}
function docLock() { return LockService.getDocumentLock() !== null && LockService.getUserLock().tryLock(0); }
`;

function pair() {
  const locks = new LockRegistry();
  const properties = new PropertyStores();
  const clock = { now: () => new Date('2025-06-01T00:00:00Z') };
  const a = createRuntime({ code: BUNDLE, locks, properties, clock });
  const b = createRuntime({ code: BUNDLE, locks, properties, clock });
  return { a, b };
}

describe('LockService', () => {
  it('a lock is released when the execution that took it ends', () => {
    const { a, b } = pair();
    expect(a.call('hold')).toBe(true);
    expect(b.call('tryFor', 0)).toBe(true);
  });

  it('while one execution holds the lock, tryLock elsewhere waits (virtually) and returns false', () => {
    const { a, b } = pair();
    a.context.runOther = () => b.call('tryFor', 5000);
    expect(a.call('both')).toBe(false);
    expect(b.services.clock.sleptMs).toBe(5000); // waited the full timeout, in virtual time
  });

  it('waitLock throws Google\'s timeout message', () => {
    const { a, b } = pair();
    a.context.runOther = () => {
      try { return b.call('waitFor', 2000); } catch (e) { return (e as Error).message; }
    };
    expect(a.call('both')).toBe('Lock timeout: another process was holding the lock for too long.');
  });

  it('a waiter gets the lock once the holder releases during the wait', () => {
    const locks = new LockRegistry();
    const clock = { now: () => new Date(0) };
    let release: (() => void) | undefined;
    const b = createRuntime({ code: BUNDLE, locks, clock, onSleep: () => release?.() });
    const a = createRuntime({ code: BUNDLE, locks, clock });
    a.context.runOther = () => {
      // The holder's execution is still running; it ends (releasing) while b waits.
      release = () => locks.releaseExecution(locks.holder('script')!._execution());
      return b.call('waitFor', 10_000);
    };
    expect(a.call('both')).toBe('got it');
    expect(b.services.clock.sleptMs).toBe(100);
  });

  it('releaseLock frees it; hasLock reports false afterwards; document and user locks exist', () => {
    const { a } = pair();
    expect(a.call('releaseAfter')).toBe(false);
    expect(a.call('docLock')).toBe(true);
  });
});
