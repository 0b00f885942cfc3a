// Part 4 (2 of 2): a daily run killed at a cut point between two service calls, then resumed,
// ends with exactly the same schedules, locks, tabs and logs as an uninterrupted run: no lost rows,
// no duplicates, no orphan locks, no checkpoint, lock or follow-up trigger left behind. The cut
// points (rule in kill-resume.ts) are split between two files so they run on two workers.
import { openWarehouse, type Warehouse } from './harness';
import { chooseCuts, describeFailures, reference, runCuts, type Reference } from './kill-resume';

const PART = 2;
const STRIDE = 80;
let w: Warehouse;
let ref: Reference;

beforeAll(async () => {
  w = await openWarehouse();
  ref = await reference(w);
}, 120_000);
afterAll(() => w?.bigQuery.close());

it('kill at every chosen cut point, resume: same final state as the uninterrupted run', async () => {
  const cuts = chooseCuts(ref.trace, STRIDE).filter((_c, i) => i % 2 === PART - 1);
  const t0 = Date.now();
  const failed = await runCuts(w, ref, cuts);
  console.log(`kill/resume part ${PART}: ${cuts.length} cut points of ${ref.trace.length} service calls, ${failed.length} failed, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  expect(describeFailures(failed)).toBe('');
}, 600_000);
