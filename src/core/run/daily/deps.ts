// What the daily run needs from outside: ports, the engine's two functions and the SQL texts.
import type { PageOverrides } from '../../overrides/schema';
import type { FollowUpScheduler, KeyValueStore, RunPorts, WarehouseClaims } from '../ports';
import type { PlanPageFn, ScheduleIdFn } from '../plan-contract';
import type { RunQueries } from '../jobs';

export interface RunDeps extends RunPorts {
  /** The document's run state: checkpoints, the last full run, run options. */
  state: KeyValueStore;
  /** Script-wide defaults (run options) for what the document does not set. */
  defaults?: KeyValueStore;
  /** The document the run belongs to: a checkpoint carries it and no other document resumes it. */
  documentId?: string;
  /** When the execution started (default: when the run is called); the budget counts from it. */
  executionStart?: Date;
  /** Claims on the warehouse jobs several documents share (default: none, every run does them). */
  claims?: WarehouseClaims;
  seed: number;
  planPage: PlanPageFn;
  scheduleIdFor: ScheduleIdFn;
  followUp: FollowUpScheduler;
  queries: RunQueries;
  /** Time this execution may use (ms); e.g. 5 min of Apps Script's 6. */
  budgetMs: number;
  /**
   * The Overrides tab, checked against the run's pages; problems go to the Runs tab. `lookAlikes`:
   * when the tab is missing, look for one renamed by hand (a call per tab: once per run).
   */
  loadOverrides?: (knownPages: readonly string[], lookAlikes: boolean) => OverridesLoad;
}

export interface OverridesLoad {
  overrides: Readonly<Record<string, PageOverrides>>;
  /** One line per bad cell, naming tab, row, column and page (those pages use defaults). */
  problems: string[];
}
