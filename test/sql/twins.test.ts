/**
 * Every runtime query has a DuckDB twin that the local BigQuery stand-in's twin registry resolves,
 * and a test here that runs it; the holidays query answers through the stand-in in the REST shape
 * the bundle decodes (DATE as 'YYYY-MM-DD').
 */
import * as fs from 'fs';
import * as path from 'path';
import { createBigQueryStandIn } from '../../local/runtime/bigquery/index';
import { TwinRegistry } from '../../local/runtime/bigquery/registry';
import { toHolidays } from '../../src/core/run/jobs';
import { loadSqlFiles, repoRoot } from '../../tools/sql/files';
import { bundledSqlText } from '../../tools/sql-bundle-text.cjs';

const root = repoRoot();
const twinsDir = path.join(root, 'local', 'warehouse', 'twins');
const queries = loadSqlFiles(undefined, ['queries']);

/** Twins with no file in sql/: BigQuery's own objects that the local warehouse must supply. */
const STAND_INS = new Set([
  'tables/jobs_by_project.sql', // INFORMATION_SCHEMA.JOBS_BY_PROJECT
  'functions/bq_trim.sql', // GoogleSQL's TRIM, where DuckDB's differs
  'functions/bq_lower.sql', // GoogleSQL's LOWER, where DuckDB's differs
]);

const sqlPaths = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sqlPaths(path.join(dir, e.name)).map((p) => `${e.name}/${p}`) : e.name.endsWith('.sql') ? [e.name] : []));

test('the twins mirror sql/ path for path: no file in one without its twin in the other', () => {
  expect(queries.map((q) => q.name)).toContain('holidays');
  const twins = sqlPaths(twinsDir).filter((p) => !STAND_INS.has(p)).sort();
  expect(twins).toEqual(sqlPaths(path.join(root, 'sql')).sort());
  for (const p of STAND_INS) expect(fs.existsSync(path.join(twinsDir, p))).toBe(true);
});

test('the twin registry resolves every runtime query as bundled, under another dataset too', () => {
  const registry = new TwinRegistry({ sqlDir: path.join(root, 'sql'), twinsDir });
  expect(registry.missing).toEqual([]);
  for (const q of queries) {
    expect(registry.lookup(bundledSqlText(q.text), [])?.name).toBe(q.name);
    expect(registry.lookup(bundledSqlText(q.text).replace(/\beros_scheduling_brain\./g, 'prod_ds.'), ['prod_ds'])?.name).toBe(q.name);
  }
});

test('every runtime query twin is run by a test in test/sql', () => {
  const tests = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.ts')).map((f) => fs.readFileSync(path.join(__dirname, f), 'utf8')).join('\n');
  const untested = queries.filter((q) => !tests.includes(`twinText('queries', '${q.name}')`)).map((q) => q.name);
  expect(untested).toEqual([]);
});

test('holidays through the BigQuery stand-in: seeded calendar, named DATE parameters, REST rows', () => {
  const bq = createBigQueryStandIn({ database: { build: { preset: 'empty' } } });
  try {
    const text = bundledSqlText(queries.find((q) => q.name === 'holidays')!.text);
    const date = (name: string, value: string) => ({ name, parameterType: { type: 'DATE' }, parameterValue: { value } });
    const res = bq.service.Jobs.query({
      query: text, useLegacySql: false, parameterMode: 'NAMED',
      queryParameters: [date('week_start', '2026-11-23'), date('week_end', '2026-11-30')],
    }, 'p') as { jobComplete: boolean; schema: { fields: { name: string; type: string }[] }; rows: { f: { v: string | null }[] }[] };
    expect(res.jobComplete).toBe(true);
    expect(res.schema.fields.map((f) => f.name)).toEqual(['holiday_date', 'holiday_name', 'holiday_type', 'significance', 'saturation_impact_factor']);
    const rows = res.rows.map((r) => Object.fromEntries(res.schema.fields.map((f, i) => {
      const v = r.f[i]?.v ?? null;
      return [f.name, v !== null && /^(FLOAT|FLOAT64)$/.test(f.type) ? Number(v) : v];
    })));
    expect(toHolidays(rows)).toEqual([
      { date: '2026-11-26', name: 'Thanksgiving Day', type: 'FEDERAL', significance: 'major', saturationImpactFactor: 0.6 },
      { date: '2026-11-27', name: 'Black Friday', type: 'COMMERCIAL', significance: 'major', saturationImpactFactor: 1.2 },
    ]);
  } finally {
    bq.close();
  }
}, 60_000);
