// The bodies of the split suites (jest runs each file on its own worker, so each half is a file).
import { openWarehouse, type Warehouse } from './harness';
import { prepare, runCases, table, title, type BadCase, type CaseResult } from './bad-input';
import { chooseCuts, describeFailures, reference, runCuts, type Reference } from './kill-resume';
import type { DeploymentMode } from '../../local/runtime/index';

/** Kill/resume at every `parts`-th cut point (rule: kill-resume.ts), starting with `part`, deployed as `mode`. */
export function killResumeSuite(part: number, parts: number, mode: DeploymentMode, stride = 80): void {
  let w: Warehouse;
  let ref: Reference;
  beforeAll(async () => {
    w = await openWarehouse();
    ref = await reference(w, mode);
  }, 120_000);
  afterAll(() => w?.bigQuery.close());

  it(`kill at every chosen cut point (deployed ${mode}), the triggers carry on: same final state as the uninterrupted run`, async () => {
    const cuts = chooseCuts(ref.trace, stride).filter((_c, i) => i % parts === part - 1);
    const t0 = Date.now();
    const failed = await runCuts(w, ref, cuts, mode);
    console.log(`kill/resume part ${part} (${mode}): ${cuts.length} cut points of ${ref.trace.length} service calls, ${failed.length} failed, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    expect(describeFailures(failed)).toBe('');
  }, 600_000);
}

/** Runs groups of bad-input cases; prints the table of cases tried, answered and lost; asserts lost = 0. */
export function badInputSuite(name: string, runs: BadCase[][]): void {
  const results: CaseResult[] = [];
  let w: Warehouse;
  let base: { pages: string[]; generated: string[] };
  beforeAll(async () => {
    w = await openWarehouse();
    base = await prepare(w);
  }, 180_000);
  afterAll(() => {
    if (results.length > 0) console.log(table(results, name));
    w?.bigQuery.close();
  });

  describe(name, () => {
    it.each(runs.map((cases) => [title(cases), cases] as const))('%s', async (_names, cases) => {
      const got = await runCases(w, base, cases);
      results.push(...got);
      expect(got.filter((r) => r.lost.length > 0).map((r) => `${r.name}: ${r.lost.join('; ')}`)).toEqual([]);
      expect(got.filter((r) => !r.answered).map((r) => `${r.name}: ${r.answer}`)).toEqual([]);
    }, 120_000);

    it('nothing is lost in any case', () => {
      expect(results).toHaveLength(runs.flat().length);
      expect(results.reduce((n, r) => n + r.lost.length, 0)).toBe(0);
    });
  });
}
