// Builds the one Apps Script bundle: dist/Code.js (+ appsscript.json and the HTML files), flat.
// esbuild bundles src/gas/main.ts as an IIFE under one global name; Apps Script only sees
// top-level `function` declarations, so one wrapper per export is appended (see README).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledSqlText } from './sql-bundle-text.cjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
export const GLOBAL_NAME = '__eros';

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

/** SQL as the text BigQuery reads: no comments, whitespace squeezed (tools/sql-bundle-text.cjs). */
const sqlText = {
  name: 'sql-text',
  setup(b) {
    b.onLoad({ filter: /\.sql$/ }, (args) => ({ contents: bundledSqlText(readFileSync(args.path, 'utf8')), loader: 'text' }));
  },
};

const common = {
  entryPoints: [join(root, 'src/gas/main.ts')],
  bundle: true,
  target: 'es2019',
  platform: 'neutral',
  mainFields: ['main', 'module'],
  conditions: ['require', 'default'],
  loader: { '.html': 'text' },
  plugins: [sqlText],
  // Identifiers too: zod and luxon alone are ~250 KB unminified, and the bundle is held
  // at 300 KB. Our own errors carry their meaning in the message, not in the stack's names.
  // EROS_NO_MINIFY=1 keeps names for a readable CPU profile (never for a push: ~650 KB).
  minify: process.env.EROS_NO_MINIFY !== '1',
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
};
const result = await build({ ...common, format: 'iife', globalName: GLOBAL_NAME });
// An IIFE's metafile lists no exports; an ESM build of the same entry does.
const esm = await build({ ...common, format: 'esm', metafile: true });

const out = result.outputFiles[0].text;
const exportsOf = Object.values(esm.metafile.outputs)[0].exports.filter((n) => n !== 'default');
if (exportsOf.length === 0) throw new Error('build: src/gas/main.ts exports no entry points');
const wrappers = exportsOf
  .sort()
  .map((name) => `function ${name}() { return ${GLOBAL_NAME}.${name}.apply(this, arguments); }`)
  .join('\n');
writeFileSync(join(dist, 'Code.js'), `${out}\n${wrappers}\n`);

copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));
// Apps Script serves one file per dialog: shared client code is inlined where a line says
// `<!-- @include client/x.js -->` (or x.css), so it is written once in src/html/client/.
const htmlDir = join(root, 'src/html');
for (const f of readdirSync(htmlDir)) {
  if (!f.endsWith('.html')) continue;
  const html = readFileSync(join(htmlDir, f), 'utf8').replace(/^[ \t]*<!-- @include ([\w./-]+) -->[ \t]*$/gm, (_m, file) => {
    const path = join(htmlDir, file);
    if (!path.startsWith(join(htmlDir, 'client'))) throw new Error(`build: ${f} includes ${file}, outside src/html/client`);
    const tag = file.endsWith('.css') ? 'style' : 'script';
    return `<${tag}>\n${readFileSync(path, 'utf8').trim()}\n</${tag}>`;
  });
  if (html.includes('@include')) throw new Error(`build: ${f} has an @include line that was not replaced`);
  writeFileSync(join(dist, f), html);
}
writeFileSync(join(dist, 'entry-points.json'), JSON.stringify(exportsOf.sort(), null, 2) + '\n');
const size = readFileSync(join(dist, 'Code.js')).length;
console.log(`build: dist/Code.js ${(size / 1024).toFixed(1)} KB, ${exportsOf.length} entry points`);
