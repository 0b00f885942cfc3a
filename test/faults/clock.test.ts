// The fault suite's own premise: every part of the system keeps the runtime's (virtual) time, so a
// run is the same whatever day the machine says it is. The BigQuery procedures' own "now" must be
// the stand-in's clock (the job's creation time), not the machine's.
import { freshDemo, openWarehouse, runDailyToEnd, type Warehouse } from './harness';

const S = 'eros_scheduling_brain';
let w: Warehouse;
beforeAll(async () => {
  w = await openWarehouse();
}, 120_000);
afterAll(() => w?.bigQuery.close());

it('the hourly lock sweep, 30 days later, expires the locks of a week that is over', async () => {
  const demo = await freshDemo(w.bigQuery);
  runDailyToEnd(demo);
  const active = () => Number(w.bigQuery.sql(`SELECT count(*) AS n FROM ${S}.active_caption_assignments WHERE is_active`)[0]?.n);
  expect(active()).toBeGreaterThan(0);
  demo.clock.advance(30 * 86_400_000);
  demo.runtime.call('runLockSweep');
  const sweep = w.bigQuery.sql(`SELECT CAST(run_date AS VARCHAR) AS d FROM ${S}.automation_run_log WHERE run_kind = 'SWEEP' ORDER BY started_at DESC LIMIT 1`)[0];
  expect({ activeLocks: active(), sweepLoggedFor: sweep?.d }).toEqual({ activeLocks: 0, sweepLoggedFor: '2026-12-28' });
}, 120_000);
