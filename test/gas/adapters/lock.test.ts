import { ScriptRunLock } from '../../../src/gas/adapters/lock';

describe('ScriptRunLock', () => {
  it('maps tryLock and releases only when held', () => {
    const calls: string[] = [];
    let held = false;
    const lock = new ScriptRunLock({
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
