// Entry points for triggers and the menu (src/gas/main.ts re-exports them as globals). Each
// builds the ports over the Apps Script services and hands them to the pure orchestrators.
import type { Clock, Logger, Sleeper } from '../core/ports';
import type { RunQueries } from '../core/run/jobs';
import type { Workbook } from '../core/run/ports';
import type { PlanPageFn, ScheduleIdFn } from '../core/run/plan-contract';
import { checkpointKey } from '../core/run/checkpoint';
import { runDaily, type OverridesLoad, type RunOptions } from '../core/run/daily-run';
import { runMaintenance, type MaintenanceKind } from '../core/run/maintenance';
import { loadSettings, type Settings } from '../core/run/settings';
import { errorText } from '../core/run/batch';
import { healthScore, healthTable, type HealthReport } from '../core/run/health';
import { param } from '../core/run/params';
import type { Row } from '../core/run/ports';
import { CircuitBreaker, ResilientWarehouse } from '../core/run/retry';
import { undoLastGeneration, type UndoResult } from '../core/run/undo';
import type { RunSummary } from '../core/run/summary';
import { RESERVED_TABS } from '../core/run/tabs';
import { BigQueryWarehouse, type BigQueryApi } from './bigquery';
import { ScriptRunLock, type LockApi } from './lock';
import { PropertiesStore, type PropertiesApi } from './properties';
import { SheetsWorkbook } from './sheets';
import { systemClock } from './clock';
import { utilitiesSleeper } from './sleeper';
import { consoleLogger } from './logger';
import { settingsProperties } from './settings-store';
import { clearResumeTriggers, followUpScheduler, installAutomation as install, removeAutomation as remove, type TriggerApi } from './triggers';

/** Everything a handler needs from outside; defaultEnv() builds it from Apps Script globals. */
export interface GasEnv {
  bigQuery: BigQueryApi;
  scriptProperties: PropertiesApi;
  lock: LockApi;
  triggers: TriggerApi;
  workbook: Workbook;
  clock: Clock;
  sleeper: Sleeper;
  logger: Logger;
  engine: { planPage: PlanPageFn; scheduleIdFor: ScheduleIdFn };
  queries: AddonQueries;
  /** Where the settings live (document properties: each spreadsheet has its own project). */
  settingsProperties: PropertiesApi;
  loadOverrides?: (knownPages: readonly string[], lookAlikes: boolean) => OverridesLoad;
  /** Shows a short message to a person (menu runs only). */
  notify?: (message: string) => void;
}

/** The run's queries plus the health check's and the undo's. */
export interface AddonQueries extends RunQueries {
  healthSummary: string;
  bytesBilled7d: string;
  undoGeneration: string;
}

/** 5 of Apps Script's 6 minutes: the rest is for the final log and tab writes. */
export const EXECUTION_BUDGET_MS = 5 * 60_000;
export const SEED_PROPERTY = 'EROS_RANDOM_SEED';

const settingsOf = (env: GasEnv): Settings => loadSettings(new PropertiesStore(env.settingsProperties));

function daily(env: GasEnv, options: RunOptions): RunSummary {
  const state = new PropertiesStore(env.scriptProperties);
  const settings = settingsOf(env);
  const seed = Number(state.get(SEED_PROPERTY) ?? '1');
  return runDaily(
    {
      warehouse: new BigQueryWarehouse(env.bigQuery, settings, env.sleeper),
      workbook: env.workbook,
      state,
      lock: new ScriptRunLock(env.lock),
      clock: env.clock,
      sleeper: env.sleeper,
      logger: env.logger,
      seed: Number.isSafeInteger(seed) ? seed : 1,
      planPage: env.engine.planPage,
      scheduleIdFor: env.engine.scheduleIdFor,
      followUp: followUpScheduler(env.triggers),
      queries: env.queries,
      budgetMs: EXECUTION_BUDGET_MS,
      loadOverrides: env.loadOverrides,
    },
    options,
  );
}

function maintenance(env: GasEnv, kind: MaintenanceKind): RunSummary {
  const settings = settingsOf(env);
  return runMaintenance(
    {
      warehouse: new BigQueryWarehouse(env.bigQuery, settings, env.sleeper),
      workbook: env.workbook,
      lock: new ScriptRunLock(env.lock),
      clock: env.clock,
      sleeper: env.sleeper,
      logger: env.logger,
      queries: env.queries,
    },
    kind,
  );
}

