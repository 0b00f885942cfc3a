// Part 8 (1 of 2): malformed Overrides cells (every field: wrong type, out of range), an unknown page and category, a renamed column or tab, invalid settings, tabs missing, renamed or edited by hand mid-run.
// Each case is judged as described in bad-input.ts (answered clearly, naming where; nothing lost);
// the suite prints the table of cases tried, answered clearly and lost, and asserts lost = 0.
import { openWarehouse, type Warehouse } from './harness';
import { prepare, runCases, table, title, type BadCase, type CaseResult } from './bad-input';
import { cellCases, OTHER_OVERRIDES_CASES, SETTINGS_CASES } from './bad-input-cases-overrides';
import { TAB_CASES } from './bad-input-cases-tabs';

const RUNS: BadCase[][] = [...cellCases(4), ...OTHER_OVERRIDES_CASES, ...SETTINGS_CASES, ...TAB_CASES];
const results: CaseResult[] = [];
let w: Warehouse;
let base: { pages: string[]; generated: string[] };

beforeAll(async () => {
  w = await openWarehouse();
  base = await prepare(w);
}, 180_000);
afterAll(() => {
  if (results.length > 0) console.log(table(results, 'Bad input (Overrides, settings, tabs)'));
  w?.bigQuery.close();
});

describe('Bad input (Overrides, settings, tabs)', () => {
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
