// Pages planned in one run hold their captions for the later pages.
import { RunLocks } from '../../../../src/core/run/daily/run-locks';
import type { PagePlanLike, PlanSlot } from '../../../../src/core/run/plan-contract';

const slot = (captionId: number | null, iso: string): PlanSlot => ({
  slotIndex: 0, sendTime: new Date(iso), messageType: 'PPV', funnelStep: 'standalone', captionId, price: null, draw: null, reason: '',
});
const plan = (page: string, slots: PlanSlot[]): PagePlanLike => ({
  pageName: page, analysis: {}, captionTarget: 10, schedule: { scheduleId: `s_${page}`, pageName: page, weekStart: '2026-11-30', slots },
  validation: { valid: true, problems: [] }, gate: { export: true, light: 'GREEN', reason: '' },
});

describe('RunLocks', () => {
  it('gives a later page the locks on its candidates, windowed 7 days either side of the send', () => {
    const locks = new RunLocks();
    expect(locks.forCandidates([{ caption_id: 1 }])).toEqual([]);
    locks.add(plan('a', [slot(1, '2026-12-01T18:00:00Z'), slot(null, '2026-12-02T18:00:00Z'), slot(2, '2026-12-03T18:00:00Z')]));
    const got = locks.forCandidates([{ caption_id: 1 }, { caption_id: 1 }, { caption_id: 3 }]);
    expect(got).toEqual([{ captionId: 1, pageName: 'a', windowStart: new Date('2026-11-24T18:00:00Z'), windowEnd: new Date('2026-12-08T18:00:00Z') }]);
    expect(locks.forCandidates([{ caption_id: 2 }])).toHaveLength(1);
  });
});
