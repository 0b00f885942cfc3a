// The benchmark's one table: per scenario (30 / 100 / 500 pages) the run's BigQuery jobs with
// what each scans, Sheets calls, in-script CPU, heap, bundle, the modelled Apps Script wall time,
// the per-page design as a ratio to ours, the engine's times, and the targets MET / NOT MET.
import type { ScenarioResult } from './scenario';

/** Modelled Apps Script wall time: in-script CPU × 3 + 1.5 s per BigQuery job + 0.1 s per Sheets call. */
export const MODEL = { cpuFactor: 3, secondsPerJob: 1.5, secondsPerSheetsCall: 0.1 };
const JOB_ORDER = ['run_daily_automation', 'page_analysis', 'holidays', 'caption_candidates', 'stage_schedules', 'write_schedules', 'schedule_export', 'log_exports'];

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const mb = (bytes: number) => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} KB`);
const rows = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : n0(n));
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '—');

/** CPU the model charges: the bundle's own frames plus all garbage collection (conservative). */
export const modelCpuMs = (r: ScenarioResult): number => r.cpu.inScriptMs + r.cpu.gcMs;
export const jobCount = (r: ScenarioResult): number => r.jobs.length;
const maxPerExecution = (r: ScenarioResult): number => Math.max(...r.jobsPerExecution, ...r.dailyJobsPerExecution);
const dailyJobs = (r: ScenarioResult): number => r.dailyJobsPerExecution.reduce((a, b) => a + b, 0);
/** Modelled wall time of the daily run (tabs exist) — or of the first run, which also creates every tab. */
export const modelledMs = (r: ScenarioResult, jobs = dailyJobs(r), which: 'daily' | 'first' = 'daily'): number =>
  modelCpuMs(r) * MODEL.cpuFactor + (jobs * MODEL.secondsPerJob + r.sheets[which].document * MODEL.secondsPerSheetsCall) * 1000;
const perPageJobs = (r: ScenarioResult) => 3 * r.pages + 2;

function sumJobs(r: ScenarioResult) {
  return r.jobs.reduce((a, j) => ({ rows: a.rows + j.rowsScanned, bytes: a.bytes + j.bytesScanned, ms: a.ms + j.engineMs }), { rows: 0, bytes: 0, ms: 0 });
}

export interface Target {
  what: string;
  met: boolean | null;
  detail: string;
}

export function targets(results: ScenarioResult[]): Target[] {
  const biggest = results.reduce((a, b) => (b.pages > a.pages ? b : a));
  const at500 = results.find((r) => r.pages >= 500);
  const maxJobs = Math.max(...results.map(maxPerExecution));
  const perTab = Math.max(...results.map((r) => r.sheets.daily.perTab));
  const upc = results.find((r) => r.engine && r.engine.messages >= 5e6)?.engine;
  const bundle = results[0]?.bundle.bytes ?? 0;
  const scale = (r: ScenarioResult) => 500 / Math.max(1, r.pages);
  const planning = at500 ? (at500.cpu.planningMs ?? NaN) : (biggest.cpu.planningMs ?? NaN) * scale(biggest);
  const wall = at500 ? modelledMs(at500) : NaN;
  return [
    {
      what: '≤ 8 BigQuery jobs per run (per execution), whatever the page count',
      met: maxJobs <= 8,
      detail: `max ${maxJobs} (${results.map((r) => `${r.pages} p: ${r.jobsPerExecution.join(' + ')}, next day ${r.dailyJobsPerExecution.join(' + ')}`).join('; ')})`,
    },
    {
      what: '≤ 3 Sheets calls per tab',
      met: perTab <= 3,
      detail: `${perTab.toFixed(1)} document calls per schedule tab in the daily run; Overview + Runs ${Math.max(...results.map((r) => r.sheets.daily.overviewRuns))} for 2 tabs; creating a tab (first run) ${Math.max(...results.map((r) => r.sheets.first.perTab)).toFixed(0)}`,
    },
    {
      what: 'modelled wall time < 60 s for 500 pages',
      met: at500 ? wall < 60_000 : null,
      detail: at500 ? sec(wall) : 'not measured (500 pages not run: drop --quick)',
    },
    {
      what: 'selection + building < 3 s CPU, 500 pages × 300 candidates',
      met: at500 ? planning < 3000 : null,
      detail: at500 ? sec(planning) : `≈ ${sec(planning)} extrapolated from ${biggest.pages} pages (500 not run)`,
    },
    {
      what: 'update_caption_performance < 10 s on 10M messages',
      met: upc ? upc.updateCaptionPerformanceMs < 10_000 : null,
      detail: upc ? `${sec(upc.updateCaptionPerformanceMs)} on ${rows(upc.messages)} messages (a 6-hourly run: ${rows(upc.messagesProcessed)} new observations, 90 days of medians)` : 'not measured (needs the 500-page / 10M preset)',
    },
    { what: 'dist/Code.js ≤ 300 KB', met: bundle <= 300 * 1024, detail: `${(bundle / 1024).toFixed(1)} KB` },
  ];
}

export function renderTable(results: ScenarioResult[]): string {
  const head = ['', ...results.map((r) => `${r.pages} pages (${r.preset})`)];
  const lines: string[][] = [];
  const row = (label: string, f: (r: ScenarioResult) => string) => lines.push([label, ...results.map(f)]);
  const section = (label: string) => lines.push([label, ...results.map(() => '')]);

  section('AGENCY');
  row('  messages / captions', (r) => `${rows(r.messages)} / ${n0(r.captions)}`);
  row('  pages generated · run status', (r) => `${r.generated} · ${r.status}`);
  section('BIGQUERY JOBS (rows scanned · bytes · engine)');
  row('  jobs in the run · executions', (r) => `${jobCount(r)} · ${r.jobsPerExecution.length} (${r.jobsPerExecution.join(' + ')} jobs)`);
  for (const label of JOB_ORDER) {
    row(`  ${label}`, (r) => {
      const j = r.jobs.find((x) => x.label === label);
      if (!j) return '—';
      if (j.twin.startsWith('load:')) return `load ${n0(j.resultRows)} rows · ${mb(j.requestBytes)} sent · ${sec(j.engineMs)}`;
      const pages = j.fetches > 1 ? ` · ${j.fetches} pages` : '';
      return `${rows(j.rowsScanned)} · ${mb(j.bytesScanned)} · ${sec(j.engineMs)} → ${rows(j.resultRows)} rows${pages}`;
    });
  }
  row('  total', (r) => {
    const s = sumJobs(r);
    return `${rows(s.rows)} · ${mb(s.bytes)} · ${sec(s.ms)}`;
  });
  row('  write as ARRAY<STRUCT> params', (r) => (r.arrayWriteMb === null ? '—' : `${r.arrayWriteMb.toFixed(1)} MB (limit 10 MB)`));
  section('SHEETS CALLS (document calls; all calls)');
  row('  first run: per tab created · tabs', (r) => `${r.sheets.first.perTab.toFixed(1)} (${r.sheets.first.perTabAll.toFixed(1)}) · ${r.sheets.first.tabs}`);
  row('  daily run: per tab replaced · tabs', (r) => `${r.sheets.daily.perTab.toFixed(1)} (${r.sheets.daily.perTabAll.toFixed(1)}) · ${r.sheets.daily.tabs}`);
  row('    Overview + Runs · other · total', (r) => `${r.sheets.daily.overviewRuns} · ${r.sheets.daily.other} · ${n0(r.sheets.daily.document)} (${n0(r.sheets.daily.total)})`);
  section('IN-SCRIPT TIME (V8 sampling profile)');
  row('  in-script CPU (bundle frames)', (r) => sec(r.cpu.inScriptMs));
  row('    of which selection + building', (r) => (r.cpu.planningMs === null ? '?' : `${sec(r.cpu.planningMs)} (${(r.cpu.planningMs / Math.max(1, r.generated)).toFixed(0)} ms/page)`));
  row('  GC · stand-ins incl. DuckDB wait', (r) => `${sec(r.cpu.gcMs)} · ${sec(r.cpu.standInsMs)}`);
  row('  run wall time on this machine', (r) => sec(r.runWallMs));
  section('MEMORY AND BUNDLE');
  row('  peak heap (above baseline)', (r) => `${(r.heap.peakMb - r.heap.baselineMb).toFixed(0)} MB`);
  row('    retained after (xlsx stand-in)', (r) => `${r.heap.retainedMb.toFixed(0)} MB`);
  row('    transient (the run itself)', (r) => `${(r.heap.peakMb - r.heap.baselineMb - r.heap.retainedMb).toFixed(0)} MB`);
  row('  dist/Code.js · load time', (r) => `${(r.bundle.bytes / 1024).toFixed(1)} KB · ${r.bundle.loadMs.toFixed(0)} ms`);
  section('MODELLED APPS SCRIPT WALL TIME');
  row('  daily run: CPU×3 + 1.5 s/job + 0.1 s/call', (r) => sec(modelledMs(r)));
  row('  first run (creates every tab)', (r) => sec(modelledMs(r, jobCount(r), 'first')));
  section('PER-PAGE DESIGN (3 jobs a page + CALL + log)');
  row('  jobs · ratio to ours', (r) => `${n0(perPageJobs(r))} · ${ratio(perPageJobs(r), jobCount(r))}`);
  row('  rows scanned · ratio', (r) => (r.perPage ? `${rows(r.perPage.perPage.rowsScanned * r.pages)} · ${ratio(r.perPage.perPage.rowsScanned * r.pages, sumJobs(r).rows)}` : '—'));
  row('  bytes scanned · ratio', (r) => (r.perPage ? `${mb(r.perPage.perPage.bytesScanned * r.pages)} · ${ratio(r.perPage.perPage.bytesScanned * r.pages, sumJobs(r).bytes)}` : '—'));
  row('  engine time · ratio', (r) => (r.perPage ? `${sec(r.perPage.perPage.engineMs * r.pages)} · ${ratio(r.perPage.perPage.engineMs * r.pages, sumJobs(r).ms)}` : '—'));
  row('  modelled wall time · ratio', (r) => `${sec(modelledMs(r, perPageJobs(r)))} · ${ratio(modelledMs(r, perPageJobs(r)), modelledMs(r))}`);
  section('EMBEDDED ENGINE (DuckDB)');
  row('  CALL update_caption_performance', (r) =>
    r.engine ? `${sec(r.engine.updateCaptionPerformanceMs)} (${rows(r.engine.messagesProcessed)} of ${rows(r.engine.messages)} msgs new)` : '—');
  row('  page_analysis (all pages, 1 job)', (r) => (r.engine ? sec(r.engine.pageAnalysisMs) : '—'));
  for (const tf of ['classify_account_size', 'analyze_saturation_status', 'analyze_creator_performance']) {
    row(`  ${tf}`, (r) => (r.engine ? sec(r.engine.tableFunctions[tf] ?? NaN) : '—'));
  }
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const pad = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' │ ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  const out = [pad(head), rule, ...lines.map(pad), rule, 'TARGETS'];
  for (const t of targets(results)) out.push(`  ${t.met === null ? 'NOT MEASURED' : t.met ? 'MET' : 'NOT MET'}: ${t.what} — ${t.detail}`);
  return out.join('\n');
}

/** What limits each missed target, from the measured figures. */
export function closingNote(results: ScenarioResult[]): string[] {
  const notes: string[] = [];
  const big = results.reduce((a, b) => (b.pages > a.pages ? b : a));
  const ts = targets(results);
  const missed = (what: string) => ts.find((t) => t.what.startsWith(what))?.met === false;
  if (missed('≤ 3 Sheets')) {
    const d = big.sheets.daily;
    const top = Object.entries(d.byMethod)
      .filter(([k]) => k.startsWith('SpreadsheetApp'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([k, v]) => `${k.replace('SpreadsheetApp.', '')} ${(v / Math.max(1, d.tabs)).toFixed(1)}/tab`);
    notes.push(`Sheets calls per tab: the tab writer (src/gas/sheets.ts) makes ${d.perTab.toFixed(1)} document calls per schedule tab in the daily run; most frequent: ${top.join(', ')}.`);
  }
  const wall = results.find((r) => r.pages >= 500);
  if (wall && missed('modelled')) {
    const cpu = modelCpuMs(wall) * MODEL.cpuFactor;
    const jobs = dailyJobs(wall) * MODEL.secondsPerJob * 1000;
    const sheets = wall.sheets.daily.document * MODEL.secondsPerSheetsCall * 1000;
    notes.push(
      `Modelled wall time at ${wall.pages} pages: CPU×3 ${sec(cpu)} + jobs ${sec(jobs)} + Sheets ${sec(sheets)} (${n0(wall.sheets.daily.document)} document calls); ` +
        `the jobs part is constant; with one tab per page, every Sheets call a tab needs adds ${sec(wall.sheets.daily.tabs * MODEL.secondsPerSheetsCall * 1000)}.`,
    );
  }
  if (missed('selection')) {
    const r = results.find((x) => x.pages >= 500) ?? big;
    notes.push(`Selection + building: ${((r.cpu.planningMs ?? 0) / Math.max(1, r.generated)).toFixed(0)} ms of CPU per page with ${r.pages} pages (in the engine: src/core/plan.ts and what it calls).`);
  }
  if (missed('update_caption_performance')) {
    const e = results.find((x) => x.engine && x.engine.messages >= 5e6)?.engine;
    if (e) notes.push(`update_caption_performance: ${sec(e.updateCaptionPerformanceMs)} on ${rows(e.messages)} messages in DuckDB (its twin: local/warehouse/twins/procedures/).`);
  }
  return notes;
}
