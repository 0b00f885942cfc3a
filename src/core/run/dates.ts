// Run dates in America/Los_Angeles: the run date is today's LA date; a run plans the week that
// starts next Monday (LA). Luxon handles DST so 03:05 LA maps to the right instant either side.
import { DateTime } from 'luxon';

export const ZONE = 'America/Los_Angeles';

/** The LA calendar date of an instant, 'YYYY-MM-DD'. */
export function laDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: ZONE }).toISODate() as string;
}

/** The next Monday strictly after the LA date of `at` (a run on a Monday plans the following week). */
export function nextWeekStart(at: Date): string {
  const d = DateTime.fromJSDate(at, { zone: ZONE }).startOf('day');
  return d.plus({ days: 8 - d.weekday }).toISODate() as string;
}

/** Adds whole days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}
