// A page's data problems reach its reason without crowding it out.
import { MAX_REASON, withNote } from '../../../src/core/run/results';

describe('withNote', () => {
  it('appends the data note and keeps the whole within the reason limit', () => {
    expect(withNote('60 messages exported', '')).toBe('60 messages exported');
    expect(withNote('60 messages exported', 'mass_messages: 1 row(s)')).toBe('60 messages exported | data: mass_messages: 1 row(s)');
    const long = withNote('x'.repeat(400), 'y'.repeat(400));
    expect(long.length).toBeLessThanOrEqual(MAX_REASON);
    expect(long).toContain(' | data: yyy');
  });
});
