// The daily run's options and their defaults (a stored tuning and the caller may override them).
import { ENGINE_CONFIG } from '../../engine/config';

export interface RunOptions {
  runKind?: 'DAILY' | 'MENU';
  /** Pages to generate; empty or absent = every active page. */
  pages?: readonly string[];
  /** Pages planned together (their candidates are the most the run holds at once). */
  batchSize?: number;
  /** Rows per result page (getQueryResults maxResults) for the candidates and export reads. */
  pageRows?: number;
  /**
   * Time one schedule tab is assumed to take (ms) until an execution has measured it: 300 ms is
   * 3 Sheets calls at ~0.1 s. Only an estimate for when to stop planning: the tab loop itself
   * stops at the budget and leaves the remaining tabs to the next execution.
   */
  tabMs?: number;
  lookbackDays?: number;
  /** Days a page must wait before reusing a caption; sent to SQL and to the engine. */
  cooldownDays?: number;
  candidatesPerPage?: number;
  lockWaitMs?: number;
  /** A run still unfinished after this many executions reports its remaining pages NOT_ATTEMPTED. */
  maxExecutions?: number;
  /** Only continue a stored run of this kind (the follow-up trigger); never start a new one. */
  resumeOnly?: boolean;
}

export const RESUME_WINDOW_MS = 24 * 3600_000;

export const RUN_DEFAULTS: Required<Omit<RunOptions, 'runKind' | 'pages' | 'resumeOnly'>> = {
  batchSize: 50, pageRows: 10_000, tabMs: 300, lookbackDays: 90, cooldownDays: ENGINE_CONFIG.cooldownDays, candidatesPerPage: 300, lockWaitMs: 1000,
  maxExecutions: 12,
};

/** Options after defaults, the stored tuning and the caller's own are merged. */
export type ResolvedOptions = typeof RUN_DEFAULTS & RunOptions;
