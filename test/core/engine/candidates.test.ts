// One invalid candidate row is dropped and named; the others are kept. The hand-checked
// fast path gives exactly what the schema gives.
import { CandidateRowSchema, parseCandidateRows, parseCandidates, parseLocks } from '../../../src/core/engine/candidates';

const row = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  page_name: 'luna', caption_id: 7, caption_text: 'hi', caption_type: 'PPV', content_category: null, price_tier: 'mid',
  suggested_price: 9.99, has_urgency: null, psychological_trigger: 'curiosity', successes: 3, failures: 1, avg_emv: null,
  last_used: new Date('2026-11-01T00:00:00Z'), global_successes: 0, global_failures: null, candidate_rank: 1, extra: 'x', ...over,
});

describe('parseCandidateRows', () => {
  it('keeps good rows and names each bad one with its row and caption', () => {
    const got = parseCandidateRows([row(), row({ caption_id: 9, caption_type: 'WEIRD' }), row({ caption_id: 10, successes: -5 })], 'luna');
    expect(got.candidates.map((c) => c.caption_id)).toEqual([7]);
    expect(got.rejected).toHaveLength(2);
    expect(got.rejected[0]).toMatch(/page "luna", row 2: caption_type: .*\(caption 9\)/);
    expect(got.rejected[1]).toMatch(/row 3: successes: must not be negative \(caption 10\)/);
  });

  it('the fast path equals the schema, and coercible rows still parse', () => {
    expect(parseCandidateRows([row()], 'luna').candidates[0]).toEqual(CandidateRowSchema.parse(row()));
    const text = row({ caption_id: '7', successes: '3', last_used: '2026-11-01T00:00:00Z', has_urgency: 'true' });
    expect(parseCandidateRows([text], 'luna').candidates[0]).toEqual({ ...CandidateRowSchema.parse(row()), has_urgency: true });
  });

  it('parseCandidates stays strict', () => {
    expect(() => parseCandidates([row({ caption_type: 'WEIRD' })], 'luna')).toThrow(/row 1: caption_type/);
  });
});

describe('parseLocks', () => {
  const typed = { captionId: 7, pageName: 'a', windowStart: new Date('2026-11-24T00:00:00Z'), windowEnd: new Date('2026-12-08T00:00:00Z') };
  it('takes the run\'s typed locks as they are and coerces warehouse rows', () => {
    expect(parseLocks([typed], 'b')).toEqual([typed]);
    expect(parseLocks([{ ...typed, captionId: '7', windowStart: '2026-11-24T00:00:00Z' }], 'b')).toEqual([typed]);
  });
  it('names a bad lock', () => {
    expect(() => parseLocks([typed, { ...typed, captionId: 'x' }], 'b')).toThrow(/caption lock for page "b", lock 2/);
    expect(() => parseLocks([{ ...typed, windowEnd: new Date(Number.NaN) }], 'b')).toThrow(/lock 1/);
  });
});
