// Renders a workbook as a person sees it in Google Sheets: one HTML page per visible tab (in tab
// order, hidden tabs left out, as Sheets shows them) and a PNG of each at Sheets' default zoom, taken
// by headless Debian chromium. Returns what the pages found: cut text, ### and serial dates.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { LocalSpreadsheet } from '../runtime/spreadsheet/workbook';
import { tabHtml, type TabLink } from './html';
import { tabView } from './view';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];
/** A laptop screen: what a person sees first when the tab opens. */
export const VIEWPORT = { width: 1440, height: 900 };
const PARALLEL_PAGES = 3;

export interface CellFinding {
  cell: string;
  kind: string;
  header: string;
  label: string;
  text: string;
}

export interface TabReport {
  tab: string;
  html: string;
  png: string | null;
  cut: CellFinding[];
  hashes: CellFinding[];
  serials: CellFinding[];
  charts: Array<{ chartId: string; type: string; top: number; left: number }>;
}

/** /usr/bin/chromium, else chromium on PATH (CHROMIUM_PATH overrides both). */
export function findChromium(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium is missing: install Debian chromium (apt-get install -y chromium) for the preview');
  }
}

const slug = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'tab';

/** Writes <outDir>/<nn>-<tab>.html for every visible tab and index.html (the first tab). */
export function writePages(book: LocalSpreadsheet, outDir: string, title = book.name): Array<{ tab: string; file: string }> {
  mkdirSync(outDir, { recursive: true });
  const tabs = book.tabList().filter((t) => t.worksheet.state === 'visible');
  const links: TabLink[] = tabs.map((t, i) => ({
    name: t.name, file: `${String(i + 1).padStart(2, '0')}-${slug(t.name)}.html`,
    tabColor: ((t.worksheet.properties as { tabColor?: { argb?: string } }).tabColor?.argb ?? '').replace(/^FF/, '#').toLowerCase() || null,
  }));
  tabs.forEach((t, i) => writeFileSync(join(outDir, links[i]!.file), tabHtml(tabView(book, t), title, links)));
  if (links[0]) writeFileSync(join(outDir, 'index.html'), `<!doctype html><meta http-equiv="refresh" content="0; url=${links[0].file}">`);
  return links.map((l) => ({ tab: l.name, file: join(outDir, l.file) }));
}

export interface RenderOptions {
  /** The document's title in the page (default the workbook's name). */
  title?: string;
  /** Take a PNG of these tabs only (all when absent). */
  screenshots?: (tab: string) => boolean;
}

/** Writes the pages, opens each in chromium (offline), reads its findings and takes its PNG. */
export async function renderWorkbook(book: LocalSpreadsheet, outDir: string, options: RenderOptions = {}): Promise<TabReport[]> {
  const pages = writePages(book, resolve(outDir), options.title);
  const profile = mkdtempSync(join(tmpdir(), 'eros-preview-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS, viewport: VIEWPORT });
  try {
    const reports: TabReport[] = [];
    // A few pages at once: most of the time goes to chromium's layout, which the cores share.
    let next = 0;
    const worker = async (): Promise<void> => {
      const page = await context.newPage();
      await page.route(/^(https?|wss?):/, (route) => route.abort());
      for (let i = next++; i < pages.length; i = next++) {
        const { tab, file } = pages[i]!;
        await page.goto(pathToFileURL(file).href);
        await page.waitForFunction(() => (globalThis as { __preview?: unknown }).__preview !== undefined);
        const found = (await page.evaluate(() => (globalThis as { __preview?: unknown }).__preview)) as Omit<TabReport, 'html' | 'png'>;
        let png: string | null = null;
        if (options.screenshots?.(tab) ?? true) {
          png = file.replace(/\.html$/, '.png');
          await page.screenshot({ path: png });
        }
        reports[i] = { ...found, tab, html: file, png };
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_PAGES, pages.length) }, worker));
    return reports;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** What a person could not read: cut text in reading columns, ###, dates shown as numbers. */
export const READING_HEADER = /caption|why|reason|note|problem/i;

export function problemsOf(reports: readonly TabReport[]): string[] {
  return reports.flatMap((r) => [
    ...r.cut.filter((c) => READING_HEADER.test(c.header)).map((c) => `${r.tab}!${c.cell} (${c.header}): text cut: "${c.text.slice(0, 60)}"`),
    ...r.hashes.map((c) => `${r.tab}!${c.cell} (${c.header || c.label}): shows ### for "${c.text}"`),
    ...r.serials.map((c) => `${r.tab}!${c.cell} (${c.header || c.label}): a date shown as the number ${c.text}`),
  ]);
}
