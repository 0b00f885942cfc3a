// The wall clock in Apps Script.
import type { Clock } from '../../core/ports';

export const systemClock: Clock = { now: () => new Date() };
