// The one way an entry point gets its world: an environment object, built from Apps Script's
// globals by defaultEnv() (or handed in by a test), and the run ports derived from it once.
import { planPage } from '../core/engine/plan';
import { scheduleIdFor } from '../core/hash';
import type { Clock, Logger, Sleeper } from '../core/ports';
import type { RunDeps } from '../core/run/daily/deps';
import type { RunQueries } from '../core/run/jobs';
import type { PlanPageFn, ScheduleIdFn } from '../core/run/plan-contract';
import type { OverridesLoad } from '../core/run/daily/deps';
import type { RunPorts, Workbook } from '../core/run/ports';
import { loadSettings, type Settings } from '../core/run/settings';
import { BigQueryWarehouse, type BigQueryApi } from './adapters/bigquery';
import { systemClock } from './adapters/clock';
import { ScriptRunLock, type LockApi } from './adapters/lock';
import { consoleLogger } from './adapters/logger';
import { loadOverridesFrom } from './adapters/overrides-tab';
import { PropertiesStore, type PropertiesApi } from './adapters/properties';
import { settingsProperties } from './adapters/settings-store';
import { SheetsWorkbook } from './adapters/sheets';
import { utilitiesSleeper } from './adapters/sleeper';
import { followUpScheduler, type TriggerApi } from './adapters/triggers';
import pageAnalysis from '../../sql/queries/page_analysis.sql';
import captionCandidates from '../../sql/queries/caption_candidates.sql';
import writeSchedules from '../../sql/queries/write_schedules.sql';
import scheduleExport from '../../sql/queries/schedule_export.sql';
import logExports from '../../sql/queries/log_exports.sql';
import healthSummary from '../../sql/queries/health_summary.sql';
import bytesBilled7d from '../../sql/queries/bytes_billed_7d.sql';
import undoGeneration from '../../sql/queries/undo_generation.sql';
import healthAlerts from '../../sql/queries/health_alerts.sql';
import holidays from '../../sql/queries/holidays.sql';

/** The run's queries plus the health check's and the undo's. */
export interface AddonQueries extends RunQueries {
  healthSummary: string;
  bytesBilled7d: string;
  healthAlerts: string;
  undoGeneration: string;
}

/** Everything an entry point needs from outside. */
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
  /** The name of the tab the person looks at (menu runs only). */
  activeTabName?: () => string;
  /** Asks the person a question; null when they cancel (menu runs only). */
  ask?: (title: string, question: string) => string | null;
  /** Shows a short message to a person (menu runs only). */
  notify?: (message: string) => void;
}

export const QUERIES: AddonQueries = {
  pageAnalysis, captionCandidates, writeSchedules, scheduleExport, logExports, holidays, healthSummary, bytesBilled7d, healthAlerts, undoGeneration,
};

/** 5 of Apps Script's 6 minutes: the rest is for the final log and tab writes. */
export const EXECUTION_BUDGET_MS = 5 * 60_000;
export const SEED_PROPERTY = 'EROS_RANDOM_SEED';

/** Builds the environment from Apps Script globals (called inside an entry point, never at load). */
export function defaultEnv(): GasEnv {
  if (typeof BigQuery === 'undefined') throw new Error('EROS Scheduler: the BigQuery advanced service is not enabled in appsscript.json');
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return {
    bigQuery: BigQuery as unknown as BigQueryApi,
    scriptProperties: PropertiesService.getScriptProperties(),
    settingsProperties: settingsProperties(),
    lock: LockService.getScriptLock(),
    triggers: ScriptApp as unknown as TriggerApi,
    workbook: new SheetsWorkbook(ss, () => SpreadsheetApp.newConditionalFormatRule()),
    clock: systemClock,
    sleeper: utilitiesSleeper,
    logger: consoleLogger(),
    engine: { planPage, scheduleIdFor },
    queries: QUERIES,
    loadOverrides: (pages, lookAlikes) => loadOverridesFrom(ss, pages, lookAlikes, PropertiesService.getDocumentProperties()),
    activeTabName: () => ss.getActiveSheet().getName(),
    ask: (title, question) => {
      const ui = SpreadsheetApp.getUi();
      const answer = ui.prompt(title, question, ui.ButtonSet.OK_CANCEL);
      return answer.getSelectedButton() === ui.Button.OK ? answer.getResponseText() : null;
    },
    notify: (m) => ss.toast(m, 'EROS Scheduler', 10),
  };
}

/** The validated settings (a bad one throws, naming its property, before any job is sent). */
export const settingsOf = (env: GasEnv): Settings => loadSettings(new PropertiesStore(env.settingsProperties));

/** The ports every run uses, over the settings' project and dataset. */
export function runPorts(env: GasEnv, settings: Settings = settingsOf(env)): RunPorts {
  return {
    warehouse: new BigQueryWarehouse(env.bigQuery, settings, env.sleeper),
    workbook: env.workbook,
    lock: new ScriptRunLock(env.lock),
    clock: env.clock,
    sleeper: env.sleeper,
    logger: env.logger,
  };
}

/** The daily run's dependencies: the run ports plus state, seed, engine and the follow-up trigger. */
export function dailyDeps(env: GasEnv): RunDeps {
  const state = new PropertiesStore(env.scriptProperties);
  const seed = Number(state.get(SEED_PROPERTY) ?? '1');
  return {
    ...runPorts(env),
    state,
    seed: Number.isSafeInteger(seed) ? seed : 1,
    planPage: env.engine.planPage,
    scheduleIdFor: env.engine.scheduleIdFor,
    followUp: followUpScheduler(env.triggers),
    queries: env.queries,
    budgetMs: EXECUTION_BUDGET_MS,
    loadOverrides: env.loadOverrides,
  };
}
