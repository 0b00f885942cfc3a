// Blocking sleep in Apps Script (there is no setTimeout).
import type { Sleeper } from '../../core/ports';

export const utilitiesSleeper: Sleeper = { sleep: (ms: number) => Utilities.sleep(Math.max(0, Math.round(ms))) };
