// Entry points the time-driven triggers call, and the menu items that install or remove them.
// Each is a global function (main.ts re-exports it); the trigger's event comes first, the
// environment last, so a test hands in its own and Apps Script gets defaultEnv().
import { runDaily } from '../core/run/daily/run';
import { checkpointKey } from '../core/run/daily/checkpoint';
import { runMaintenance } from '../core/run/maintenance';
import type { RunSummary } from '../core/run/summary';
import { PropertiesStore } from './adapters/properties';
import { clearResumeTriggers, installAutomation as install, removeAutomation as remove } from './adapters/triggers';
import { dailyDeps, defaultEnv, runPorts, type GasEnv } from './env';

/** Daily trigger (03:05 LA): next week's schedules for every active page. */
export function runDailyAutomation(_event?: unknown, env: GasEnv = defaultEnv()): RunSummary {
  return runDaily(dailyDeps(env), { runKind: 'DAILY' });
}

/** One-off follow-up trigger: continues whichever run paused (daily first, then a menu run). */
export function resumeDailyAutomation(_event?: unknown, env: GasEnv = defaultEnv()): RunSummary[] {
  clearResumeTriggers(env.triggers);
  const state = new PropertiesStore(env.scriptProperties);
  const kinds = (['DAILY', 'MENU'] as const).filter((k) => state.get(checkpointKey(k)) !== null);
  return kinds.map((runKind) => runDaily(dailyDeps(env), { runKind, resumeOnly: true }));
}

/** Every 6 hours: update_caption_performance. */
export function runPerformanceUpdate(_event?: unknown, env: GasEnv = defaultEnv()): RunSummary {
  return runMaintenance({ ...runPorts(env), queries: env.queries }, 'PERFORMANCE');
}

/** Hourly: sweep_expired_caption_locks. */
export function runLockSweep(_event?: unknown, env: GasEnv = defaultEnv()): RunSummary {
  return runMaintenance({ ...runPorts(env), queries: env.queries }, 'SWEEP');
}

export function installAutomation(_event?: unknown, env: GasEnv = defaultEnv()): string {
  const r = install(env.triggers);
  const msg = `Automation installed: ${r.created.length} trigger(s) created, ${r.kept.length} already present${r.removedDuplicates ? `, ${r.removedDuplicates} duplicate(s) removed` : ''}.`;
  env.notify?.(msg);
  return msg;
}

export function removeAutomation(_event?: unknown, env: GasEnv = defaultEnv()): string {
  const msg = `Automation removed: ${remove(env.triggers)} trigger(s) deleted.`;
  env.notify?.(msg);
  return msg;
}
