import { DEFAULT_SETTINGS, loadSettings, saveSettings, SETTING_KEYS } from '../../../src/core/run/settings';
import { MemoryStore } from './fakes';

describe('settings', () => {
  it('defaults when nothing is stored', () => {
    expect(loadSettings(new MemoryStore())).toEqual({
      project: 'of-scheduler-proj', dataset: 'eros_scheduling_brain', location: 'US', maximumBytesBilled: 10737418240, weekStart: 'MONDAY',
    });
  });
  it('reads stored values and accepts domain-scoped projects', () => {
    const s = new MemoryStore();
    s.set(SETTING_KEYS.project, 'example.com:agency-prod');
    s.set(SETTING_KEYS.dataset, 'eros_prod');
    s.set(SETTING_KEYS.location, 'us-central1');
    s.set(SETTING_KEYS.maximumBytesBilled, ' 5000000 ');
    expect(loadSettings(s)).toMatchObject({ project: 'example.com:agency-prod', dataset: 'eros_prod', location: 'us-central1', maximumBytesBilled: 5_000_000 });
  });
  it.each([
    ['project', 'Bad_Project', /project \(property EROS_PROJECT\): must be a Google Cloud project id/],
    ['dataset', 'eros-prod', /dataset \(property EROS_DATASET\): must be letters/],
    ['location', 'u', /location \(property EROS_LOCATION\)/],
    ['maximumBytesBilled', '1e20', /maximumBytesBilled \(property EROS_MAX_BYTES_BILLED\)/],
    ['maximumBytesBilled', '0', /must be positive/],
    ['maximumBytesBilled', '20000000000000', /at most 10\^13/],
  ] as const)('names the bad setting %s=%s', (key, value, message) => {
    const s = new MemoryStore();
    s.set(SETTING_KEYS[key], value);
    expect(() => loadSettings(s)).toThrow(message);
  });
  it('saves only valid settings', () => {
    const s = new MemoryStore();
    expect(() => saveSettings(s, { dataset: 'a.b' })).toThrow(/dataset/);
    expect(s.map.size).toBe(0);
    saveSettings(s, { dataset: 'x1' });
    expect(loadSettings(s)).toEqual({ ...DEFAULT_SETTINGS, dataset: 'x1' });
  });
});
