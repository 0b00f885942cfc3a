// The sidebar's contract is enforced: every server function the HTML calls is one of
// SERVER_FUNCTIONS, each of them is a global of the built bundle, and the client helper is
// written once (src/html/client) and included in every built HTML file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVER_FUNCTIONS, type ServerCall } from '../../src/gas/server-functions';

const ROOT = path.resolve(__dirname, '../..');
const built = (f: string) => fs.readFileSync(path.join(ROOT, 'dist', f), 'utf8');
const htmlFiles = fs.readdirSync(path.join(ROOT, 'src/html')).filter((f) => f.endsWith('.html'));

test('every serverCall in the HTML names a declared server function that the bundle exports', () => {
  const entryPoints = JSON.parse(built('entry-points.json')) as string[];
  for (const name of SERVER_FUNCTIONS) expect(entryPoints).toContain(name);
  const called = new Set<string>();
  for (const f of htmlFiles) {
    const page = fs.readFileSync(path.join(ROOT, 'src/html', f), 'utf8');
    for (const m of page.matchAll(/serverCall\(\s*'([^']+)'/g)) called.add(m[1] as string);
    // A call through a variable name would escape this check: the HTML passes names as literals.
    expect(page).not.toMatch(/serverCall\(\s*[^'\s)]/);
  }
  expect([...called].sort()).toEqual([...SERVER_FUNCTIONS].sort());
});

test('the client helper is included in every HTML file at build time, never copied by hand', () => {
  const helper = fs.readFileSync(path.join(ROOT, 'src/html/client/server-call.js'), 'utf8').trim();
  for (const f of htmlFiles) {
    expect(fs.readFileSync(path.join(ROOT, 'src/html', f), 'utf8')).not.toContain('google.script.run.withSuccessHandler');
    expect(built(f)).toContain(helper);
  }
});

test('ServerCall types each call by the bundle export it reaches', () => {
  // Compile-time: a wrong argument or a name outside the contract does not type-check.
  const call: ServerCall = async () => undefined as never;
  void call('saveOverrides', 'anna', {});
  // @ts-expect-error runDailyAutomation is an entry point, not a server function of the sidebar
  void call('runDailyAutomation');
  expect(SERVER_FUNCTIONS).toHaveLength(4);
});
