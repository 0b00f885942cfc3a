// Time for the stand-ins: an injectable base clock plus a virtual offset, so Utilities.sleep,
// lock waits and cache expiry cost no real time in tests (realSleep switches that off).

export interface ClockLike {
  now(): Date;
}

export class RuntimeClock implements ClockLike {
  private offsetMs = 0;
  /** Total milliseconds slept (virtually or really) through this clock. */
  sleptMs = 0;

  constructor(
    private readonly base: ClockLike = { now: () => new Date() },
    private readonly realSleep = false,
    private readonly onSleep?: (ms: number) => void,
  ) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  /** Blocks for `ms`: really (Atomics.wait) when realSleep, else by moving the virtual clock. */
  sleep(ms: number): void {
    const n = Math.max(0, Math.floor(Number(ms) || 0));
    if (this.realSleep) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, n);
    else this.offsetMs += n;
    this.sleptMs += n;
    this.onSleep?.(n);
  }

  /** Moves virtual time forward without counting it as sleep (e.g. "an hour later" in a test). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
