import { DEFAULT_SETTINGS, SETTING_KEYS, loadSettings } from '../../../src/core/run/settings';
import { createSettingsServer } from '../../../src/gas/ui/settings-dialog';
import { memoryStore } from '../fakes/settings-memory-store';

const good = { project: 'acme-sched-01', dataset: 'eros_brain', location: 'us-central1', maximumBytesBilled: 5e9, weekStart: 'MONDAY' };

describe('settings dialog server functions', () => {
  it('shows the defaults when nothing is stored', () => {
    const server = createSettingsServer(() => memoryStore());
    expect(server.getSettingsForDialog()).toEqual({ settings: DEFAULT_SETTINGS, defaults: DEFAULT_SETTINGS, problem: null });
  });

  it('saves valid settings where the run reads them', () => {
    const store = memoryStore();
    const server = createSettingsServer(() => store);
    expect(server.saveSettingsFromDialog(good)).toEqual({ ok: true, saved: good });
    expect(loadSettings(store)).toEqual(good);
    expect(server.getSettingsForDialog().settings).toEqual(good);
    expect(server.saveSettingsFromDialog({ ...good, project: 'example.com:acme-sched' })).toMatchObject({ ok: true });
  });

  it.each([
    ['project', 'Acme'], ['project', 'a-b'], ['project', 'ends-with-dash-'], ['dataset', '1abc'], ['dataset', 'has-dash'],
    ['location', 'u'], ['location', 'us central'], ['maximumBytesBilled', 999_999], ['maximumBytesBilled', 1e13 + 1],
    ['maximumBytesBilled', 1.5e6 + 0.5], ['maximumBytesBilled', '5000000'], ['weekStart', 'SUNDAY'],
  ])('rejects %s = %p with an error on that field and stores nothing', (field, value) => {
    const store = memoryStore();
    const result = createSettingsServer(() => store).saveSettingsFromDialog({ ...good, [field]: value });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual([field]);
    expect(store.data.size).toBe(0);
  });

  it('rejects unknown keys and non-objects as form errors', () => {
    const server = createSettingsServer(() => memoryStore());
    expect(server.saveSettingsFromDialog({ ...good, projekt: 'x' })).toEqual({ ok: false, errors: [expect.objectContaining({ field: 'form' })] });
    expect(server.saveSettingsFromDialog('nope')).toEqual({ ok: false, errors: [expect.objectContaining({ field: 'form' })] });
  });

  it('shows a broken stored value as it is, with the reason, so it can be fixed', () => {
    const store = memoryStore({ [SETTING_KEYS.dataset]: 'bad-dataset', [SETTING_KEYS.project]: 'acme-sched-01' });
    const data = createSettingsServer(() => store).getSettingsForDialog();
    expect(data.settings).toMatchObject({ dataset: 'bad-dataset', project: 'acme-sched-01', location: 'US' });
    expect(data.problem).toMatch(/dataset/);
  });
});