export const handlers = {
  /** Daily trigger (03:05 LA): next week's schedules for every active page. */
  runDailyAutomation: (env: GasEnv): RunSummary => daily(env, { runKind: 'DAILY' }),
  /** One-off follow-up trigger: continues whichever run paused (daily first, then a menu run). */
  resumeDailyAutomation(env: GasEnv): RunSummary[] {
    clearResumeTriggers(env.triggers);
    const state = new PropertiesStore(env.scriptProperties);
    const kinds = (['DAILY', 'MENU'] as const).filter((k) => state.get(checkpointKey(k)) !== null);
    return kinds.map((runKind) => daily(env, { runKind, resumeOnly: true }));
  },
  runPerformanceUpdate: (env: GasEnv): RunSummary => maintenance(env, 'PERFORMANCE'),
  runLockSweep: (env: GasEnv): RunSummary => maintenance(env, 'SWEEP'),
  generateAllSchedules(env: GasEnv): RunSummary {
    const s = daily(env, { runKind: 'MENU' });
    env.notify?.(s.message);
    return s;
  },
  /** The page is the active tab's page (a schedule tab is named after its page). */
  generateScheduleForPage(env: GasEnv, pageName: string): RunSummary {
    if (!pageName || RESERVED_TABS.includes(pageName)) throw new Error(`"${pageName}" is not a page: open a page's schedule tab first`);
    const s = daily(env, { runKind: 'MENU', pages: [pageName] });
    const page = s.perPage[0];
    env.notify?.(page ? `${page.page}: ${page.status} — ${page.reason}` : s.message);
    return s;
  },
  /** Health tab: the health_summary row, bytes billed per day and a 0–100 score. */
  runHealthCheck(env: GasEnv): HealthReport {
    const settings = settingsOf(env);
    const warehouse = new ResilientWarehouse(new BigQueryWarehouse(env.bigQuery, settings, env.sleeper), env.sleeper, new CircuitBreaker(), env.logger);
    const now = env.clock.now();
    const [summary = {}] = warehouse.query(env.queries.healthSummary, [param.timestamp('as_of', now)], { label: 'health_summary' }).rows;
    let bytes: Row[] = [];
    try {
      // The region is an identifier, not a parameter: built from the validated location setting.
      const sql = env.queries.bytesBilled7d.split('`region-us`').join(`\`region-${settings.location.toLowerCase()}\``);
      bytes = warehouse.query(sql, [param.timestamp('since', new Date(now.getTime() - 7 * 86_400_000))], { label: 'bytes_billed_7d' }).rows;
    } catch (e) {
      env.logger.warn(`bytes billed unavailable (INFORMATION_SCHEMA needs bigquery.jobs.listAll): ${errorText(e)}`);
    }
    const report = healthScore(summary, bytes, settings.maximumBytesBilled, now);
    env.workbook.writeHealth(healthTable(report, summary, bytes, now));
    env.notify?.(`Health score ${report.score}/100: ${report.parts.filter((p) => p.score < p.outOf).map((p) => p.part).join(', ') || 'all parts full'}.`);
    return report;
  },
  undoLastGeneration(env: GasEnv, pageName: string): UndoResult {
    const settings = settingsOf(env);
    const result = undoLastGeneration(
      {
        warehouse: new BigQueryWarehouse(env.bigQuery, settings, env.sleeper),
        workbook: env.workbook,
        lock: new ScriptRunLock(env.lock),
        clock: env.clock,
        sleeper: env.sleeper,
        logger: env.logger,
        queries: env.queries,
      },
      pageName,
    );
    env.notify?.(result.message);
    return result;
  },
  installAutomation(env: GasEnv): string {
    const r = install(env.triggers);
    const msg = `Automation installed: ${r.created.length} trigger(s) created, ${r.kept.length} already present${r.removedDuplicates ? `, ${r.removedDuplicates} duplicate(s) removed` : ''}.`;
    env.notify?.(msg);
    return msg;
  },
  removeAutomation(env: GasEnv): string {
    const n = remove(env.triggers);
    const msg = `Automation removed: ${n} trigger(s) deleted.`;
    env.notify?.(msg);
    return msg;
  },
};

// ---- Global entry points -------------------------------------------------------------------
// The engine and the SQL texts are registered once by main.ts (configureRun), so this file
// compiles and tests without them; everything else comes from the Apps Script services.

export type RunWiring = Pick<GasEnv, 'engine' | 'queries' | 'loadOverrides'>;
let wiring: RunWiring | null = null;

export function configureRun(w: RunWiring): void {
  wiring = w;
}

/** Builds the environment from Apps Script globals (called inside a handler, never at load). */
export function defaultEnv(): GasEnv {
  if (!wiring) throw new Error('EROS Scheduler: the run is not configured (configureRun was not called by main.ts)');
  if (typeof BigQuery === 'undefined') throw new Error('EROS Scheduler: the BigQuery advanced service is not enabled in appsscript.json');
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return {
    ...wiring,
    bigQuery: BigQuery as unknown as BigQueryApi,
    scriptProperties: PropertiesService.getScriptProperties(),
    settingsProperties: settingsProperties(),
    lock: LockService.getScriptLock(),
    triggers: ScriptApp as unknown as TriggerApi,
    workbook: new SheetsWorkbook(ss, () => SpreadsheetApp.newConditionalFormatRule()),
    clock: systemClock,
    sleeper: utilitiesSleeper,
    logger: consoleLogger(),
    notify: (m) => ss.toast(m, 'EROS Scheduler', 10),
  };
}

export function runDailyAutomation(): void {
  handlers.runDailyAutomation(defaultEnv());
}
export function resumeDailyAutomation(): void {
  handlers.resumeDailyAutomation(defaultEnv());
}
export function runPerformanceUpdate(): void {
  handlers.runPerformanceUpdate(defaultEnv());
}
export function runLockSweep(): void {
  handlers.runLockSweep(defaultEnv());
}
export function generateAllSchedules(): void {
  handlers.generateAllSchedules(defaultEnv());
}
/** The active tab's page; on a tab that is not a page's, the scheduler is asked which page. */
export function generateScheduleForActivePage(): void {
  const env = defaultEnv();
  let page = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getName();
  if (RESERVED_TABS.includes(page) || /^Sheet\d+$/.test(page)) {
    const ui = SpreadsheetApp.getUi();
    const answer = ui.prompt('Generate schedule', 'Which page? (its name as in the Overview tab)', ui.ButtonSet.OK_CANCEL);
    if (answer.getSelectedButton() !== ui.Button.OK) return;
    page = answer.getResponseText().trim();
  }
  handlers.generateScheduleForPage(env, page);
}
export function runHealthCheck(): void {
  handlers.runHealthCheck(defaultEnv());
}
export function undoLastGenerationForActivePage(): void {
  const env = defaultEnv();
  handlers.undoLastGeneration(env, SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getName());
}
export function installAutomation(): void {
  handlers.installAutomation(defaultEnv());
}
export function removeAutomation(): void {
  handlers.removeAutomation(defaultEnv());
}
