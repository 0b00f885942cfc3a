// npm run bench: the real daily run (runtime.call('runDailyAutomation') on dist/Code.js in the
// local Apps Script runtime) over demo agencies of 30, 100 and 500 pages, one table of figures.
//
//   npm run bench                 30 / 100 / 500 pages (the 500-page warehouse takes ~30 s to build)
//   npm run bench -- --quick      30 / 100 pages only
//   npm run bench -- --pages=100  chosen sizes (30, 100, 500)
//   npm run bench -- --sample=10  pages of the per-page design run through the stand-in (default 6)
//
// Each size runs in its own Node process (heap figures are its own). Not part of npm test.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { PresetName } from '../local/warehouse/index';
import { closingNote, MODEL, renderTable } from './daily/report';
import type { ScenarioOptions, ScenarioResult } from './daily/scenario';

const PRESET_FOR: Record<number, PresetName> = { 30: 'demo', 100: 'medium', 500: 'large' };
const CANDIDATES_PER_PAGE = 300;

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return hit?.includes('=') ? hit.slice(hit.indexOf('=') + 1) : hit ? '' : undefined;
}

function runScenario(pages: number, sample: number): ScenarioResult {
  const preset = PRESET_FOR[pages];
  if (!preset) throw new Error(`--pages accepts ${Object.keys(PRESET_FOR).join(', ')}; got ${pages}`);
  const options: ScenarioOptions = { preset, candidatesPerPage: CANDIDATES_PER_PAGE, perPageSample: sample, engine: preset !== 'demo' };
  const t0 = Date.now();
  process.stderr.write(`▸ ${pages} pages (preset ${preset}): build the warehouse, run the daily trigger, then the comparisons\n`);
  // The scenario's progress lines (and any error) go straight to our stderr.
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=6144', '--import', 'tsx', join(__dirname, 'daily', 'scenario.ts'), JSON.stringify(options)],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  process.stderr.write(`  done in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) throw new Error(`the ${pages}-page scenario failed (exit ${child.status}); see its error above`);
  return JSON.parse(last) as ScenarioResult;
}

function main(): void {
  const quick = arg('quick') !== undefined;
  const chosen = arg('pages');
  const sizes = chosen ? chosen.split(',').map(Number) : quick ? [30, 100] : [30, 100, 500];
  const sample = Number(arg('sample') ?? 6);
  const t0 = Date.now();
  const results = sizes.map((p) => runScenario(p, sample));
  console.log('');
  console.log(`EROS Scheduler — daily run benchmark (dist/Code.js in the local Apps Script runtime; BigQuery = DuckDB stand-in; ${CANDIDATES_PER_PAGE} candidates a page)`);
  console.log('');
  console.log(renderTable(results));
  console.log('');
  console.log('Method:');
  console.log('- BigQuery figures are the stand-in\'s job records: "rows scanned" and "bytes" are the base tables a job names (views and table functions');
  console.log('  expanded) × their rows and estimated row width — an upper bound (BigQuery prunes columns and partitions); engine = DuckDB time.');
  console.log('- In-script CPU: V8 sampling profiler (node:inspector, main thread, 100 µs) around runtime.call(\'runDailyAutomation\'); samples are');
  console.log('  charged to the nearest JS frame: dist/Code.js frames = in-script; selection + building = samples under the bundle\'s planPage.');
  console.log('  The DuckDB worker thread is not sampled. Sheets calls per tab: calls between the export job and the log job ÷ schedule tabs.');
  console.log(`- Modelled Apps Script wall time = (in-script CPU + GC) × ${MODEL.cpuFactor} (assumption: Apps Script's V8 is ~3× slower than this machine)`);
  console.log(`  + ${MODEL.secondsPerJob} s per BigQuery job + ${MODEL.secondsPerSheetsCall} s per Sheets call. The per-page design (the seed's: one analysis, candidates and`);
  console.log(`  write job per page) is run through the same stand-in for ${sample} pages spread over the agency and scaled to all pages; its CPU and Sheets`);
  console.log('  calls are taken equal to ours. Peak heap: used V8 heap sampled at every service call; "retained" is what survives a GC after the run');
  console.log('  (mostly the in-memory .xlsx workbook of the Sheets stand-in), "transient" the rest.');
  const notes = closingNote(results);
  if (notes.length > 0) {
    console.log('');
    console.log('What limits the targets not met:');
    for (const n of notes) console.log(`- ${n}`);
  }
  console.error(`bench finished in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

main();
