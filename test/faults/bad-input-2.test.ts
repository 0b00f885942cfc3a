// Part 8 (2 of 2): NULL, negative and absurd values in the source tables, an empty caption bank, a page with no history.
// Each case is judged as described in bad-input.ts (answered clearly, naming where; nothing lost);
// the suite prints the table of cases tried, answered clearly and lost, and asserts lost = 0.
import { openWarehouse, type Warehouse } from './harness';
import { prepare, runCases, table, title, type BadCase, type CaseResult } from './bad-input';
import { SOURCE_CASES } from './bad-input-cases-source';

const RUNS: BadCase[][] = SOURCE_CASES;
const results: CaseResult[] = [];
let w: Warehouse;
let base: { pages: string[]; generated: string[] };

beforeAll(async () => {
  w = await openWarehouse();
  base = await prepare(w);
}, 180_000);
afterAll(() => {
  if (results.length > 0) console.log(table(results, 'Bad input (source rows)'));
  w?.bigQuery.close();
});

describe('Bad input (source rows)', () => {
  it.each(RUNS.map((cases) => [title(cases), cases] as const))('%s', async (_names, cases) => {
    const got = await runCases(w, base, cases);
    results.push(...got);
    expect(got.filter((r) => r.lost.length > 0).map((r) => `${r.name}: ${r.lost.join('; ')}`)).toEqual([]);
    expect(got.filter((r) => !r.answered).map((r) => `${r.name}: ${r.answer}`)).toEqual([]);
  }, 120_000);

  it('nothing is lost in any case', () => {
    expect(results).toHaveLength(RUNS.flat().length);
    expect(results.reduce((n, r) => n + r.lost.length, 0)).toBe(0);
  });
});
