// The one way an entry point gets its world: an environment object, built from Apps Script's
// globals by defaultEnv() (or handed in by a test), and the run ports derived from it once. Run
// state is the document's (its properties and lock); only the claims on shared warehouse jobs and
// operators' defaults are script-wide.
import { planPage } from '../core/engine/plan';
import { scheduleIdFor } from '../core/hash';
import type { Clock, Logger, Sleeper } from '../core/ports';
import type { RunDeps } from '../core/run/daily/deps';
import type { RunQueries } from '../core/run/jobs';
import type { PlanPageFn, ScheduleIdFn } from '../core/run/plan-contract';
import type { OverridesLoad } from '../core/run/daily/deps';
import type { RunPorts, WarehouseClaims, Workbook } from '../core/run/ports';
import { loadSettings, type Settings } from '../core/run/settings';
import { BigQueryWarehouse, type BigQueryApi } from './adapters/bigquery';
import { systemClock } from './adapters/clock';
import { documentLock, LockServiceRunLock, type LockApi } from './adapters/lock';
import { consoleLogger } from './adapters/logger';
import { loadOverridesFrom } from './adapters/overrides-tab';
import { PropertiesStore, type PropertiesApi } from './adapters/properties';
import { settingsProperties } from './adapters/settings-store';
import { SheetsWorkbook } from './adapters/sheets';
import { utilitiesSleeper } from './adapters/sleeper';
import { followUpScheduler, TriggerRegistry, type TriggerApi } from './adapters/triggers';
import { openDocument } from './adapters/document';
import { warehouseClaims } from '../core/run/claims';
import pageAnalysis from '../../sql/queries/page_analysis.sql';
import captionCandidates from '../../sql/queries/caption_candidates.sql';
import writeSchedules from '../../sql/queries/write_schedules.sql';
import scheduleExport from '../../sql/queries/schedule_export.sql';
import logExports from '../../sql/queries/log_exports.sql';
import healthSummary from '../../sql/queries/health_summary.sql';
import bytesBilled7d from '../../sql/queries/bytes_billed_7d.sql';
import healthAlerts from '../../sql/queries/health_alerts.sql';
import holidays from '../../sql/queries/holidays.sql';

/** The run's queries plus the health check's. */
export interface AddonQueries extends RunQueries {
  healthSummary: string;
  bytesBilled7d: string;
  healthAlerts: string;
}

/** Everything an entry point needs from outside. */
export interface GasEnv {
  bigQuery: BigQueryApi;
  /** Script-wide (shared by every document and user of an add-on): claims and operators' defaults. */
  scriptProperties: PropertiesApi;
  /** This document's: settings, run state (checkpoints, the last full run), seed and run options. */
  documentProperties: PropertiesApi;
  /** This user's: which trigger belongs to which document. */
  userProperties: PropertiesApi;
  /** This document's lock: one run of this spreadsheet at a time. */
  lock: LockApi;
  /** The script-wide lock, held only while a shared job is claimed. */
  scriptLock: LockApi;
  triggers: TriggerApi;
  /** The spreadsheet's id. */
  documentId: string;
  workbook: Workbook;
  clock: Clock;
  sleeper: Sleeper;
  logger: Logger;
  engine: { planPage: PlanPageFn; scheduleIdFor: ScheduleIdFn };
  queries: AddonQueries;
  /** When this execution started: the time budget counts from it. */
  executionStart: Date;
  loadOverrides?: (knownPages: readonly string[], lookAlikes: boolean) => OverridesLoad;
  /** The name of the tab the person looks at (menu runs only). */
  activeTabName?: () => string;
  /** Asks the person a question; null when they cancel (menu runs only). */
  ask?: (title: string, question: string) => string | null;
  /** Shows a short message to a person (menu runs only). */
  notify?: (message: string) => void;
}

export const QUERIES: AddonQueries = {
  pageAnalysis, captionCandidates, writeSchedules, scheduleExport, logExports, holidays, healthSummary, bytesBilled7d, healthAlerts,
};

