import { LockServiceRunLock } from '../../../src/gas/adapters/lock';

describe('LockServiceRunLock', () => {
  it('maps tryLock and releases only when held', () => {
    const calls: string[] = [];
    let held = false;
    const lock = new LockServiceRunLock({
      tryLock: (ms) => (calls.push(`try ${ms}`), (held = ms > 0)),
      releaseLock: () => void calls.push('release'),
      hasLock: () => held,
    });
    expect(lock.tryAcquire(0)).toBe(false);
    lock.release();
    expect(lock.tryAcquire(500)).toBe(true);
    lock.release();
    expect(calls).toEqual(['try 0', 'try 500', 'release']);
  });
});
