// Headless Debian chromium for the sidebar and dialog pages, with a google.script.run stand-in
// that routes each call to Node-side server functions, as Apps Script would: asynchronously,
// plain data only (JSON), success or failure handler, user object passed through.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium, found on PATH (CHROMIUM_PATH overrides). */
function findChromium(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    return 'chromium';
  }
}
export const CHROMIUM = findChromium();
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

export type ServerHandler = (name: string, args: unknown[]) => unknown;

export interface Harness {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(): Promise<Harness> {
  if (!CHROMIUM.includes('/') || !existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian chromium (apt-get update && apt-get install -y chromium) to run the browser tests`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'eros-chromium-'));
  // Playwright sets --user-data-dir itself from this fresh directory (it refuses the flag in args).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 300, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Runs in the page before its own scripts: google.script.run and google.script.host. */
function standIn(): void {
  const w = globalThis as unknown as Record<string, unknown> & {
    __serverCall(name: string, json: string): Promise<string>;
  };
  const hasDate = (v: unknown): boolean =>
    v instanceof Date || (typeof v === 'object' && v !== null && Object.values(v).some(hasDate));
  type Handler = ((value: unknown, user?: unknown) => void) | null;
  const runner = (ok: Handler, fail: Handler, user: unknown): unknown =>
    new Proxy({}, {
      get(_t, prop) {
        if (prop === 'withSuccessHandler') return (f: Handler) => runner(f, fail, user);
        if (prop === 'withFailureHandler') return (f: Handler) => runner(ok, f, user);
        if (prop === 'withUserObject') return (u: unknown) => runner(ok, fail, u);
        if (typeof prop !== 'string') return undefined;
        return (...args: unknown[]) => {
          // Apps Script refuses Dates and turns undefined in arrays into null: JSON does the latter.
          if (hasDate(args)) throw new Error(`google.script.run.${prop}: Date arguments are not supported`);
          w.__serverCall(prop, JSON.stringify(args)).then(
            (json) => ok && ok(JSON.parse(json), user),
            (e: Error) => fail && fail(new Error(String(e.message).replace(/^Error: /, '')), user),
          );
        };
      },
    });
  w.google = { script: { run: runner(null, null, undefined), host: { close: () => { w.__closed = true; } } } };
}

/** Opens a built HTML file (dist/, its client code included) as a file:// page whose server calls go to `handler`. */
export async function openPage(h: Harness, file: string, handler: ServerHandler): Promise<Page> {
  const page = await h.context.newPage();
  await page.exposeFunction('__serverCall', async (name: string, json: string) => {
    // A real round trip is never instant; answering later keeps the page honest about async.
    await new Promise((r) => setTimeout(r, 5));
    const result = await handler(name, JSON.parse(json) as unknown[]);
    return JSON.stringify(result === undefined ? null : result);
  });
  await page.addInitScript(standIn);
  // No network at all: the page must work offline.
  await page.route(/^(https?|wss?):/, (route) => route.abort());
  await page.goto(pathToFileURL(resolve(__dirname, '../../dist', file)).href);
  return page;
}
