import fc from 'fast-check';
import { DEFAULT_SETTINGS, loadSettings, saveSettings, SETTING_KEYS } from '../../../src/core/run/settings';
import { addDays, laDate, nextWeekStart } from '../../../src/core/la-time';
import { scheduleTabName, scheduleTable, SCHEDULE_LIGHT_COLUMN } from '../../../src/core/run/tabs';
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

describe('run dates (America/Los_Angeles)', () => {
  it('uses the LA date, not the UTC one', () => {
    // 2026-11-30 06:30 UTC is Sunday 22:30 in LA: next week starts the next day.
    expect(laDate(new Date('2026-11-30T06:30:00Z'))).toBe('2026-11-29');
    expect(nextWeekStart(new Date('2026-11-30T06:30:00Z'))).toBe('2026-11-30');
    // A Monday run plans the following Monday.
    expect(nextWeekStart(new Date('2026-11-30T11:05:00Z'))).toBe('2026-12-07');
  });
  it('is right across DST changes', () => {
    expect(nextWeekStart(new Date('2026-11-01T10:05:00Z'))).toBe('2026-11-02'); // Sun 03:05 PST, fall back day
    expect(nextWeekStart(new Date('2027-03-14T10:05:00Z'))).toBe('2027-03-15'); // Sun 03:05 PDT, spring forward day
    expect(addDays('2027-03-08', 7)).toBe('2027-03-15');
  });
  it('always gives a Monday 1–7 days after the LA date (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2024-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), (d) => {
        const ws = nextWeekStart(d);
        expect(new Date(`${ws}T12:00:00Z`).getUTCDay()).toBe(1);
        const gap = (Date.parse(`${ws}T00:00:00Z`) - Date.parse(`${laDate(d)}T00:00:00Z`)) / 86_400_000;
        expect(gap).toBeGreaterThanOrEqual(1);
        expect(gap).toBeLessThanOrEqual(7);
      }),
    );
  });
});

describe('tabs', () => {
  it('sanitizes tab names', () => {
    expect(scheduleTabName('anna [vip]: a/b\\c*?')).toBe('anna _vip__ a_b_c__');
    expect(scheduleTabName('Overview')).toBe('Overview (page)');
    expect(scheduleTabName('  ')).toBe('page');
    expect(scheduleTabName('x'.repeat(150))).toHaveLength(100);
  });
  it('never yields a forbidden, empty, reserved or over-long name (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (name) => {
        const t = scheduleTabName(name);
        expect(t.length).toBeGreaterThan(0);
        expect(t.length).toBeLessThanOrEqual(100);
        expect(t).not.toMatch(/[[\]*?:/\\]/);
        expect(['overview', 'runs', 'health', 'overrides', 'settings']).not.toContain(t.toLowerCase());
      }),
    );
  });
  it('orders schedule rows by slot and keeps the light column', () => {
    const row = (slot: number) => ({ page_name: 'p', schedule_id: 's', slot_index: slot, local_date: '2026-11-30', local_time: `1${slot}:05`, saturation_light: 'YELLOW', price: 12.5 });
    const t = scheduleTable([row(2), row(0), row(1)]);
    expect(t.rows.map((r) => r[2])).toEqual(['10:05', '11:05', '12:05']);
    expect(t.rows[0]![SCHEDULE_LIGHT_COLUMN]).toBe('YELLOW');
    expect(t.header).toHaveLength(t.rows[0]!.length);
    expect(t.numberFormats).toHaveLength(t.header.length);
  });
});
