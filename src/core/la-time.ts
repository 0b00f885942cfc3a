// Los Angeles time, the zone of every timestamp a person sees: wall clock ↔ UTC instants, run
// dates and weeks (luxon, Intl-backed, works in Apps Script V8; DST-safe either side of a switch).
import { DateTime } from 'luxon';

/** The one zone the product plans and shows in. */
export const LA_ZONE = 'America/Los_Angeles';
const zone = LA_ZONE;
export const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type DayName = (typeof DAY_NAMES)[number];

export function parseLocalDate(iso: string): DateTime {
  const d = DateTime.fromISO(iso, { zone });
  if (!d.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`"${iso}" is not a date like 2026-11-02`);
  return d.startOf('day');
}

// Every page of a run asks for the same week: luxon's parsing was ~10 % of planning at 500 pages.
const weeks = new Map<string, { dates: string[]; startMs: number; endMs: number }>();
function week(weekStart: string): { dates: string[]; startMs: number; endMs: number } {
  let hit = weeks.get(weekStart);
  if (!hit) {
    const start = parseLocalDate(weekStart);
    if (start.weekday !== 1) throw new Error(`week start ${weekStart} is not a Monday`);
    const dates = Array.from({ length: 7 }, (_, i) => start.plus({ days: i }).toISODate() ?? '');
    hit = { dates, startMs: start.toMillis(), endMs: start.plus({ days: 7 }).toMillis() };
    if (weeks.size > 100) weeks.clear();
    weeks.set(weekStart, hit);
  }
  return hit;
}

/** The 7 LA dates of the week, starting at weekStart (must be a Monday). */
export function weekDates(weekStart: string): string[] {
  return [...week(weekStart).dates];
}

/** [start, end) of the week as UTC instants (DST-aware: a week can be 167 or 169 hours). */
export function weekWindow(weekStart: string): { start: Date; end: Date } {
  const { startMs, endMs } = week(weekStart);
  return { start: new Date(startMs), end: new Date(endMs) };
}

// Per-date offset cache: luxon's Intl offset lookups dominate the builder's run time otherwise.
// `after` is the offset from the next midnight back: on a switch day, the one after the change.
interface DayOffset {
  switchDay: boolean;
  offsetMinutes: number;
  after: number;
  /** The date's 00:00 as if it were UTC (epoch ms): wall clock → instant without re-parsing. */
  wallMidnight: number;
}
const dayOffsets = new Map<string, DayOffset>();
function dayOffset(date: string): DayOffset {
  let hit = dayOffsets.get(date);
  if (!hit) {
    const d = parseLocalDate(date);
    const after = d.plus({ days: 1 }).offset;
    hit = { switchDay: d.offset !== after, offsetMinutes: d.offset, after, wallMidnight: Date.UTC(d.year, d.month - 1, d.day) };
    if (dayOffsets.size > 5000) dayOffsets.clear();
    dayOffsets.set(date, hit);
  }
  return hit;
}

/** True when the UTC offset changes during this LA date (a DST switch day). */
export function isDstSwitchDay(date: string): boolean {
  return dayOffset(date).switchDay;
}

/**
 * The instant of an LA wall-clock time, or null if that time does not exist or happens twice
 * (on switch days the 01:00–03:00 band is avoided entirely, so it is never ambiguous).
 */
export function localInstant(date: string, hour: number, minute: number): Date | null {
  const ms = localInstantMs(date, hour, minute);
  return ms === null ? null : new Date(ms);
}

/** localInstant as epoch milliseconds (no Date allocated: the week builder asks thousands of times). */
export function localInstantMs(date: string, hour: number, minute: number): number | null {
  return wallClock(date)(hour, minute);
}

/** localInstantMs for one date, its offsets looked up once (the builder's grid walks a whole day). */
export function wallClock(date: string): (hour: number, minute: number) => number | null {
  const { switchDay, offsetMinutes, after, wallMidnight } = dayOffset(date);
  return (hour, minute) => {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23 || !Number.isInteger(minute) || minute < 0 || minute > 59) return null;
    const wall = wallMidnight + (hour * 60 + minute) * 60000;
    if (!switchDay) return wall - offsetMinutes * 60000;
    if (hour >= 1 && hour < 3) return null;
    // LA switches at 02:00: before 01:00 the day's first offset holds, from 03:00 the next one.
    return wall - (hour < 1 ? offsetMinutes : after) * 60000;
  };
}

export function toLocal(instant: Date): { localDate: string; localTime: string; hour: number; dayOfWeek: DayName } {
  // Fast path through the per-date offset cache; luxon on switch days.
  const guess = new Date(instant.getTime() - 8 * 3600_000).toISOString().slice(0, 10);
  const off = dayOffset(guess);
  if (!off.switchDay) {
    const local = new Date(instant.getTime() + off.offsetMinutes * 60000);
    const iso = local.toISOString();
    if (iso.slice(0, 10) === guess) {
      return {
        localDate: guess,
        localTime: iso.slice(11, 16),
        hour: local.getUTCHours(),
        dayOfWeek: DAY_NAMES[(local.getUTCDay() + 6) % 7] ?? 'Mon',
      };
    }
  }
  const t = DateTime.fromJSDate(instant, { zone });
  return {
    localDate: t.toISODate() ?? '',
    localTime: t.toFormat('HH:mm'),
    hour: t.hour,
    dayOfWeek: DAY_NAMES[t.weekday - 1] ?? 'Mon',
  };
}

export const minutesBetween = (a: Date, b: Date): number => Math.abs(b.getTime() - a.getTime()) / 60000;

/** The LA calendar date of an instant, 'YYYY-MM-DD'. */
export function laDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() as string;
}

/** The next Monday strictly after the LA date of `at` (a run on a Monday plans the following week). */
export function nextWeekStart(at: Date): string {
  const d = DateTime.fromJSDate(at, { zone }).startOf('day');
  return d.plus({ days: 8 - d.weekday }).toISODate() as string;
}

/** Adds whole days to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}
