import { dispatchAutomation, installAutomation, removeAutomation, resumeDailyAutomation, runDailyAutomation } from '../../src/gas/automation';
import { defaultEnv } from '../../src/gas/env';
import { checkpointKey, LAST_FULL_RUN_KEY } from '../../src/core/run/daily/checkpoint';
import { claimKey } from '../../src/core/run/claims';
import { fakeGasEnv, withUtilitiesBlob } from './fakes/gas-env';

withUtilitiesBlob();

const HOUR = 3_600_000;

describe('trigger entry points over the BigQuery adapter', () => {
  it('runs the daily automation with settings from the document', () => {
    const t = fakeGasEnv(['anna', 'bea']);
    t.props.set('EROS_DATASET', 'eros_prod');
    t.props.set('EROS_MAX_BYTES_BILLED', '123456');
    const s = runDailyAutomation(undefined, t.e);
    expect(s.status).toBe('SUCCEEDED');
    expect(s.pagesGenerated).toBe(2);
    expect(t.jobs.map((j) => j.label)).toEqual(['run_daily_automation', 'page_analysis', 'caption_candidates', 'stage_schedules', 'write_schedules', 'schedule_export', 'log_exports']);
    expect(t.jobs[1]!.query).toBe('SELECT FROM eros_prod.a');
    expect(t.jobs[3]!.query).toBe('LOAD schedule_staging');
    expect(t.jobs.filter((j) => j.label !== 'stage_schedules').every((j) => j.bytes === '123456')).toBe(true);
    expect(t.workbook.tabs.get('anna')!.rows).toHaveLength(3);
    expect(t.props.has(checkpointKey('DAILY'))).toBe(false);
    // Without the automation a one-off follow-up guarded the run, and went when it finished.
    expect(t.triggerLog).toEqual(['after 600000', 'delete resumeDailyAutomation']);
    expect(t.triggers.list).toEqual([]);
  });

  it('refuses to run on a bad setting, naming it, before any job', () => {
    const t = fakeGasEnv(['anna']);
    t.props.set('EROS_PROJECT', 'Not A Project');
    expect(() => runDailyAutomation(undefined, t.e)).toThrow(/project \(property EROS_PROJECT\)/);
    expect(t.jobs).toHaveLength(0);
  });

  it('the follow-up entry point deletes itself when there is nothing to continue, and comes again when the lock is busy', () => {
    const t = fakeGasEnv(['anna']);
    expect(resumeDailyAutomation(undefined, t.e)).toEqual([]);
    expect(t.jobs).toHaveLength(0);
    // A paused menu run, and its follow-up meeting another run that holds the lock.
    t.props.set(checkpointKey('MENU'), JSON.stringify({ placeholder: true }));
    const busy = { ...t.e, lock: { tryLock: () => false, releaseLock: () => undefined, hasLock: () => false } };
    expect(resumeDailyAutomation(undefined, busy)[0]).toMatchObject({ finished: false, runId: '' });
    expect(t.triggers.list.map((x) => x.getHandlerFunction())).toEqual(['resumeDailyAutomation']);
  });

  it('says clearly when the BigQuery advanced service is not enabled', () => {
    expect(() => defaultEnv()).toThrow(/BigQuery advanced service is not enabled/);
  });
});

describe('the hourly dispatcher', () => {
  it('runs the daily run once a day from 03:00 LA, then the maintenance when due, each once', () => {
    const t = fakeGasEnv(['anna']);
    const tick = () => dispatchAutomation(undefined, { ...t.e, executionStart: t.e.clock.now() }).ran;
    (t.e.clock as unknown as { ms: number }).ms = Date.parse('2026-11-25T10:30:00Z'); // 02:30 LA
    expect(tick()).toEqual(['PERFORMANCE', 'SWEEP']);
    (t.e.clock as unknown as { advance(ms: number): void }).advance(HOUR); // 03:30 LA
    expect(tick()).toEqual(['DAILY']);
    expect(t.props.get(LAST_FULL_RUN_KEY)).toBe('2026-11-25');
    (t.e.clock as unknown as { advance(ms: number): void }).advance(HOUR); // 04:30 LA: the sweep again, not the 6-hourly update
    expect(tick()).toEqual(['SWEEP']);
    (t.e.clock as unknown as { advance(ms: number): void }).advance(5 * HOUR); // 09:30 LA
    expect(tick()).toEqual(['PERFORMANCE', 'SWEEP']);
    expect(t.jobs.filter((j) => j.label === 'run_daily_automation')).toHaveLength(1);
    // Claims are script-wide, per dataset: another document on the same dataset finds them done.
    expect(JSON.parse(t.scriptProps.get(claimKey('of-scheduler-proj', 'eros_scheduling_brain', 'SWEEP'))!)).toEqual({ at: Date.parse('2026-11-25T17:30:00Z'), done: Date.parse('2026-11-25T17:30:00Z'), running: false });
  });

  it('continues a paused run before anything else, and does not throw when settings are bad', () => {
    const t = fakeGasEnv(['anna']);
    t.props.set(checkpointKey('DAILY'), '{damaged');
    // The damaged checkpoint is dropped; the tick goes on to the daily run.
    expect(dispatchAutomation(undefined, t.e).ran).toEqual(['DAILY']);
    expect(t.props.has(checkpointKey('DAILY'))).toBe(false);
    t.props.set('EROS_PROJECT', 'Not A Project');
    expect(dispatchAutomation(undefined, t.e)).toEqual({ ran: [], summaries: [] });
  });

  it('install and remove report what they did to this spreadsheet\'s trigger', () => {
    const t = fakeGasEnv(['anna']);
    expect(installAutomation(undefined, t.e)).toMatch(/^Automation installed: one hourly trigger for this spreadsheet/);
    expect(installAutomation(undefined, t.e)).toMatch(/^Automation already installed/);
    expect(t.triggers.list.map((x) => x.getHandlerFunction())).toEqual(['dispatchAutomation']);
    expect(removeAutomation(undefined, t.e)).toMatch(/^Automation removed: 1 trigger\(s\) of this spreadsheet deleted/);
    expect(t.triggers.list).toEqual([]);
  });
});
