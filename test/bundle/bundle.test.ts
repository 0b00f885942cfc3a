// Checks the real build output (npm test builds first): what Apps Script will load.
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vm from 'node:vm';
import * as acorn from 'acorn';
import * as eslintScope from 'eslint-scope';
import { MENU_ITEMS } from '../../src/gas/ui/menu';

const dist = join(__dirname, '..', '..', 'dist');
const code = () => readFileSync(join(dist, 'Code.js'), 'utf8');
const entryPoints = (): string[] => JSON.parse(readFileSync(join(dist, 'entry-points.json'), 'utf8'));

// Apps Script services and the JS built-ins a V8 script may name; anything else is a leak.
const APPS_SCRIPT_GLOBALS = [
  'SpreadsheetApp', 'BigQuery', 'PropertiesService', 'LockService', 'CacheService', 'Utilities',
  'Session', 'ScriptApp', 'HtmlService', 'Logger', 'console',
];
const NODE_ONLY = ['setTimeout', 'setInterval', 'setImmediate', 'process', 'require', 'Buffer', 'fetch',
  'TextEncoder', 'TextDecoder', 'module', 'exports', 'global', '__dirname', 'structuredClone', 'queueMicrotask'];

/** Browser globals only zod's unused string formats name (see the test below). */
const ZOD_FORMAT_GLOBALS = ['navigator', 'File', 'atob', 'btoa', 'URL'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('dist/ bundle', () => {
  beforeAll(() => {
    if (!existsSync(join(dist, 'Code.js'))) throw new Error('dist/Code.js missing: run `npm run build` first');
  });

  it('is flat: Code.js, appsscript.json and the HTML files only (plus the entry-point list)', () => {
    const files = readdirSync(dist, { withFileTypes: true });
    expect(files.filter((f) => f.isDirectory())).toEqual([]);
    const names = files.map((f) => f.name).sort();
    expect(names).toContain('Code.js');
    expect(names).toContain('appsscript.json');
    for (const n of names) expect(n).toMatch(/^(Code\.js|appsscript\.json|entry-points\.json|[A-Za-z]+\.html)$/);
  });

  it('parses as ES2019 (no ??, ?., class fields or other later syntax)', () => {
    expect(() => acorn.parse(code(), { ecmaVersion: 2019, sourceType: 'script' })).not.toThrow();
    // The parser really is strict: a later feature is refused.
    expect(() => acorn.parse('var a = b ?? c;', { ecmaVersion: 2019, sourceType: 'script' })).toThrow();
  });

  it('declares every entry point as a top-level function', () => {
    const ast = acorn.parse(code(), { ecmaVersion: 2019, sourceType: 'script' }) as unknown as {
      body: Array<{ type: string; id?: { name: string } }>;
    };
    const declared = ast.body.filter((n) => n.type === 'FunctionDeclaration').map((n) => n.id!.name);
    expect(entryPoints().length).toBeGreaterThan(0);
    for (const name of entryPoints()) expect(declared).toContain(name);
  });

  it('names no Node global anywhere (scope analysis of every free identifier)', () => {
    const ast = acorn.parse(code(), { ecmaVersion: 2019, sourceType: 'script', ranges: true });
    const scopes = eslintScope.analyze(ast as never, { ecmaVersion: 2019, sourceType: 'script' });
    const free = new Set(scopes.globalScope!.through.map((r) => r.identifier.name));
    const leaked = NODE_ONLY.filter((n) => free.has(n));
    expect(leaked).toEqual([]);
    // Whatever else it names must be a JS built-in or an Apps Script service.
    const builtins = new Set(Object.getOwnPropertyNames(vm.runInNewContext('this')));
    const unknown = [...free].filter(
      (n) => !builtins.has(n) && !APPS_SCRIPT_GLOBALS.includes(n) && !ZOD_FORMAT_GLOBALS.includes(n) && n !== 'undefined',
    );
    expect(unknown).toEqual([]);
  });

  it('never declares the zod formats that would reach browser globals Apps Script lacks', () => {
    // zod's url/base64/jwt/file checks name URL, atob, btoa and File; navigator is behind a typeof
    // guard. Allowed above only because no schema of ours uses those formats.
    const offenders = sourceFiles('src').filter((f) => /\bz\.(url|httpUrl|base64|base64url|jwt|file)\(|\.(url|base64|jwt)\(\)/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('loads in a bare V8 context with no Node globals and exposes its entry points', () => {
    const sandbox: Record<string, unknown> = {};
    const context = vm.createContext(sandbox);
    for (const n of NODE_ONLY) expect(vm.runInContext(`typeof ${n}`, context)).toBe('undefined');
    vm.runInContext(code(), context, { filename: 'Code.js' });
    for (const name of entryPoints()) expect(vm.runInContext(`typeof ${name}`, context)).toBe('function');
  });

  it('exposes a global function for every menu item', () => {
    const names = new Set(entryPoints());
    const missing = MENU_ITEMS.filter((i): i is readonly [string, string] => i !== null)
      .map((i) => i[1])
      .filter((fn) => !names.has(fn));
    expect(missing).toEqual([]);
  });

  it('stays within 300 KB', () => {
    expect(Buffer.byteLength(code())).toBeLessThanOrEqual(300 * 1024);
  });

  it('ships a manifest with V8, Los Angeles time, the BigQuery advanced service and explicit scopes', () => {
    const manifest = JSON.parse(readFileSync(join(dist, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('America/Los_Angeles');
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
    expect(manifest.dependencies.enabledAdvancedServices).toEqual([
      { userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' },
    ]);
    expect([...manifest.oauthScopes].sort()).toEqual([
      'https://www.googleapis.com/auth/bigquery',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/spreadsheets',
    ]);
  });
});
