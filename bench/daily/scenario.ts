// One benchmark scenario in its own process (so heap figures are its own): builds a demo agency
// from a warehouse preset, loads dist/Code.js in the local runtime, runs the real daily trigger
// handler once (runtime.call('runDailyAutomation')) and measures it; then the per-page design and
// the embedded engine's times on the same warehouse. Prints one JSON line (ScenarioResult).
//   node --expose-gc --import tsx bench/daily/scenario.ts '{"preset":"demo","candidatesPerPage":300}'
import { statSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { DEMO_NOW, openDemo, tabRecords } from '../../local/harness/demo';
import { checkpointKey } from '../../src/core/run/daily/checkpoint';
import { DEFAULT_BUNDLE_PATH, createRuntime, LocalSpreadsheet } from '../../local/runtime/index';
import type { PresetName } from '../../local/warehouse/index';
import { RUN_TUNING_KEY } from '../../src/core/run/daily/tuning';
import { CpuProfiler, type CpuSplit } from './profile';
import { arrayWriteBytes, engineTimes, perPageDesign, type EngineTimes, type PerPageFigures } from './per-page';

export interface ScenarioOptions {
  preset: PresetName;
  /** Overrides the preset's page count (e.g. 30 pages on the demo preset). */
  pages?: number;
  candidatesPerPage: number;
  /** Pages of the per-page design actually run through the stand-in (scaled to all pages). */
  perPageSample: number;
  /** Also time update_caption_performance and the analysis table functions. */
  engine: boolean;
}

export interface JobFigure {
  label: string;
  twin: string;
  resultRows: number;
  rowsScanned: number;
  bytesScanned: number;
  requestBytes: number;
  engineMs: number;
  /** getQueryResults calls (result pages after the first, and polls). */
  fetches: number;
}

export interface SheetsFigures {
  total: number;
  /** Calls that read or write the document: all but getRange (a reference) and the rule builder's. */
  document: number;
  tabs: number;
  /** Document calls per schedule tab (calls between the export job and the log job ÷ tabs). */
  perTab: number;
  perTabAll: number;
  /** Overview + Runs (after the log job), and the rest (before the export: the Overrides tab). */
  overviewRuns: number;
  other: number;
  byMethod: Record<string, number>;
}

export interface ScenarioResult {
  preset: PresetName;
  pages: number;
  messages: number;
  captions: number;
  buildMs: number;
  generated: number;
  status: string;
  jobs: JobFigure[];
  /** Jobs of each execution of the run (the daily trigger, then follow-ups while it paused). */
  jobsPerExecution: number[];
  /** Sheets calls of the first run (it creates every tab and lays it out) and of the next day's run (tabs exist). */
  sheets: { first: SheetsFigures; daily: SheetsFigures };
  /** Jobs of each execution of the next day's run. */
  dailyJobsPerExecution: number[];
  cpu: CpuSplit;
  /** Wall time in BigQuery service calls (stand-in + DuckDB worker), ms. */
  bigQueryWallMs: number;
  runWallMs: number;
  heap: { baselineMb: number; peakMb: number; afterMb: number; retainedMb: number };
  bundle: { bytes: number; loadMs: number };
  arrayWriteMb: number | null;
  perPage: PerPageFigures | null;
  engine: EngineTimes | null;
}

const MB = 1024 * 1024;
const started = Date.now();
/** Progress on stderr (the parent shows it); results go to stdout. */
const step = (what: string) => process.stderr.write(`    ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s  ${what}\n`);
const heapUsed = () => getHeapStatistics().used_heap_size;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2] ?? '{}') as ScenarioOptions;
  const t0 = Date.now();
  let peak = 0;
  const sample = () => {
    const h = heapUsed();
    if (h > peak) peak = h;
  };
  // Phases by BigQuery job label, to attribute Sheets calls to the schedule tabs.
  let phase: 'before' | 'tabs' | 'after' = 'before';
  const fresh = () => ({ before: 0, tabs: 0, after: 0 });
  let allByPhase = fresh();
  let docByPhase = fresh();
  const isDocument = (name: string) => !name.endsWith('.getRange') && !/ConditionalFormatRule/.test(name);
  const demo = await openDemo({
    preset: o.preset,
    ...(o.pages ? { sizes: { pages: o.pages } } : {}),
    now: DEMO_NOW,
    runtime: {
      onServiceCall: (name) => {
        sample();
        if (!name.startsWith('SpreadsheetApp')) return;
        allByPhase[phase] += 1;
        if (isDocument(name)) docByPhase[phase] += 1;
      },
    },
  });
  const buildMs = Date.now() - t0;
  step(`warehouse built (${o.preset})`);
  const { runtime, bigQuery } = demo;
  try {
    const summary = bigQuery.warehouse as { messages?: number; captions?: number; pages?: number } | null;
    // Time in the BigQuery service (host side), and result-page fetches per job.
    let bqWall = 0;
    const fetches = new Map<string, number>();
    const jobs = bigQuery.service.Jobs as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const m of ['insert', 'query', 'getQueryResults', 'get']) {
      const orig = (jobs[m] as (...a: unknown[]) => unknown).bind(jobs);
      jobs[m] = (...args: unknown[]) => {
        sample();
        if (m === 'insert') {
          const label = (args[0] as { configuration?: { labels?: { job?: string } } }).configuration?.labels?.job;
          if (label === 'schedule_export') phase = 'tabs';
          if (label === 'log_exports') phase = 'after';
        }
        if (m === 'getQueryResults') fetches.set(String(args[1]), (fetches.get(String(args[1])) ?? 0) + 1);
        const s = process.hrtime.bigint();
        try {
          return orig(...args);
        } finally {
          bqWall += Number(process.hrtime.bigint() - s) / 1e6;
          sample();
        }
      };
    }
    runtime.services.PropertiesService.getScriptProperties().setProperty(RUN_TUNING_KEY, JSON.stringify({ candidatesPerPage: o.candidatesPerPage }));
    const jobsBefore = bigQuery.jobs.length;
    runtime.services.counter.reset();
    gc();
    const baseline = heapUsed();
    peak = baseline;
    const profiler = new CpuProfiler();
    const runStart = Date.now();
    const jobsPerExecution: number[] = [];
    // The run's checkpoint is the spreadsheet's.
    const props = runtime.services.PropertiesService.getDocumentProperties()!;
    /** One daily run: the trigger, then the follow-up trigger while it paused (a checkpoint exists). */
    const dailyRun = (name: string): number[] => {
      const perExecution: number[] = [];
      for (let execution = 0; execution < 12; execution += 1) {
        const before = bigQuery.jobs.length;
        phase = 'before';
        runtime.call(execution === 0 ? 'runDailyAutomation' : 'resumeDailyAutomation');
        perExecution.push(bigQuery.jobs.length - before);
        step(`${name}, execution ${execution + 1}: ${bigQuery.jobs.length - before} jobs`);
        if (props.getProperty(checkpointKey('DAILY')) === null) break;
      }
      return perExecution;
    };
    const sheetsOf = (): SheetsFigures => {
      const runs = tabRecords(runtime, 'Runs');
      const tabs = Number(runs[runs.length - 1]?.Generated ?? 0);
      const byMethod = runtime.services.counter.toJSON();
      return {
        total: runtime.services.counter.total('SpreadsheetApp'),
        document: docByPhase.before + docByPhase.tabs + docByPhase.after,
        tabs,
        perTab: tabs > 0 ? docByPhase.tabs / tabs : 0,
        perTabAll: tabs > 0 ? allByPhase.tabs / tabs : 0,
        overviewRuns: docByPhase.after,
        other: docByPhase.before,
        byMethod,
      };
    };
    profiler.start();
    jobsPerExecution.push(...dailyRun('first run'));
    profiler.stop();
    const runWallMs = Date.now() - runStart;
    sample();
    const firstPeak = peak;
    gc();
    const after = heapUsed();
    const cpu = profiler.split(DEFAULT_BUNDLE_PATH);
    const firstSheets = sheetsOf();

    const runJobs = bigQuery.jobs.slice(jobsBefore);
    const figures: JobFigure[] = runJobs.map((j) => ({
      label: j.label ?? j.twin,
      twin: j.twin,
      resultRows: j.rows,
      rowsScanned: j.rowsScanned,
      bytesScanned: j.bytesProcessed,
      requestBytes: j.requestBytes,
      engineMs: j.durationMs,
      fetches: fetches.get(j.jobId) ?? 0,
    }));
    const runsTab = tabRecords(runtime, 'Runs');
    const lastRun = runsTab[runsTab.length - 1] ?? {};
    const generated = Number(lastRun.Generated ?? 0);

    // The next day's run: the tabs exist now, so each is replaced rather than created.
    demo.clock.advance(24 * 3_600_000);
    runtime.services.counter.reset();
    allByPhase = fresh();
    docByPhase = fresh();
    const dailyJobsPerExecution = dailyRun('next day');
    const dailySheets = sheetsOf();

    // Bundle load: a fresh runtime compiles and evaluates dist/Code.js in a new vm context.
    const l0 = process.hrtime.bigint();
    createRuntime({ spreadsheet: LocalSpreadsheet.create('load.xlsx', { timeZone: 'America/Los_Angeles' }) });
    const loadMs = Number(process.hrtime.bigint() - l0) / 1e6;

    const pages = Number(summary?.pages ?? o.pages ?? 0);
    const result: ScenarioResult = {
      preset: o.preset,
      pages,
      messages: Number(summary?.messages ?? 0),
      captions: Number(summary?.captions ?? 0),
      buildMs,
      generated,
      status: String(lastRun.Status ?? 'NOT FINISHED'),
      jobs: figures,
      jobsPerExecution,
      sheets: { first: firstSheets, daily: dailySheets },
      dailyJobsPerExecution,
      cpu,
      bigQueryWallMs: bqWall,
      runWallMs,
      heap: { baselineMb: baseline / MB, peakMb: firstPeak / MB, afterMb: after / MB, retainedMb: (after - baseline) / MB },
      bundle: { bytes: statSync(DEFAULT_BUNDLE_PATH).size, loadMs },
      arrayWriteMb: null,
      perPage: null,
      engine: null,
    };
    result.arrayWriteMb = arrayWriteBytes(bigQuery) / MB;
    step('write size as query parameters measured');
    if (o.perPageSample > 0) {
      result.perPage = perPageDesign(bigQuery, o.perPageSample, o.candidatesPerPage);
      step(`per-page design: ${result.perPage.samplePages} pages run`);
    }
    if (o.engine) {
      result.engine = engineTimes(bigQuery);
      step('engine times measured');
    }
    process.stdout.write(`\n${JSON.stringify(result)}\n`);
  } finally {
    demo.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
});
