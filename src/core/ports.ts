// Ports: what the pure core needs from the outside world. Apps Script adapters (src/gas) and
// test doubles implement them; the core never touches a global.

/** Wall clock. Injected so every decision is reproducible in tests. */
export interface Clock {
  now(): Date;
}

/** A uniform random source on [0, 1). Seeded in tests and simulations. */
export interface RandomSource {
  next(): number;
}

/** Blocking sleep (Utilities.sleep in Apps Script; virtual in tests). */
export interface Sleeper {
  sleep(ms: number): void;
}

export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}
