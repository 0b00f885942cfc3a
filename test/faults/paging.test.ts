// Slow and paged jobs: jobs that answer jobComplete: false (polled with back-off) and results split into many
// small pages (followed by pageToken) give exactly the same schedules, tabs and logs.
import { diffStates, finalState, referenceRun, type FinalState } from './state';
import { freshDemo, lastRun, openWarehouse, pageCappedBigQuery, restoreWarehouse, runDailyToEnd, sleepRecorder, type Warehouse } from './harness';

let w: Warehouse;
let expected: FinalState;

beforeAll(async () => {
  w = await openWarehouse();
  ({ expected } = await referenceRun(w));
}, 120_000);
afterAll(() => w?.bigQuery.close());
beforeEach(() => restoreWarehouse(w));

async function run(setup: () => void, pageRows?: number) {
  setup();
  const rec = sleepRecorder();
  const calls: string[] = [];
  const demo = await freshDemo(w.bigQuery, {
    onSleep: rec.onSleep,
    onServiceCall: (n) => void calls.push(n),
    ...(pageRows ? { globals: { BigQuery: pageCappedBigQuery(w.bigQuery, pageRows) } } : {}),
  });
  const outcome = runDailyToEnd(demo);
  expect(outcome.errors).toEqual([]);
  return { demo, sleeps: rec.sleeps, calls };
}

describe('polling and paging give the same answers', () => {
  it('every job answers jobComplete: false 3 times, and the server sends at most 2 rows per page', async () => {
    const { demo, sleeps, calls } = await run(() => w.bigQuery.faults.incompleteFor(3, { jobs: Infinity }), 2);
    const inserts = calls.filter((c) => c === 'BigQuery.Jobs.insert').length;
    // A query job is polled with getQueryResults, a load job with get; then pages follow.
    const reads = calls.filter((c) => c === 'BigQuery.Jobs.getQueryResults' || c === 'BigQuery.Jobs.get').length;
    expect(reads).toBeGreaterThan(20 * inserts);
    // Polling waits with back-off (virtual time), never a busy loop.
    expect(sleeps.length).toBeGreaterThanOrEqual(3 * inserts);
    expect(new Set(sleeps).size).toBeGreaterThan(1);
    expect(String(lastRun(demo).Status)).toBe('SUCCEEDED');
    expect(diffStates(expected, finalState(demo))).toEqual([]);
  }, 120_000);

  it('pages of 7 rows with a transient error on some page reads, and one incomplete poll per job', async () => {
    const thrownBefore = w.bigQuery.faults.thrown.length;
    const { demo } = await run(() => {
      w.bigQuery.faults.incompleteFor(1, { jobs: Infinity });
      let reads = 0;
      w.bigQuery.faults.fail('backendError', { times: 3, methods: ['getQueryResults'], match: () => ++reads % 9 === 0 });
    }, 7);
    expect(w.bigQuery.faults.thrown.slice(thrownBefore).filter((t) => t.method === 'getQueryResults').length).toBeGreaterThan(0);
    expect(String(lastRun(demo).Status)).toBe('SUCCEEDED');
    expect(diffStates(expected, finalState(demo))).toEqual([]);
  }, 120_000);
});
