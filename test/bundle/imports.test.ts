// The layering holds in the import graph itself: no import circle anywhere in src/ (type imports
// included), the core never imports the Apps Script adapters, and src/ never imports local/.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Relative imports of a file, resolved to files (`.sql` and `.html` texts included as they are). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']+)'/gms)) {
    const target = path.resolve(path.dirname(file), m[1] as string);
    out.push(fs.existsSync(`${target}.ts`) ? `${target}.ts` : target);
  }
  return out;
}

const graph = new Map(tsFiles(SRC).map((f) => [f, importsOf(f)]));
const rel = (f: string) => path.relative(ROOT, f);

test('no import circle in src/', () => {
  const state = new Map<string, 'open' | 'done'>();
  const circles: string[] = [];
  const visit = (f: string, trail: string[]): void => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      circles.push([...trail.slice(trail.indexOf(f)), f].map(rel).join(' → '));
      return;
    }
    state.set(f, 'open');
    for (const g of graph.get(f) ?? []) if (graph.has(g)) visit(g, [...trail, f]);
    state.set(f, 'done');
  };
  for (const f of graph.keys()) visit(f, []);
  expect(circles).toEqual([]);
  // The check sees real edges (a scan that finds none proves nothing).
  expect([...graph.values()].flat().length).toBeGreaterThan(150);
});

test('the core imports neither the adapters nor local/; src/ never imports local/', () => {
  const wrong: string[] = [];
  for (const [f, imports] of graph) {
    for (const g of imports) {
      const from = rel(f);
      const to = rel(g);
      if (to.startsWith('local/') || (from.startsWith('src/core/') && to.startsWith('src/gas/'))) wrong.push(`${from} → ${to}`);
    }
  }
  expect(wrong).toEqual([]);
});
