/**
 * The caption_candidates twin avoids the pages × captions cross product (see its header); on the
 * demo agency (30 pages, 3 000 captions, restrictions, locks, cooldowns, bandit stats) it must give
 * exactly the rows of the straightforward twin of caption_candidate_pool — including the cases
 * where a page's filters leave the prefix of the global order short (small per_page).
 */
import { buildWarehouse, type WarehouseHandle } from '../../local/warehouse/index';
import { parseType } from '../../tools/sql/types';
import { runScript, twinText, type Params } from './helpers/duck';

const POOL = `SELECT * FROM eros_scheduling_brain.caption_candidate_pool($page_names, $week_start, $week_end, $cooldown_days, $per_page)
  ORDER BY page_name, candidate_rank`;

let wh: WarehouseHandle;
beforeAll(async () => {
  wh = await buildWarehouse({ preset: 'demo', seed: 3 });
  // Locks of other pages: a written week holds captions the pool must exclude for the others.
  await wh.connection.run(`INSERT INTO eros_scheduling_brain.active_caption_assignments
    SELECT 'lock' || i, 'sch', p.page_name, b.caption_id, TIMESTAMPTZ '2026-12-01 20:00:00+00', DATE '2026-12-01',
      TIMESTAMPTZ '2026-12-08 20:00:00+00', now(), true, NULL, NULL
    FROM (SELECT min(page_name) AS page_name FROM eros_scheduling_brain.creators) AS p,
      (SELECT caption_id, row_number() OVER (ORDER BY caption_id) AS i FROM eros_scheduling_brain.caption_bank LIMIT 200) AS b`);
}, 120_000);
afterAll(() => wh?.close());

const TYPES: Record<string, string> = { page_names: 'ARRAY<STRING>', week_start: 'DATE', week_end: 'DATE', cooldown_days: 'INT64', per_page: 'INT64' };

async function run(sql: string, params: Record<string, unknown>): Promise<unknown[]> {
  const typed: Params = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, { type: parseType(TYPES[k] as string), value: v as Params[string]['value'] }]));
  const rows = await runScript(wh.connection, sql, typed);
  return rows.map((r) => JSON.parse(JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))) as unknown);
}

const cases: Array<[string, Record<string, unknown>]> = [
  ['all pages, 1 each (prefix short for restricted pages)', { per_page: 1 }],
  ['all pages, 3 each', { per_page: 3 }],
  ['all pages, 40 each', { per_page: 40 }],
  ['all pages, 300 each', { per_page: 300 }],
  ['two pages, no cooldown', { per_page: 25, cooldown_days: null, page_names: ['__first__', '__last__'] }],
  // Another week's deal (days since 1970 × 40503 stays exact as BIGINT in a far week).
  ['a week in 2199', { per_page: 5, week_start: '2199-12-30', week_end: '2200-01-06' }],
];

test.each(cases)('%s: the same rows as the pool', async (_name, over) => {
  const names = (await wh.connection.runAndReadAll('SELECT min(page_name), max(page_name) FROM eros_scheduling_brain.creators')).getRowsJS()[0] as string[];
  const pages = ((over.page_names as string[] | undefined) ?? []).map((p) => (p === '__first__' ? names[0] : p === '__last__' ? names[1] : p));
  const params: Record<string, unknown> = { week_start: '2026-11-30', week_end: '2026-12-07', cooldown_days: 14, ...over, page_names: pages };
  const expected = await run(POOL, params);
  const actual = await run(twinText('queries', 'caption_candidates').replace(/;\s*$/, ''), params);
  expect(actual.length).toBe(expected.length);
  expect(actual).toEqual(expected);
  if ((params.per_page as number) >= 3) expect(expected.length).toBeGreaterThan(0);
}, 120_000);
