// npm start: the daily run on the embedded demo agency, offline. Builds the demo warehouse, loads
// dist/Code.js in the local Apps Script runtime (as an Editor add-on), opens the menu, installs
// the automation (one hourly trigger), lets the clock run until that trigger has started and
// finished the day's run, runs the health check, saves the workbook to out/EROS-demo.xlsx and
// renders it as Google Sheets shows it (out/preview/, PNGs of the Overview and the first page tab).
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { saveWorkbook } from '../runtime/index';
import { findProjectRoot } from '../runtime/bigquery/index';
import { DEMO_INSTALL_TIME, openDemo, tabRecords } from '../harness/demo';
import { runMorning } from '../harness/morning';
import { problemsOf, renderWorkbook } from '../preview/render';

async function main(): Promise<void> {
  const root = findProjectRoot();
  const outDir = join(root, 'out');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'EROS-demo.xlsx');
  const t0 = Date.now();
  process.stdout.write('Building the demo warehouse (30 pages, 3 000 captions, 90 days of messages)… ');
  const demo = await openDemo({ workbookPath: join(outDir, '.EROS-demo-new.xlsx'), now: DEMO_INSTALL_TIME, runtime: { mode: 'addon' } });
  console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const { runtime, bigQuery } = demo;
  try {
    const morning = runMorning(demo, { progress: true });
    const menu = runtime.services.ui.menus[0];
    console.log(`Menu "${menu?.title ?? '?'}": ${(menu?.items ?? []).map((i) => ('caption' in i ? i.caption : '')).filter(Boolean).join(' · ')}`);
    console.log(`Triggers: ${runtime.services.triggers.triggers.map((t) => `${t.handler} (every ${(t.schedule?.kind === 'every' ? t.schedule.intervalMs : 0) / 3_600_000} h)`).join(', ')}`);
    for (const f of morning.failed) console.error(`${f.handler} failed: ${String(f.error)}`);
    const o = morning.override;
    if (o) console.log(`Override for ${o.page} saved from the sidebar (${o.ok ? 'ok' : 'refused'}): half volume, 10:00–23:00; regenerated: ${o.before} → ${o.after} messages`);

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
    console.log(`Daily run: ${morning.jobsOfRun} BigQuery jobs, ${morning.sheetsOfRun} Sheets calls (incl. creating ${overview.length} tabs); ${bigQuery.jobs.length} jobs in all`);
    console.log(`Health score: ${String(health.Value)}/100`);
    console.log(`Time: ${(morning.runMs / 1000).toFixed(1)} s for the run on this machine, ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
    console.log(`Workbook: out/EROS-demo.xlsx (tabs: ${demo.book.tabList().map((t) => t.name).join(', ')})`);
    await preview(demo.book, join(outDir, 'preview'), root, o?.page);
    if (morning.failed.length > 0 || !morning.finished || String(last.Status) === 'FAILED') process.exitCode = 1;
  } finally {
    demo.close();
  }
}

/** The workbook as a person sees it; a missing chromium leaves the preview out, not the run. */
async function preview(book: Parameters<typeof renderWorkbook>[0], dir: string, root: string, page: string | undefined): Promise<void> {
  const t0 = Date.now();
  try {
    const reports = await renderWorkbook(book, dir, { title: 'EROS-demo', screenshots: (tab) => tab === 'Overview' || tab === page });
    const pngs = reports.flatMap((r) => (r.png ? [relative(root, r.png)] : []));
    const problems = problemsOf(reports);
    console.log(`Preview: ${relative(root, dir)}/index.html (${reports.length} tabs as Sheets shows them; ${pngs.join(', ')}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (problems.length > 0) console.log(`Preview: ${problems.length} cells a person cannot read, e.g. ${problems[0]} (npm run preview lists them)`);
  } catch (e) {
    console.log(`Preview skipped: ${e instanceof Error ? e.message : String(e)}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exitCode = 1;
});
