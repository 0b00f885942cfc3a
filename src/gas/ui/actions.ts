// Menu items that run something for the person looking at the sheet: generate, undo, health.
// A tab is mapped back to its page by the tag the run keeps on each schedule tab, never by its
// name (a page's tab name is made Sheets-safe and may be cut or renamed).
import { healthMessage, runHealthCheck as checkHealth } from '../../core/run/health-check';
import { runDaily } from '../../core/run/daily/run';
import type { RunSummary } from '../../core/run/summary';
import { undoLastGeneration, type UndoResult } from '../../core/run/undo';
import { dailyDeps, defaultEnv, runPorts, settingsOf, type GasEnv } from '../env';
import type { HealthReport } from '../../core/run/health';

/** The daily run, now, for every active page. */
export function generateAllSchedules(_event?: unknown, env: GasEnv = defaultEnv()): RunSummary {
  const s = runDaily(dailyDeps(env), { runKind: 'MENU' });
  env.notify?.(s.message);
  return s;
}

/** The page of the tab in view, or null when that tab is not a page's schedule. */
function activePage(env: GasEnv): string | null {
  const tab = env.activeTabName?.();
  return tab === undefined ? null : env.workbook.pageOfTab(tab);
}

/** Next week for one page, named by the caller. */
export function generateScheduleForPage(env: GasEnv, pageName: string): RunSummary {
  const page = pageName.trim();
  if (!page) throw new Error('No page given: open a page\'s schedule tab first, or name a page');
  const s = runDaily(dailyDeps(env), { runKind: 'MENU', pages: [page] });
  const result = s.perPage[0];
  env.notify?.(result ? `${result.page}: ${result.status} — ${result.reason}` : s.message);
  return s;
}

/** Next week for the tab's page; on any other tab the person is asked which page. */
export function generateScheduleForActivePage(_event?: unknown, env: GasEnv = defaultEnv()): RunSummary | null {
  const page = activePage(env) ?? env.ask?.('Generate schedule', 'Which page? (its name as in the Overview tab)') ?? null;
  return page === null ? null : generateScheduleForPage(env, page);
}

/** Health tab: the health_summary row, bytes billed per day and a 0–100 score. */
export function runHealthCheck(_event?: unknown, env: GasEnv = defaultEnv()): HealthReport {
  const settings = settingsOf(env);
  const report = checkHealth({ ...runPorts(env, settings), queries: env.queries, location: settings.location, maximumBytesBilled: settings.maximumBytesBilled });
  env.notify?.(healthMessage(report));
  return report;
}

/** Takes back the schedule on the tab in view; the schedule it replaced (if any) is active again. */
export function undoLastGenerationForActivePage(_event?: unknown, env: GasEnv = defaultEnv()): UndoResult {
  const result = undoLastGeneration({ ...runPorts(env), queries: env.queries }, activePage(env) ?? '');
  env.notify?.(result.message);
  return result;
}