/** 5 of Apps Script's 6 minutes: the rest is for the final log and tab writes. */
export const EXECUTION_BUDGET_MS = 5 * 60_000;
export const SEED_PROPERTY = 'EROS_RANDOM_SEED';

/**
 * Builds the environment from Apps Script globals (called inside an entry point, never at load).
 * `event`: a trigger's event, whose triggerUid names the document when no spreadsheet is active.
 */
export function defaultEnv(event?: unknown): GasEnv {
  if (typeof BigQuery === 'undefined') throw new Error('EROS Scheduler: the BigQuery advanced service is not enabled in appsscript.json');
  const executionStart = systemClock.now();
  const documentProperties = settingsProperties();
  const userProperties = PropertiesService.getUserProperties();
  const ss = openDocument(event, new TriggerRegistry(userProperties));
  return {
    bigQuery: BigQuery as unknown as BigQueryApi,
    scriptProperties: PropertiesService.getScriptProperties(),
    documentProperties,
    userProperties,
    lock: documentLock(),
    scriptLock: LockService.getScriptLock(),
    triggers: ScriptApp as unknown as TriggerApi,
    documentId: ss.getId(),
    workbook: new SheetsWorkbook(ss, () => SpreadsheetApp.newConditionalFormatRule()),
    clock: systemClock,
    sleeper: utilitiesSleeper,
    logger: consoleLogger(),
    engine: { planPage, scheduleIdFor },
    queries: QUERIES,
    executionStart,
    loadOverrides: (pages, lookAlikes) => loadOverridesFrom(ss, pages, lookAlikes, documentProperties),
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
export const settingsOf = (env: GasEnv): Settings => loadSettings(new PropertiesStore(env.documentProperties));

/** Time left in this execution's budget (ms). */
export const timeLeftMs = (env: GasEnv): number => EXECUTION_BUDGET_MS - (env.clock.now().getTime() - env.executionStart.getTime());

/** The ports every run uses, over the settings' project and dataset. */
export function runPorts(env: GasEnv, settings: Settings = settingsOf(env)): RunPorts {
  return {
    warehouse: new BigQueryWarehouse(env.bigQuery, settings, env.sleeper, { timeLeftMs: () => timeLeftMs(env) }),
    workbook: env.workbook,
    lock: new LockServiceRunLock(env.lock),
    clock: env.clock,
    sleeper: env.sleeper,
    logger: env.logger,
  };
}

/** Claims on the jobs every document pointing at the settings' dataset shares. */
export function claimsOf(env: GasEnv, settings: Settings): WarehouseClaims {
  return warehouseClaims({
    store: new PropertiesStore(env.scriptProperties), lock: new LockServiceRunLock(env.scriptLock), clock: env.clock,
    project: settings.project, dataset: settings.dataset,
  });
}

/** A whole number from the document's properties, else the script's, else `fallback`. */
function documentOrScript(env: GasEnv, key: string, fallback: number): number {
  const raw = env.documentProperties.getProperty(key) ?? env.scriptProperties.getProperty(key);
  const n = Number(raw ?? fallback);
  return Number.isSafeInteger(n) ? n : fallback;
}

/** The daily run's dependencies: the run ports plus the document's state, seed, engine, follow-up and claims. */
export function dailyDeps(env: GasEnv, settings: Settings = settingsOf(env)): RunDeps {
  return {
    ...runPorts(env, settings),
    state: new PropertiesStore(env.documentProperties),
    defaults: new PropertiesStore(env.scriptProperties),
    documentId: env.documentId,
    executionStart: env.executionStart,
    seed: documentOrScript(env, SEED_PROPERTY, 1),
    planPage: env.engine.planPage,
    scheduleIdFor: env.engine.scheduleIdFor,
    followUp: followUpScheduler(env.triggers, new TriggerRegistry(env.userProperties), env.documentId),
    claims: claimsOf(env, settings),
    queries: env.queries,
    budgetMs: EXECUTION_BUDGET_MS,
    loadOverrides: env.loadOverrides,
  };
}
