// npm start: the daily run on the embedded demo agency, offline. Builds the demo warehouse, loads
// dist/Code.js in the local Apps Script runtime (as an Editor add-on), opens the menu, installs
// the automation (one hourly trigger), lets the clock run until that trigger has started and
// finished the day's run, runs the health check and saves the workbook to out/EROS-demo.xlsx.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { saveWorkbook } from '../runtime/index';
import { findProjectRoot } from '../runtime/bigquery/index';
import { DEMO_INSTALL_TIME, openDemo, tabRecords } from '../harness/demo';
import { checkpointKey, LAST_FULL_RUN_KEY } from '../../src/core/run/daily/checkpoint';

async function main(): Promise<void> {
  const root = findProjectRoot();
  const outDir = join(root, 'out');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'EROS-demo.xlsx');
  const t0 = Date.now();
  process.stdout.write('Building the demo warehouse (30 pages, 3 000 captions, 90 days of messages)… ');
  const demo = await openDemo({ workbookPath: join(outDir, '.EROS-demo-new.xlsx'), now: DEMO_INSTALL_TIME, runtime: { mode: 'addon' } });
  console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const { runtime, bigQuery, clock } = demo;
  try {
    runtime.call('onOpen', { authMode: 'FULL' });
    const menu = runtime.services.ui.menus[0];
    console.log(`Menu "${menu?.title ?? '?'}": ${(menu?.items ?? []).map((i) => ('caption' in i ? i.caption : '')).filter(Boolean).join(' · ')}`);
    runtime.call('installAutomation');
    console.log(`Triggers: ${runtime.services.triggers.triggers.map((t) => `${t.handler} (every ${(t.schedule?.kind === 'every' ? t.schedule.intervalMs : 0) / 3_600_000} h)`).join(', ')}`);

    // The hourly trigger fires as the clock moves: the first tick after 03:00 Los Angeles starts
    // the day's run, later ticks continue it if it paused, until it has finished.
    const bar = new SingleBar({ format: 'Daily run {bar} {value}/{total} executions', clearOnComplete: true }, Presets.shades_classic);
    bar.start(1, 0);
    const run0 = Date.now();
    const fired = [];
    const doc = runtime.services.properties.store(`document:${demo.book.id}`);
    const finished = () => doc[LAST_FULL_RUN_KEY] !== undefined && doc[checkpointKey('DAILY')] === undefined;
    for (let hour = 0; hour < 24 && !finished(); hour++) {
      clock.advance(3_600_000);
      fired.push(...runtime.fireDueTriggers());
      bar.setTotal(Math.max(fired.length, 1));
      bar.update(fired.length);
    }
    bar.stop();
    const failed = fired.filter((f) => f.error);
    for (const f of failed) console.error(`${f.handler} failed: ${String(f.error)}`);
    const runMs = Date.now() - run0;
    const jobsOfRun = bigQuery.jobs.length;
    const sheetsOfRun = runtime.services.counter.total('SpreadsheetApp');

    // A scheduler's morning: an override from the sidebar, that page regenerated, a health check.
    const first = tabRecords(runtime, 'Overview').find((r) => r.Status === 'GENERATED');
    if (first) {
      const page = String(first.Page);
      const saved = runtime.call('saveOverrides', page, { volumeMultiplier: 0.5, allowedHours: { start: 10, end: 23 }, notes: 'Demo: a lighter week' }) as { ok: boolean };
      const ss = runtime.services.SpreadsheetApp.getActiveSpreadsheet();
      ss.setActiveSheet(ss.getSheetByName(page)!);
      runtime.call('generateScheduleForActivePage');
      const messages = tabRecords(runtime, page).length;
      console.log(`Override for ${page} saved from the sidebar (${saved.ok ? 'ok' : 'refused'}): half volume, 10:00–23:00; regenerated: ${String(first.Messages)} → ${messages} messages`);
    }
    runtime.call('runHealthCheck');

    const runs = tabRecords(runtime, 'Runs');
    const last = runs.filter((r) => r.Kind === 'DAILY').at(-1) ?? {};
    const overview = tabRecords(runtime, 'Overview');
    const byStatus = new Map<string, number>();
    for (const r of overview) byStatus.set(String(r.Status), (byStatus.get(String(r.Status)) ?? 0) + 1);
    const health = tabRecords(runtime, 'Health')[0] ?? {};
    await saveWorkbook(demo.book, file);

    console.log('');
    console.log(`Week starting ${String(overview[0]?.['Week start'] ?? '?').slice(0, 10)} (America/Los_Angeles)`);
    console.log(`Pages: ${[...byStatus].map(([s, n]) => `${n} ${s.toLowerCase()}`).join(', ')}`);
    console.log(`Daily run ${String(last['Run ID'])}: ${String(last.Status)} — ${String(last.Note)}`);
    console.log(`Daily run: ${jobsOfRun} BigQuery jobs, ${sheetsOfRun} Sheets calls (incl. creating ${overview.length} tabs); ${bigQuery.jobs.length} jobs in all`);
    console.log(`Health score: ${String(health.Value)}/100`);
    console.log(`Time: ${(runMs / 1000).toFixed(1)} s for the run on this machine, ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
    console.log(`Workbook: out/EROS-demo.xlsx (tabs: ${demo.book.tabList().map((t) => t.name).join(', ')})`);
    if (failed.length > 0 || !finished() || String(last.Status) === 'FAILED') process.exitCode = 1;
  } finally {
    demo.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exitCode = 1;
});
