// The stand-in's bytes estimate follows BigQuery's pruning rules
// (cloud.google.com/bigquery/docs/querying-partitioned-tables): constant filters prune, filters
// on script variables, other columns, subqueries or under OR do not; only read columns count.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate, paramValues, type Value } from '../../../local/runtime/bigquery/constant';
import { createBigQueryStandIn } from '../../../local/runtime/bigquery/index';
import { plannedScans, type ScanContext, type TableInfo } from '../../../local/runtime/bigquery/pruning';
import { jobText, scanCatalog } from '../../../local/runtime/bigquery/scan-catalog';

const DAY = 86_400_000;
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;

const tables = new Map<string, TableInfo>([
  ['mass_messages', { columns: ['message_id', 'page_name', 'sending_time', 'earnings'], partition: { column: 'sending_time', kind: 'timestamp' } }],
  ['queue', { columns: ['run_date', 'page_name', 'status'], partition: { column: 'run_date', kind: 'date' } }],
  ['calendar', { columns: ['year', 'holiday'], partition: { column: 'year', kind: 'range' } }],
  ['creators', { columns: ['page_name', 'status'], partition: null }],
]);
const ctx = (params: Record<string, Value> = {}): ScanContext => ({
  tables,
  routines: new Map([['recent', { args: ['since'], body: 'SELECT m.page_name FROM eros_scheduling_brain.mass_messages AS m WHERE DATE(m.sending_time) >= since AND DATE(m.sending_time) <= DATE \'2026-12-31\'' }]]),
  params: new Map(Object.entries(params)),
  now: new Date('2026-11-28T11:05:00Z'),
});
const scan = (sql: string, params: Record<string, Value> = {}) => plannedScans(sql, ctx(params));
const bounds = (sql: string, params: Record<string, Value> = {}) => scan(sql, params)[0]?.bounds;

describe('which partitions a filter prunes', () => {
  test('DATE(ts) of a table partitioned by DATE(ts) prunes, with literals or parameters', () => {
    expect(bounds("SELECT earnings FROM eros_scheduling_brain.mass_messages WHERE DATE(sending_time) BETWEEN DATE '2026-11-01' AND @to", { to: { t: 'date', d: day('2026-11-07') } }))
      .toEqual({ lo: day('2026-11-01'), hi: day('2026-11-07') });
  });

  test('the timestamp column itself prunes too; a strict bound on DATE() moves by a day', () => {
    expect(bounds("SELECT 1 FROM eros_scheduling_brain.mass_messages AS m WHERE m.sending_time >= TIMESTAMP '2026-11-20 06:00:00+00' AND DATE(m.sending_time) < DATE '2026-11-25'"))
      .toEqual({ lo: day('2026-11-20'), hi: day('2026-11-24') });
  });

  test('CURRENT_DATE in a zone and date arithmetic are constants', () => {
    expect(bounds("SELECT 1 FROM eros_scheduling_brain.queue WHERE run_date >= DATE_SUB(CURRENT_DATE('America/Los_Angeles'), INTERVAL 7 DAY) AND run_date <= CURRENT_DATE('America/Los_Angeles')"))
      .toEqual({ lo: day('2026-11-21'), hi: day('2026-11-28') });
  });

  test('DATE(ts, zone) is not the partition expression: nothing is pruned', () => {
    expect(bounds("SELECT 1 FROM eros_scheduling_brain.mass_messages WHERE DATE(sending_time, 'America/Los_Angeles') = DATE '2026-11-20'")).toEqual({ lo: null, hi: null });
  });

  test('a script variable, another column, a subquery or an OR prunes nothing', () => {
    const open = { lo: null, hi: null };
    expect(bounds("DECLARE d DATE DEFAULT DATE '2026-11-20'; SELECT 1 FROM eros_scheduling_brain.queue WHERE run_date = d")).toEqual(open);
    expect(bounds('SELECT 1 FROM eros_scheduling_brain.queue AS q WHERE q.run_date = DATE(q.status)')).toEqual(open);
    expect(bounds('SELECT 1 FROM eros_scheduling_brain.queue WHERE run_date = (SELECT MAX(run_date) FROM eros_scheduling_brain.queue)')).toEqual(open);
    expect(bounds("SELECT 1 FROM eros_scheduling_brain.queue WHERE run_date = DATE '2026-11-20' OR status = 'X'")).toEqual(open);
  });

  test('an integer-range table prunes on its column', () => {
    expect(bounds('SELECT holiday FROM eros_scheduling_brain.calendar WHERE year BETWEEN EXTRACT(YEAR FROM @a) AND EXTRACT(YEAR FROM @b)', { a: { t: 'date', d: day('2026-12-28') }, b: { t: 'date', d: day('2027-01-03') } }))
      .toEqual({ lo: 2026, hi: 2027 });
  });

  test("a table function's filter applies with the caller's argument; with a variable it prunes nothing", () => {
    expect(bounds('SELECT * FROM eros_scheduling_brain.recent(@since)', { since: { t: 'date', d: day('2026-11-01') } })).toEqual({ lo: day('2026-11-01'), hi: day('2026-12-31') });
    expect(bounds("DECLARE s DATE DEFAULT DATE '2026-11-01'; SELECT * FROM eros_scheduling_brain.recent(s)")).toEqual({ lo: null, hi: day('2026-12-31') });
  });
});

