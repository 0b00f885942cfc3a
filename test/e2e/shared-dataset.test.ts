// Two spreadsheets pointing at one dataset (two desks of one agency), both with the automation
// installed. The day's queue, the performance update and the lock sweep work on the dataset, not
// on a spreadsheet: each runs once per period, claimed for the dataset in the script's properties,
// not once per spreadsheet — and a desk whose tick comes while the other desk's job runs skips it.
import { openAgencies, type Agencies } from '../../local/harness/agencies';
import { createRuntime, type FiredTrigger, type LocalRuntime } from '../../local/runtime/index';

jest.setTimeout(300_000);

const HOUR = 3_600_000;
const DESK = { dataset: 'shared', seed: 5, sizes: { pages: 4, captions: 400, days: 40 } };
const SWEEP_SQL = /CALL shared\.sweep_expired_caption_locks/;

let ag: Agencies;
let other: LocalRuntime;
const fired: FiredTrigger[] = [];
/** What desk 2 did when its tick came in the middle of desk 1's sweep. */
let meanwhile: unknown = null;
let armed = false;

beforeAll(() => {
  // Saturday 00:00 Los Angeles.
  ag = openAgencies([{ name: 'desk-1', ...DESK }, { name: 'desk-2', ...DESK }], {
    now: new Date('2026-11-28T08:00:00Z'),
    runtime: {
      onServiceCall: (name) => {
        // The sweep's job has run and its answer is being read: its claim is still running.
        if (!armed || name !== 'BigQuery.Jobs.getQueryResults') return;
        const last = ag.warehouses.get('shared')!.jobs.at(-1);
        if (!last || !SWEEP_SQL.test(last.sql)) return;
        armed = false;
        // Another execution of the add-on, in desk 2, while desk 1's sweep job is out.
        meanwhile = other.in(ag.books[1]!).call('dispatchAutomation');
      },
    },
  });
  const s = ag.runtime.services;
  other = createRuntime({
    mode: 'addon', spreadsheet: ag.books[0], spreadsheets: ag.books.slice(1), clock: ag.clock,
    properties: s.properties, locks: s.locks, triggers: s.triggers, globals: { BigQuery: ag.router },
  });
  for (let h = 0; h < 24; h++) {
    ag.clock.advance(HOUR);
    fired.push(...ag.runtime.fireDueTriggers());
  }
}, 240_000);
afterAll(() => ag?.close());

const calls = (procedure: string) => ag.warehouses.get('shared')!.jobs.filter((j) => j.twin === `procedure:${procedure}`);

test('both desks\' hourly triggers fire every hour', () => {
  expect(fired.filter((f) => f.error)).toEqual([]);
  for (const book of ag.books) expect(fired.filter((f) => f.documentId === book.id)).toHaveLength(24);
});

test('the day\'s queue, the performance update and the sweep run once per period for the dataset, not once per desk', () => {
  expect(calls('run_daily_automation')).toHaveLength(1);
  expect(calls('update_caption_performance')).toHaveLength(4);
  // 24 hourly slots, less the hours a desk's tick started its daily run (its other ticks sweep).
  const sweeps = calls('sweep_expired_caption_locks');
  expect(sweeps.length).toBeGreaterThanOrEqual(22);
  expect(sweeps.length).toBeLessThanOrEqual(24);
});

test('a desk whose tick comes while the other desk sweeps does not sweep too', () => {
  const before = calls('sweep_expired_caption_locks').length;
  armed = true;
  ag.clock.advance(HOUR);
  ag.runtime.fireDueTriggers();
  expect(armed).toBe(false);
  expect(meanwhile).toEqual({ ran: [], summaries: [] });
  expect(calls('sweep_expired_caption_locks')).toHaveLength(before + 1);
});
