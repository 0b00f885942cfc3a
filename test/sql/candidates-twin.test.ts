/**
 * The caption_candidate_pool twin avoids the pages × captions product (see its header); on the
 * demo agency (30 pages, 3 000 captions, restrictions, locks, cooldowns, bandit stats) it must give
 * exactly the rows of a plain TypeScript reading of the pool's rules (helpers/candidates-oracle.ts),
 * including the cases where a page's filters leave the prefix of the global order short (small
 * per_page) and where its band beyond the prefix is what fills it.
 */
import { buildWarehouse, type WarehouseHandle } from '../../local/warehouse/index';
import { parseType } from '../../tools/sql/types';
import { candidatePool, type PoolInput, type Rec } from './helpers/candidates-oracle';
import { runScript, twinText, type Params } from './helpers/duck';

let wh: WarehouseHandle;
let input: PoolInput;
const read = async (sql: string): Promise<Rec[]> => (await wh.connection.runAndReadAll(sql)).getRowObjectsJS() as Rec[];

beforeAll(async () => {
  wh = await buildWarehouse({ preset: 'demo', seed: 3 });
  // Locks of other pages: a written week holds captions the pool must exclude for the others.
  await wh.connection.run(`INSERT INTO eros_scheduling_brain.active_caption_assignments
    SELECT 'lock' || i, 'sch', p.page_name, b.caption_id, TIMESTAMPTZ '2026-12-01 20:00:00+00', DATE '2026-12-01',
      TIMESTAMPTZ '2026-12-08 20:00:00+00', now(), true, NULL, NULL
    FROM (SELECT min(page_name) AS page_name FROM eros_scheduling_brain.creators) AS p,
      (SELECT caption_id, row_number() OVER (ORDER BY caption_id) AS i FROM eros_scheduling_brain.caption_bank LIMIT 200) AS b`);
  const S = 'eros_scheduling_brain';
  input = {
    creators: await read(`SELECT page_name, is_active FROM ${S}.creators`),
    captions: await read(`SELECT caption_id, caption_text, caption_type, content_category, suggested_price, is_active FROM ${S}.caption_bank`),
    stats: await read(`SELECT page_name, caption_id, successes, failures, last_updated FROM ${S}.caption_bandit_stats`),
    locks: await read(`SELECT * FROM ${S}.active_caption_assignments`),
    messages: await read(`SELECT page_name, caption_id, sending_time FROM ${S}.mass_messages WHERE sending_time >= TIMESTAMPTZ '2026-10-01' AND caption_id IS NOT NULL`),
    restrictions: await read(`SELECT * FROM ${S}.page_restrictions`),
  };
}, 120_000);
afterAll(() => wh?.close());

const TYPES: Record<string, string> = { page_names: 'ARRAY<STRING>', week_start: 'DATE', week_end: 'DATE', cooldown_days: 'INT64', per_page: 'INT64' };
const KEYS = ['page_name', 'caption_id', 'candidate_rank', 'is_home', 'successes', 'failures', 'global_successes', 'global_failures'] as const;

async function twin(params: Record<string, unknown>): Promise<Rec[]> {
  const typed: Params = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, { type: parseType(TYPES[k] as string), value: v as Params[string]['value'] }]));
  const rows = await runScript(wh.connection, twinText('queries', 'caption_candidates'), typed);
  return rows.map((r) => Object.fromEntries(KEYS.map((k) => [k, typeof r[k] === 'bigint' ? Number(r[k]) : r[k]])));
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

test.each(cases)('%s: the same rows as the plain reading of the rules', async (_name, over) => {
  const names = (await read('SELECT min(page_name) AS a, max(page_name) AS b FROM eros_scheduling_brain.creators'))[0] as { a: string; b: string };
  const pages = ((over.page_names as string[] | undefined) ?? []).map((p) => (p === '__first__' ? names.a : p === '__last__' ? names.b : p));
  const params: Record<string, unknown> = { week_start: '2026-11-30', week_end: '2026-12-07', cooldown_days: 14, ...over, page_names: pages };
  const expected = candidatePool(input, {
    pageNames: pages, weekStart: params.week_start as string, weekEnd: params.week_end as string,
    cooldownDays: params.cooldown_days as number | null, perPage: params.per_page as number,
  }).map((c) => Object.fromEntries(KEYS.map((k) => [k, c[k]])));
  const actual = await twin(params);
  const order = (rows: Rec[]) => [...rows].sort((a, b) => (String(a.page_name) < String(b.page_name) ? -1 : String(a.page_name) > String(b.page_name) ? 1 : Number(a.candidate_rank) - Number(b.candidate_rank)));
  expect(actual.length).toBe(expected.length);
  expect(order(actual)).toEqual(order(expected));
  if ((params.per_page as number) >= 3) expect(expected.length).toBeGreaterThan(0);
}, 120_000);
