// Entry points the time-driven triggers call, and the menu items that install or remove them.
// Each is a global function (main.ts re-exports it); the trigger's event comes first, the
// environment last, so a test hands in its own and Apps Script gets defaultEnv(event).
import { dispatch, resumePaused, type DispatchReport } from '../core/run/dispatch';
import { runDaily } from '../core/run/daily/run';
import { runMaintenance } from '../core/run/maintenance';
import { errorText } from '../core/run/results';
import type { RunSummary } from '../core/run/summary';
import { installAutomation as install, removeAutomation as remove, TriggerRegistry } from './adapters/triggers';
import { claimsOf, dailyDeps, defaultEnv, runPorts, settingsOf, type GasEnv } from './env';

/**
 * The hourly trigger of a spreadsheet: continues its paused run, else starts the daily run when
 * due, else runs the warehouse's maintenance when due. Errors are logged, not thrown: an add-on's
 * failed trigger emails nobody, and the next tick tries again.
 */
export function dispatchAutomation(event?: unknown, env: GasEnv = defaultEnv(event)): DispatchReport {
  try {
    const settings = settingsOf(env);
    const report = dispatch({ daily: dailyDeps(env, settings), maintenance: { ...runPorts(env, settings), queries: env.queries }, claims: claimsOf(env, settings) });
    env.logger.info(`automation tick: ${report.ran.join(', ') || 'nothing due'}`);
    return report;
  } catch (e) {
    env.logger.error(`automation tick failed: ${errorText(e)}`);
    return { ran: [], summaries: [] };
  }
}

/** The one-off follow-up of a run started without the hourly trigger: continues it, once per execution. */
export function resumeDailyAutomation(event?: unknown, env: GasEnv = defaultEnv(event)): RunSummary[] {
  const deps = dailyDeps(env);
  const resumed = resumePaused(deps);
  if (!resumed || (resumed.finished && resumed.runId === '')) deps.followUp.disarm(); // nothing left to continue: the spent follow-up goes
  else if (resumed.runId === '') deps.followUp.arm(); // another run held the lock: try again later
  return resumed ? [resumed] : [];
}

/** The daily run, now, for every active page (the hourly trigger starts it when it is due). */
export function runDailyAutomation(event?: unknown, env: GasEnv = defaultEnv(event)): RunSummary {
  return runDaily(dailyDeps(env), { runKind: 'DAILY' });
}

/** update_caption_performance, now. */
export function runPerformanceUpdate(event?: unknown, env: GasEnv = defaultEnv(event)): RunSummary {
  return runMaintenance({ ...runPorts(env), queries: env.queries }, 'PERFORMANCE');
}

/** sweep_expired_caption_locks, now. */
export function runLockSweep(event?: unknown, env: GasEnv = defaultEnv(event)): RunSummary {
  return runMaintenance({ ...runPorts(env), queries: env.queries }, 'SWEEP');
}

/** Google's trigger errors are shown as they are; the README's troubleshooting says what to do. */
export function installAutomation(_event?: unknown, env: GasEnv = defaultEnv()): string {
  let msg: string;
  try {
    const r = install(env.triggers, new TriggerRegistry(env.userProperties), env.documentId);
    msg = `Automation ${r.created ? 'installed' : 'already installed'}: one hourly trigger for this spreadsheet${r.replaced ? ` (${r.replaced} older trigger(s) replaced)` : ''}.`;
  } catch (e) {
    msg = `Automation not installed: ${errorText(e)}`;
  }
  env.notify?.(msg);
  return msg;
}

export function removeAutomation(_event?: unknown, env: GasEnv = defaultEnv()): string {
  const n = remove(env.triggers, new TriggerRegistry(env.userProperties), env.documentId);
  const msg = `Automation removed: ${n} trigger(s) of this spreadsheet deleted.`;
  env.notify?.(msg);
  return msg;
}