describe('which columns are read', () => {
  test('a query reads the columns it names; an unpartitioned table has no bounds', () => {
    expect(scan('SELECT c.page_name FROM eros_scheduling_brain.creators AS c')).toEqual([{ table: 'creators', bounds: null, columns: ['page_name'] }]);
  });

  test('a DML statement reads every column of the table it changes; an INSERT reads none', () => {
    expect(scan("UPDATE eros_scheduling_brain.queue SET status = 'DONE' WHERE run_date = @d", { d: { t: 'date', d: day('2026-11-28') } })[0]?.columns).toEqual(['run_date', 'page_name', 'status']);
    expect(scan("INSERT INTO eros_scheduling_brain.queue (run_date, page_name, status) VALUES (DATE '2026-11-28', 'a', 'X')")).toEqual([]);
  });
});

test('constants: parameters (STRUCT fields too), IF, IFNULL and comparisons', () => {
  const params = paramValues([{ name: 'run', type: { kind: 'STRUCT', fields: [{ name: 'run_date', type: { kind: 'DATE' } }] } as never, value: { run_date: '2026-11-28' } }]);
  const c = { params, now: new Date('2026-11-28T11:05:00Z') };
  expect(evaluate('DATE_ADD(@run.run_date, INTERVAL 1 DAY)', c)).toEqual({ t: 'date', d: day('2026-11-29') });
  expect(evaluate("IF(@run.run_date > DATE '2026-01-01', 7, 1)", c)).toEqual({ t: 'int', n: 7 });
  expect(evaluate('IFNULL(NULL, 3) + 4', c)).toEqual({ t: 'int', n: 7 });
  expect(() => evaluate('x + 1', c)).toThrow(/not constant/);
});

test('the stand-in bills a job by the partitions its filters leave: a run date past the data reads none of it', () => {
  const bq = createBigQueryStandIn({ database: { build: { preset: 'demo', seed: 3 } } });
  try {
    const sql = fs.readFileSync(path.join(bq.registry.dirs.sqlDir, 'queries', 'page_analysis.sql'), 'utf8');
    const params = (asOf: string) => [
      { name: 'as_of', type: { kind: 'DATE' }, value: asOf },
      { name: 'lookback_days', type: { kind: 'INT64' }, value: '90' },
    ];
    const run = (asOf: string): number => {
      bq.service.Jobs.query({
        query: sql, useLegacySql: false, parameterMode: 'NAMED', queryParameters: [
          ...params(asOf).map((p) => ({ name: p.name, parameterType: { type: p.type.kind }, parameterValue: { value: p.value } })),
          { name: 'page_names', parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } }, parameterValue: { arrayValues: [] } },
        ],
      }, 'p');
      return bq.jobs.at(-1)?.bytesProcessed ?? 0;
    };
    // The demo's messages run from August to November 2026.
    const [inData, pastData] = [run('2026-11-28'), run('2027-12-31')];
    expect(pastData).toBeGreaterThan(0);
    expect(pastData).toBeLessThan(inData * 0.2);
    const catalog = scanCatalog(bq.registry.dirs.sqlDir);
    const scans = plannedScans(jobText(sql, catalog), { tables: catalog.tables, routines: catalog.routines, params: paramValues(params('2026-11-28')), now: new Date() });
    expect(scans.find((s) => s.table === 'mass_messages')?.bounds).toEqual({ lo: day('2026-08-29'), hi: day('2027-11-29') });
  } finally {
    bq.close();
  }
});
