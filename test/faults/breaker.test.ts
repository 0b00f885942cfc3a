// Persistent errors. From the k-th job of a run on, BigQuery fails every call (an outage);
// for every k: the circuit breaker stops calling BigQuery after 5 failed jobs (each tried 1 + 3
// times); the pages already done stay done, row for row and tab for tab as in a run without
// faults; the rest are reported in the Runs tab — NOT_ATTEMPTED once the breaker is open — and
// nothing half-written is left (no orphan lock, no partial schedule). The sweep runs twice: on a
// run that finishes in one execution, and on one that pauses after its first tab (so the outage
// meets a run that already finished pages in an earlier execution). k is sampled: the first job,
// the middle one and the last (+1, +2 in the paused run, which has more jobs).
import type { Demo } from '../../local/harness/demo';
import { brokenInvariants } from './invariants';
import { freshDemo, lastRun, openWarehouse, restoreWarehouse, runDailyToEnd, tabRecords, type Warehouse } from './harness';
import { finalState, referenceRun, type FinalState } from './state';

let w: Warehouse;
let expected: FinalState;
let jobsInReference = 0;
const ATTEMPTS_PER_JOB = 4;
const THRESHOLD = 5;

beforeAll(async () => {
  w = await openWarehouse();
  let inserts = 0;
  ({ expected } = await referenceRun(w, { onServiceCall: (n) => void (n === 'BigQuery.Jobs.insert' && inserts++) }));
  jobsInReference = inserts;
}, 120_000);
afterAll(() => w?.bigQuery.close());
beforeEach(() => restoreWarehouse(w));

/** The page's rows in a run table and its tab, from a final state. */
const pageLines = (s: FinalState, table: string, page: string) => (s.tables[table] ?? []).filter((l) => l.includes(`"page_name":"${JSON.stringify(page).slice(1, -1)}"`));

interface Outcome {
  demo: Demo;
  failedAttempts: number;
  callsAfterOpen: number;
}

/** Runs the daily run with an outage from the k-th insert on (optionally pausing after the first tab). */
async function withOutage(k: number, pause: boolean): Promise<Outcome> {
  let inserts = 0;
  let down = false;
  let failedAttempts = 0;
  let callsAfterOpen = 0;
  w.bigQuery.faults.fail('backendError', {
    times: Infinity,
    match: (call) => {
      if (call.method === 'insert' && !down && ++inserts >= k) down = true;
      if (down) failedAttempts += 1;
      return down;
    },
  });
  let jumped = !pause;
  const demo: Demo = await freshDemo(w.bigQuery, {
    onServiceCall: (name) => {
      if (!jumped && name === 'SpreadsheetApp.Range.setValues') {
        jumped = true;
        demo.clock.advance(5.5 * 60_000);
      }
      // A job is sent by insert and read by getQueryResults; the adapter's Jobs.get right after a
      // failed call reads that failed job's status, and is part of the attempt, not a new call.
      if (/^BigQuery\.Jobs\.(insert|getQueryResults|query)$/.test(name) && failedAttempts >= THRESHOLD * ATTEMPTS_PER_JOB) callsAfterOpen += 1;
    },
  });
  const outcome = runDailyToEnd(demo);
  expect(outcome.errors).toEqual([]);
  return { demo, failedAttempts, callsAfterOpen };
}

function check(o: Outcome, k: number): void {
  const { demo } = o;
  const state = finalState(demo);
  const run = lastRun(demo);
  const overview = tabRecords(demo.runtime, 'Overview');
  const label = `outage from job ${k}`;
  // The run is reported, every page in it; a failure is never hidden behind a success.
  const allDone = overview.length > 0 && overview.every((r) => r.Status === 'GENERATED');
  if (!allDone) expect({ label, status: run.Status }).not.toEqual({ label, status: 'SUCCEEDED' });
  else if (o.failedAttempts > 0) expect({ label, note: String(run.Note) }).toEqual({ label, note: expect.stringMatching(/Backend error|backendError|not written/) });
  expect({ label, total: Number(run.Generated) + Number(run.Skipped) + Number(run.Failed) + Number(run['Not attempted']) }).toEqual({ label, total: Number(run.Pages) });
  // The breaker: at most 5 failed jobs, then no BigQuery call at all.
  expect({ label, attempts: o.failedAttempts <= THRESHOLD * ATTEMPTS_PER_JOB, after: o.callsAfterOpen }).toEqual({ label, attempts: true, after: 0 });
  const open = o.failedAttempts >= THRESHOLD * ATTEMPTS_PER_JOB;
  for (const row of overview) {
    const page = String(row.Page);
    if (row.Status === 'GENERATED') {
      // Done stays done: exactly the rows and the tab of the fault-free run.
      for (const t of ['schedules', 'schedule_messages', 'active_caption_assignments']) {
        expect({ label, page, t, rows: pageLines(state, t, page) }).toEqual({ label, page, t, rows: pageLines(expected, t, page) });
      }
      expect({ label, page, tab: state.tabs[page]?.values }).toEqual({ label, page, tab: expected.tabs[page]?.values });
    } else {
      expect({ label, page, reason: String(row.Reason) !== '' }).toEqual({ label, page, reason: true });
      if (open && row.Status === 'NOT_ATTEMPTED') expect(String(row.Reason)).toMatch(/circuit breaker/);
      // Nothing half-written: either none of its rows or all of them.
      const mine = pageLines(state, 'schedule_messages', page);
      if (mine.length > 0) expect({ label, page, rows: mine }).toEqual({ label, page, rows: pageLines(expected, 'schedule_messages', page) });
    }
  }
  expect({ label, broken: brokenInvariants(w.bigQuery, { exclude: /overlapping windows/ }) }).toEqual({ label, broken: [] });
}

describe('persistent errors: the breaker opens after 5 failed jobs; done pages stay done; the rest are reported', () => {
  const sample = (n: number, extra: number[]) => [...new Set([1, Math.ceil(n / 2), n, ...extra])].filter((k) => k >= 1).sort((a, b) => a - b);

  it('sweep: an outage from each job of a one-execution run on', async () => {
    expect(jobsInReference).toBeGreaterThan(2);
    for (const k of sample(jobsInReference, [])) {
      restoreWarehouse(w);
      check(await withOutage(k, false), k);
    }
  }, 300_000);

  it('sweep: an outage from each job on, in a run that paused after its first tab', async () => {
    let opened = 0;
    for (const k of sample(jobsInReference, [jobsInReference + 1, jobsInReference + 2])) {
      restoreWarehouse(w);
      const o = await withOutage(k, true);
      check(o, k);
      if (o.failedAttempts >= THRESHOLD * ATTEMPTS_PER_JOB) opened += 1;
    }
    // A long enough outage does open the breaker (else this sweep proved nothing about it).
    expect(opened).toBeGreaterThan(0);
  }, 300_000);

  it('after the outage, the next run generates what was missing and nothing doubles', async () => {
    const first = await withOutage(Math.max(2, jobsInReference - 1), true);
    w.bigQuery.faults.clear();
    first.demo.clock.advance(3600_000);
    runDailyToEnd(first.demo);
    const overview = tabRecords(first.demo.runtime, 'Overview');
    expect(overview.filter((r) => r.Status === 'NOT_ATTEMPTED')).toEqual([]);
    expect(brokenInvariants(w.bigQuery, { exclude: /overlapping windows/ })).toEqual([]);
  }, 120_000);
});
