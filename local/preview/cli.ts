// npm run preview [workbook.xlsx] [outDir]: the workbook as a person sees it in Google Sheets, as
// HTML and PNG pages under out/preview/ (default: npm start's out/EROS-demo.xlsx).
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findProjectRoot } from '../runtime/bigquery/index';
import { openWorkbook } from '../runtime/index';
import { problemsOf, renderWorkbook } from './render';

async function main(): Promise<void> {
  const root = findProjectRoot();
  const file = process.argv[2] ?? join(root, 'out', 'EROS-demo.xlsx');
  const outDir = process.argv[3] ?? join(root, 'out', 'preview');
  if (!existsSync(file)) throw new Error(`${relative(root, file)} is missing: run npm start first (or name a workbook)`);
  const book = await openWorkbook(file, { timeZone: 'America/Los_Angeles' });
  const t0 = Date.now();
  const reports = await renderWorkbook(book, outDir);
  console.log(`Preview of ${relative(root, file)}: ${reports.length} tabs in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${relative(root, outDir)}/index.html`);
  for (const r of reports) console.log(`  ${r.tab.padEnd(16)} ${relative(root, r.png ?? r.html)}${r.charts.length ? ` (${r.charts.length} charts)` : ''}`);
  const problems = problemsOf(reports);
  if (problems.length > 0) {
    const kinds = [['text cut', /: text cut/], ['###', /: shows ###/], ['dates as numbers', /: a date shown as/]] as const;
    console.log(`What a person cannot read (${problems.length}: ${kinds.map(([k, re]) => `${problems.filter((p) => re.test(p)).length} ${k}`).join(', ')}):`);
    for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
    if (problems.length > 20) console.log(`  … and ${problems.length - 20} more`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exitCode = 1;
});
