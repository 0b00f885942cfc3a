// Pages of one run compete for the caption bank: each locks its picks for the others, and pages
// planned late could run out of PPV captions (INVALID "0 PPVs, expected …"). The week's deal of
// the bank (caption_candidate_pool's is_home) must let a 100-page agency with a year of history
// plan every active page, day after day. Without the deal, 7 of 92 pages starve here.
import { openDemo, tabRecords, type Demo } from '../../local/harness/demo';
import { homeNumber } from '../../bench/sim/loop';

jest.setTimeout(240_000);

let demo: Demo;
beforeAll(async () => {
  demo = await openDemo({ seed: 1, sizes: { pages: 100, captions: 10_000, days: 365 } });
});
afterAll(() => demo.close());

const sql = (q: string) => demo.bigQuery.sql(q);

test('a 100-page run plans every active page on two days running, and no caption goes to two pages', () => {
  const active = Number(sql('SELECT count(*) AS n FROM eros_scheduling_brain.creators WHERE is_active')[0]?.n);
  expect(active).toBeGreaterThan(80);
  for (let day = 0; day < 2; day += 1) {
    demo.runtime.call('runDailyAutomation');
    const overview = tabRecords(demo.runtime, 'Overview');
    const notGenerated = overview.filter((r) => r.Status !== 'GENERATED').map((r) => `${String(r.Page)}: ${String(r.Reason)}`);
    expect(notGenerated).toEqual([]);
    expect(overview).toHaveLength(active);
    demo.clock.advance(24 * 3_600_000);
  }
  // Active locks of different pages never hold one caption in overlapping windows.
  const clashes = sql(`SELECT count(*) AS n FROM eros_scheduling_brain.active_caption_assignments AS a
    JOIN eros_scheduling_brain.active_caption_assignments AS b
      ON a.caption_id = b.caption_id AND a.page_name < b.page_name
     AND a.scheduled_send_time - INTERVAL 7 DAY < b.lock_window_end
     AND b.scheduled_send_time - INTERVAL 7 DAY < a.lock_window_end
    WHERE a.is_active AND b.is_active`);
  expect(Number(clashes[0]?.n)).toBe(0);
});

test("the deal gives each caption one home page a week, whatever pages are asked for", () => {
  const week = (start: string, pages: string) => `SELECT page_name, caption_id, is_home FROM eros_scheduling_brain.caption_candidate_pool(${pages}, DATE '${start}', DATE '${start}' + 7, 14, 400)`;
  const homes = sql(`SELECT caption_id, count(*) AS n FROM (${week('2026-12-07', '[]')}) WHERE is_home GROUP BY 1 HAVING count(*) > 1`);
  expect(homes).toEqual([]);
  const of = (rows: Array<Record<string, unknown>>, page: string) => rows.filter((r) => r.page_name === page && r.is_home === true).map((r) => Number(r.caption_id)).sort((a, b) => a - b);
  const all = sql(week('2026-12-07', '[]'));
  const page = String(all[0]?.page_name);
  const alone = sql(week('2026-12-07', `['${page}']`));
  expect(of(all, page).length).toBeGreaterThan(10);
  expect(of(alone, page)).toEqual(of(all, page));
  // The bandit benchmark's simulation deals alike (bench/sim/loop.ts homeNumber).
  const active = sql('SELECT DISTINCT page_name FROM eros_scheduling_brain.creators WHERE is_active ORDER BY 1').map((r) => String(r.page_name));
  for (const r of all.filter((x) => x.is_home === true).slice(0, 500)) {
    expect(homeNumber(Number(r.caption_id), '2026-12-07', active.length)).toBe(active.indexOf(String(r.page_name)));
  }
  // A new deal every week: a page is not held to the same captions.
  const next = sql(week('2026-12-14', `['${page}']`));
  const overlap = of(next, page).filter((id) => of(all, page).includes(id)).length;
  expect(overlap).toBeLessThan(of(all, page).length / 2);
});
