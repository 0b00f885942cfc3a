import { resumeDailyAutomation, runDailyAutomation } from '../../src/gas/automation';
import { defaultEnv } from '../../src/gas/env';
import { checkpointKey } from '../../src/core/run/daily/checkpoint';
import { fakeGasEnv, withUtilitiesBlob } from './fakes/gas-env';

withUtilitiesBlob();

describe('trigger entry points over the BigQuery adapter', () => {
  it('runs the daily automation with settings from the settings store', () => {
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
  });

  it('refuses to run on a bad setting, naming it, before any job', () => {
    const t = fakeGasEnv(['anna']);
    t.props.set('EROS_PROJECT', 'Not A Project');
    expect(() => runDailyAutomation(undefined, t.e)).toThrow(/project \(property EROS_PROJECT\)/);
    expect(t.jobs).toHaveLength(0);
  });

  it('the resume entry point clears spent follow-ups and continues only stored runs', () => {
    const t = fakeGasEnv(['anna']);
    t.triggers.newTrigger('resumeDailyAutomation').timeBased();
    t.triggers.list.push({ getHandlerFunction: () => 'resumeDailyAutomation' });
    expect(resumeDailyAutomation(undefined, t.e)).toEqual([]);
    expect(t.triggerLog).toEqual(['delete resumeDailyAutomation']);
    expect(t.jobs).toHaveLength(0);
  });

  it('says clearly when the BigQuery advanced service is not enabled', () => {
    expect(() => defaultEnv()).toThrow(/BigQuery advanced service is not enabled/);
  });
});
