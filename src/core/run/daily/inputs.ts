// What planning needs besides the candidates: the week's holidays (one small job) and the
// Overrides tab (read only when pages are planned, so an execution that only fills tabs spends
// no Sheets call on it).
import type { PageOverrides } from '../../overrides/schema';
import { holidaysParams, toHolidays } from '../jobs';
import type { PlanHoliday } from '../plan-contract';
import { errorText } from '../results';
import { note, timed, type RunContext } from './context';

export interface PlanInputs {
  holidays: PlanHoliday[];
  overrides: Readonly<Record<string, PageOverrides>>;
}

/** A note keeps at most this many override problems; the count says how many there were. */
const PROBLEMS_IN_NOTE = 5;

function readHolidays(ctx: RunContext, weekEnd: string): PlanHoliday[] {
  const sql = ctx.deps.queries.holidays;
  if (!sql || ctx.breaker.open) return [];
  try {
    const { rows } = timed(ctx, () => ctx.warehouse.query(sql, holidaysParams(ctx.run.weekStart, weekEnd), { label: 'holidays' }));
    return toHolidays(rows);
  } catch (e) {
    note(ctx, `holidays unavailable, planned without holiday adjustment: ${errorText(e)}`);
    return [];
  }
}

function readOverrides(ctx: RunContext, pages: readonly string[], lookAlikes: boolean): Readonly<Record<string, PageOverrides>> {
  try {
    // The first execution to plan searches for a renamed tab; its note is kept.
    const load = ctx.deps.loadOverrides?.(pages, lookAlikes);
    const problems = load?.problems ?? [];
    if (problems.length > 0) {
      const shown = problems.slice(0, PROBLEMS_IN_NOTE).join(' | ');
      note(ctx, `Overrides: ${problems.length} problem(s), those pages use defaults: ${shown}${problems.length > PROBLEMS_IN_NOTE ? ' | …' : ''}`);
    }
    return load?.overrides ?? {};
  } catch (e) {
    note(ctx, `Overrides tab unreadable, every page uses defaults: ${errorText(e)}`);
    return {};
  }
}

/** Holidays and overrides for the pages left; nothing is read when no page is left. */
export function planInputs(ctx: RunContext, pages: readonly string[], remaining: readonly string[], firstToPlan: boolean, weekEnd: string): PlanInputs {
  if (remaining.length === 0) return { holidays: [], overrides: {} };
  return { holidays: readHolidays(ctx, weekEnd), overrides: readOverrides(ctx, pages, firstToPlan) };
}
