import fc from 'fast-check';
import { scheduleTabName, scheduleTable, SCHEDULE_LIGHT_COLUMN } from '../../../src/core/run/tabs';

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
