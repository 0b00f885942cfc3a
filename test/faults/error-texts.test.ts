// Real error texts through the whole path: the BigQuery stand-in throws each one exactly as Apps
// Script does (no reason in the text) or fails the job with it, the bundle's adapter reads the
// job's status where there is one, and the run either retries (a new job after 2 s) and ends as
// a run without faults, or reports the failure without waiting.
import type { Reason } from '../../local/runtime/bigquery/index';
import { freshDemo, lastRun, runDailyToEnd, sleepRecorder } from './harness';
import { diffStates, finalState, withReference } from './state';

const ref = withReference();

/** The first job reading page_analysis fails once, as `how` says. */
type How = { call: Reason; text: string; exact?: boolean } | { job: Reason; text: string };

const RETRIED: Array<[string, How]> = [
  ['Backend Error on the read', { call: 'backendError', text: 'Backend Error' }],
  ['Retrying may solve the problem', { call: 'backendError', text: 'Error encountered during execution. Retrying may solve the problem.' }],
  ["Apps Script's server error", { call: 'backendError', text: "We're sorry, a server error occurred. Please wait a bit and try again.", exact: true }],
  ['Empty response', { call: 'backendError', text: 'Empty response' }],
  ['a job aborted by a concurrent transaction (reason invalidQuery)', { job: 'invalidQuery', text: 'Transaction is aborted due to concurrent update against table of-scheduler-proj.eros_scheduling_brain.schedules' }],
  ['a job that could not serialize (reason invalidQuery)', { job: 'invalidQuery', text: 'Could not serialize access to table of-scheduler-proj:eros_scheduling_brain.schedules due to concurrent update' }],
  ['a job failing with jobBackendError', { job: 'jobBackendError', text: 'Error encountered during execution. Retrying may solve the problem.' }],
];

function inject(how: How): void {
  const match = /page_analysis|FROM eros_scheduling_brain\.creators/;
  if ('job' in how) ref.w.bigQuery.faults.failJob(how.job, { match, message: how.text });
  else ref.w.bigQuery.faults.fail(how.call, { methods: ['getQueryResults'], match, ...(how.exact ? { exact: how.text } : { message: how.text }) });
}

describe('texts that heal by waiting are retried once, as a new job, and the run ends as without faults', () => {
  it.each(RETRIED)('%s', async (_name, how) => {
    const before = ref.w.bigQuery.faults.thrown.length;
    inject(how);
    const rec = sleepRecorder();
    const demo = await freshDemo(ref.w.bigQuery, { onSleep: rec.onSleep });
    expect(runDailyToEnd(demo).errors).toEqual([]);
    expect(ref.w.bigQuery.faults.thrown.length - before).toBe(1);
    expect(rec.sleeps).toEqual([2000]);
    expect(diffStates(ref.expected, finalState(demo))).toEqual([]);
  }, 120_000);
});

describe('texts that will not heal are reported without waiting', () => {
  it.each<[string, How]>([
    ['Access Denied', { call: 'accessDenied', text: 'Access Denied: Table of-scheduler-proj:eros_scheduling_brain.creators: User does not have permission to query table' }],
    ['a syntax error in the job', { job: 'invalidQuery', text: 'Syntax error: Unexpected end of script at [3:1]' }],
  ])('%s', async (_name, how) => {
    inject(how);
    const rec = sleepRecorder();
    const demo = await freshDemo(ref.w.bigQuery, { onSleep: rec.onSleep });
    runDailyToEnd(demo);
    expect(rec.sleeps).toEqual([]);
    expect(String(lastRun(demo).Note)).toContain(how.text.slice(0, 30));
  }, 120_000);
});
