// Security, SQL: no SQL text is ever built from values. Statically (the TypeScript checker traces
// every SQL argument in src/ to constant text; rule in sql-scan.ts) and dynamically (every job the
// bundle sends during a scheduler's day is, byte for byte, one of the repository's .sql files or
// one of the CALL constants, and no page name ever appears in SQL text: values are parameters).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CALL_RUN_DAILY_AUTOMATION, CALL_SWEEP_LOCKS, CALL_UNDO_GENERATION, CALL_UPDATE_CAPTION_PERFORMANCE } from '../../src/core/run/jobs';
import { bundledSqlText } from '../../tools/sql-bundle-text.cjs';
import { createProgram, scanProgram } from './sql-scan';
import { freshDemo, openWarehouse, runDailyToEnd } from './harness';

const ROOT = path.resolve(__dirname, '../..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? tsFiles(p) : /\.ts$/.test(d.name) ? [p] : [];
  });
}

describe('SQL is never built from values (static: TypeScript checker over src/)', () => {
  it('traces every SQL argument of a warehouse call and every job body to constant text', () => {
    const program = createProgram(tsFiles(path.join(ROOT, 'src')));
    const { violations, checkedSites } = scanProgram(program, path.join(ROOT, 'src'));
    expect(violations).toEqual([]);
    // The scan really saw the run's call sites (a scanner that finds nothing proves nothing).
    const files = new Set(checkedSites.map((s) => s.replace(/:\d+$/, '')));
    for (const f of ['src/core/run/health-check.ts', 'src/core/run/daily/analyse.ts', 'src/core/run/daily/finish.ts', 'src/gas/adapters/bigquery.ts', 'src/core/run/undo.ts', 'src/core/run/maintenance.ts']) {
      expect([...files]).toContain(f);
    }
    expect(checkedSites.length).toBeGreaterThanOrEqual(12);
  }, 120_000);

  it('flags concatenation, templates, replace(), mutable variables and unchecked parameters (scanner self-test)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eros-sqlscan-'));
    const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
    write('sql.d.ts', "declare module '*.sql' { const text: string; export default text; }\n");
    write('q.sql', 'SELECT 1');
    write('ports.ts', 'export interface Warehouse { query(sql: string, params: unknown[]): unknown }\nexport interface Queries { a: string; b: string }\n');
    write('good.ts', [
      "import type { Warehouse, Queries } from './ports';",
      "import text from './q.sql';",
      "const CALL = 'CALL x.y(@d)';",
      'declare function qualify(sql: string, dataset: string): string;',
      "export const wiring: Queries = { a: text, b: CALL };",
      'export class Retry implements Warehouse { constructor(private inner: Warehouse) {} query(sql: string, p: unknown[]) { return this.inner.query(sql, p); } }',
      'export function good(w: Warehouse, q: Queries, s: { location: string }) {',
      "  w.query(text, []); w.query(CALL, []); w.query(q.a, []); w.query(qualify(text, 'ds'), []);",
      "  w.query(text.split('`region-us`').join(`\\`region-${s.location.toLowerCase()}\\``), []);",
      "  w.query(s.location ? text : CALL, []);",
      '}',
    ].join('\n'));
    write('bad.ts', [
      "import type { Warehouse, Queries } from './ports';",
      "import text from './q.sql';",
      "export const sneaky: Queries = { a: text, b: `SELECT ${Math.random()}` };",
      'export function bad(w: Warehouse, page: string, q: Queries) {',
      '  w.query(`SELECT * FROM t WHERE p = "${page}"`, []);', // line 5
      "  w.query('SELECT ' + page, []);", // 6
      "  w.query(text.replace('X', page), []);", // 7
      "  let s = 'SELECT 1'; s += page; w.query(s, []);", // 8
      '  w.query(page, []);', // 9
      '  w.query(q.b, []);', // 10: filled with a template in `sneaky`
      "  w.query(['SELECT', page].join(' '), []);", // 11
      "  w.query(text.concat(page), []);", // 12
      '}',
    ].join('\n'));
    const files = ['sql.d.ts', 'ports.ts', 'good.ts', 'bad.ts'].map((f) => path.join(dir, f));
    const { violations } = scanProgram(createProgram(files), dir);
    fs.rmSync(dir, { recursive: true, force: true });
    const lines = violations.map((v) => `${path.basename(v.where.split(':')[0] ?? '')}:${v.where.split(':').pop()}`);
    expect(lines.filter((l) => l.startsWith('good.ts'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('bad.ts')).sort()).toEqual(['bad.ts:10', 'bad.ts:11', 'bad.ts:12', 'bad.ts:5', 'bad.ts:6', 'bad.ts:7', 'bad.ts:8', 'bad.ts:9']);
  }, 60_000);
});

describe('SQL is never built from values (dynamic: every job of a scheduler day)', () => {
  it('sends only the repository SQL texts and CALL constants; values travel as parameters', async () => {
    const w = await openWarehouse();
    try {
      const demo = await freshDemo(w.bigQuery);
      runDailyToEnd(demo);
      for (const fn of ['runHealthCheck', 'runPerformanceUpdate', 'runLockSweep']) demo.runtime.call(fn);
      const pages = w.bigQuery.sql('SELECT page_name FROM eros_scheduling_brain.creators').map((r) => String(r.page_name));
      const page = pages[0] ?? '';
      demo.runtime.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(page)?.activate();
      demo.runtime.call('undoLastGenerationForActivePage');

      const texts = new Set<string>([CALL_RUN_DAILY_AUTOMATION, CALL_SWEEP_LOCKS, CALL_UPDATE_CAPTION_PERFORMANCE, CALL_UNDO_GENERATION]);
      const queriesDir = path.join(ROOT, 'sql', 'queries');
      for (const f of fs.readdirSync(queriesDir)) texts.add(bundledSqlText(fs.readFileSync(path.join(queriesDir, f), 'utf8')));
      // Load jobs carry rows, not SQL: their destination must be one of the repository's tables.
      const tables = new Set(fs.readdirSync(path.join(ROOT, 'sql', 'tables')).map((f) => f.replace(/\.sql$/, '')));
      const loads = w.bigQuery.jobs.filter((j) => j.twin.startsWith('load:'));
      expect(loads.filter((j) => !tables.has(j.twin.slice('load:'.length)))).toEqual([]);
      const sent = w.bigQuery.jobs.filter((j) => typeof j.sql === 'string' && j.sql !== '' && !j.twin.startsWith('load:'));
      expect(sent.length).toBeGreaterThan(5);
      const foreign = sent.filter((j) => !texts.has(j.sql)).map((j) => j.sql.slice(0, 120));
      expect(foreign).toEqual([]);
      const withPageName = sent.filter((j) => pages.some((p) => j.sql.includes(`'${p}'`) || j.sql.includes(`"${p}"`)));
      expect(withPageName).toEqual([]);
      // The page names did reach BigQuery: as parameters.
      expect(sent.some((j) => JSON.stringify(j.params).includes(page))).toBe(true);
    } finally {
      w.bigQuery.close();
    }
  }, 120_000);
});
