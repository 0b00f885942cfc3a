import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { scheduleIdFor, sha256Hex } from '../../src/core/hash';

describe('sha256Hex and scheduleIdFor', () => {
  it('agrees with Node crypto on any text, including non-ASCII', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 150 }), (s) => {
      expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    }), { numRuns: 200 });
  });
  it('known vector', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('schedule ids are deterministic and differ per page, week and generation', () => {
    const id = scheduleIdFor('luna_vip', '2026-11-30', 'run-1');
    expect(id).toMatch(/^sch_[0-9a-f]{20}$/);
    expect(scheduleIdFor('luna_vip', '2026-11-30', 'run-1')).toBe(id);
    expect(scheduleIdFor('luna_vip', '2026-12-07', 'run-1')).not.toBe(id);
    expect(scheduleIdFor('luna_vip', '2026-11-30', 'run-2')).not.toBe(id);
    expect(scheduleIdFor('nova', '2026-11-30', 'run-1')).not.toBe(id);
  });
});
