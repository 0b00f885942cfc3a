/**
 * Small fixtures shared by the reference evaluator and DuckDB: NULLs, empty and NULL arrays,
 * zero denominators, malformed rows, and sends on both sides of the LA DST changes
 * (2026-11-01 08:30/09:30 UTC are both 01:30 in LA; 2027-03-14 09:30 UTC is 01:30 PST and
 * 10:30 UTC is 03:30 PDT).
 */
import type { Row } from './duck';

const H = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/** Deterministic pseudo-random numbers (LCG) so fixtures never change between runs. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export const creators: Row[] = [
  { page_name: 'alpha', display_name: 'Alpha', is_active: true, page_type: 'paid', subscriber_count: 30000, active_fans_30d: 9000, joined_date: '2024-01-01', assigned_scheduler: 'sam' },
  { page_name: 'beta', display_name: null, is_active: true, page_type: 'free', subscriber_count: null, active_fans_30d: null, joined_date: null, assigned_scheduler: null },
  { page_name: 'gamma', display_name: 'Gamma', is_active: false, page_type: 'paid', subscriber_count: 100, active_fans_30d: 10, joined_date: '2023-05-05', assigned_scheduler: 'kim' },
  { page_name: 'delta', display_name: 'Delta', is_active: true, page_type: 'paid', subscriber_count: 80000, active_fans_30d: 20000, joined_date: '2026-10-01', assigned_scheduler: 'kim' },
];

/** Two more active pages with no history, restrictions or stats: only the per-page jitter tells their rankings apart. */
export const twinPages: Row[] = [
  { page_name: 'epsilon', display_name: 'Epsilon', is_active: true, page_type: 'paid', subscriber_count: 5000, active_fans_30d: 900, joined_date: '2026-09-01', assigned_scheduler: 'kim' },
  { page_name: 'zeta', display_name: 'Zeta', is_active: true, page_type: 'paid', subscriber_count: 5000, active_fans_30d: 900, joined_date: '2026-09-01', assigned_scheduler: 'kim' },
];

export const pageRestrictions: Row[] = [
  { page_name: 'alpha', restricted_categories: ['  BG ', null, ''], restricted_keywords: ['Shower'], price_floor: 5, price_ceiling: 40, updated_at: '2026-10-01T00:00:00Z' },
  { page_name: 'alpha', restricted_categories: ['solo'], restricted_keywords: [], price_floor: 1, price_ceiling: null, updated_at: '2026-09-01T00:00:00Z' },
  { page_name: 'beta', restricted_categories: ['\u00a0κος\n'], restricted_keywords: ['\u3000istanbul\t'], price_floor: -3, price_ceiling: null, updated_at: null },
];

export function massMessages(): Row[] {
  const rnd = lcg(7);
  const rows: Row[] = [];
  let n = 0;
  const add = (page: string | null, ms: number, extra: Partial<Row>): void => {
    n += 1;
    rows.push({
      message_id: `m${n}`, page_name: page, sending_time: iso(ms), message_type: 'PPV', caption_id: 1 + (n % 6),
      caption_text: null, price: 10 + (n % 4) * 5, sent_count: 4000, viewed_count: 1500, purchased_count: 60, earnings: 900, ...extra,
    });
  };
  // alpha: 3 PPVs a day for 40 days before 2026-11-10, hours 17/20/22 UTC plus the DST pair.
  const start = Date.parse('2026-10-01T00:00:00Z');
  for (let d = 0; d < 40; d++) {
    for (const hour of [17, 20, 22]) {
      const sent = 3000 + Math.floor(rnd() * 9000);
      const bought = Math.floor(sent * (0.005 + rnd() * 0.03));
      add('alpha', start + d * 24 * H + hour * H, {
        sent_count: sent, viewed_count: Math.floor(sent * 0.4), purchased_count: bought, earnings: Math.round(bought * 15 * 100) / 100,
      });
    }
    if (d % 5 === 0) add('alpha', start + d * 24 * H + 19 * H, { message_type: 'bump', price: null, earnings: null, purchased_count: null, caption_id: 20 });
  }
  add('alpha', Date.parse('2026-11-01T08:30:00Z'), {});
  add('alpha', Date.parse('2026-11-01T09:30:00Z'), { sent_count: 0, viewed_count: 0, purchased_count: 0, earnings: 0 });
  add('alpha', Date.parse('2027-03-14T09:30:00Z'), {});
  add('alpha', Date.parse('2027-03-14T10:30:00Z'), { caption_id: null, caption_text: 'Miss  me? ' });
  // beta: few, some malformed (skipped) and zero denominators.
  add('beta', Date.parse('2026-11-05T18:00:00Z'), { sent_count: 500, viewed_count: 0, purchased_count: 0, earnings: 0 });
  add('beta', Date.parse('2026-11-06T18:00:00Z'), { sent_count: -5 });
  add('beta', Date.parse('2026-11-06T19:00:00Z'), { purchased_count: 9000, sent_count: 100 });
  add('beta', Date.parse('2026-11-07T19:00:00Z'), { sent_count: null });
  add(null, Date.parse('2026-11-07T19:00:00Z'), {});
  add('beta', Date.parse('2026-11-08T03:00:00Z'), { message_type: ' ppv ', price: null, sent_count: 700, viewed_count: null, purchased_count: 7, earnings: null });
  // A PPV by its type only once GoogleSQL's TRIM has removed the newline and the tab.
  add('beta', Date.parse('2026-11-09T03:00:00Z'), { message_type: '\nPPV\t', price: null, sent_count: 800, viewed_count: 100, purchased_count: 8, earnings: 80 });
  add('gamma', Date.parse('2026-11-08T03:00:00Z'), {});
  return rows;
}

export const captionBank: Row[] = [
  { caption_id: 1, caption_text: 'New set tonight', caption_key: null, caption_type: 'PPV', content_category: 'solo', price_tier: 'MID', suggested_price: 15, has_urgency: false, psychological_trigger: 'curiosity', is_active: true, created_at: '2026-01-01T00:00:00Z' },
  { caption_id: 2, caption_text: 'Shower time, unlock now', caption_key: null, caption_type: 'PPV', content_category: 'tease', price_tier: 'LOW', suggested_price: 8, has_urgency: true, psychological_trigger: 'urgency', is_active: true, created_at: null },
  { caption_id: 3, caption_text: 'BG special', caption_key: null, caption_type: 'ppv', content_category: 'bg', price_tier: 'HIGH', suggested_price: 30, has_urgency: null, psychological_trigger: null, is_active: true, created_at: null },
  { caption_id: 4, caption_text: 'Premium custom', caption_key: null, caption_type: 'PPV', content_category: 'custom', price_tier: 'PREMIUM', suggested_price: 60, has_urgency: false, psychological_trigger: 'exclusivity', is_active: true, created_at: null },
  { caption_id: 5, caption_text: 'Cheap peek', caption_key: null, caption_type: 'PPV', content_category: 'tease', price_tier: 'LOW', suggested_price: 3, has_urgency: false, psychological_trigger: 'scarcity', is_active: true, created_at: null },
  { caption_id: 6, caption_text: 'No price yet', caption_key: null, caption_type: 'PPV', content_category: null, price_tier: null, suggested_price: null, has_urgency: false, psychological_trigger: null, is_active: true, created_at: null },
  { caption_id: 7, caption_text: 'Retired', caption_key: null, caption_type: 'PPV', content_category: 'solo', price_tier: 'MID', suggested_price: 12, has_urgency: false, psychological_trigger: null, is_active: false, created_at: null },
  { caption_id: 8, caption_text: 'Good morning', caption_key: null, caption_type: 'BUMP', content_category: 'tease', price_tier: null, suggested_price: null, has_urgency: false, psychological_trigger: 'reciprocity', is_active: true, created_at: null },
  { caption_id: 9, caption_text: 'Did you see my DM?', caption_key: null, caption_type: 'bump', content_category: null, price_tier: null, suggested_price: null, has_urgency: true, psychological_trigger: 'curiosity', is_active: true, created_at: null },
  { caption_id: 10, caption_text: 'Weekend vibes', caption_key: null, caption_type: 'BUMP', content_category: 'lingerie', price_tier: null, suggested_price: null, has_urgency: false, psychological_trigger: 'social_proof', is_active: true, created_at: null },
  { caption_id: 11, caption_text: 'Locked elsewhere', caption_key: null, caption_type: 'PPV', content_category: 'solo', price_tier: 'MID', suggested_price: 20, has_urgency: false, psychological_trigger: null, is_active: true, created_at: null },
  { caption_id: 12, caption_text: 'Fresh idea', caption_key: null, caption_type: 'PPV', content_category: 'lingerie', price_tier: 'MID', suggested_price: 18, has_urgency: false, psychological_trigger: null, is_active: true, created_at: null },
  // GoogleSQL's TRIM strips the tab and newline (a PPV); LOWER('İ') is 'i' + U+0307, so the text
  // does not contain beta's keyword 'istanbul'; LOWER('ΚΟΣ') ends in a final sigma: beta's category.
  { caption_id: 13, caption_text: 'İSTANBUL nights', caption_key: null, caption_type: '\tPPV\n', content_category: 'lingerie', price_tier: 'MID', suggested_price: 20, has_urgency: false, psychological_trigger: 'curiosity', is_active: true, created_at: null },
  { caption_id: 14, caption_text: 'Gift\u00a0for\u2028you', caption_key: null, caption_type: ' bump\r', content_category: 'ΚΟΣ', price_tier: null, suggested_price: null, has_urgency: false, psychological_trigger: 'reciprocity', is_active: true, created_at: null },
];

export const banditStats: Row[] = [
  { page_name: 'alpha', caption_id: 1, successes: 8, failures: 2, total_observations: 10, total_revenue: 500, avg_emv: 0.2, confidence_lower_bound: null, confidence_upper_bound: null, last_used: '2026-10-20T18:00:00Z', last_updated: '2026-11-01T00:00:00Z' },
  { page_name: 'alpha', caption_id: 1, successes: 1, failures: 1, total_observations: 2, total_revenue: 50, avg_emv: 0.1, confidence_lower_bound: null, confidence_upper_bound: null, last_used: null, last_updated: '2026-10-01T00:00:00Z' },
  { page_name: 'alpha', caption_id: 4, successes: 0, failures: 0, total_observations: 0, total_revenue: null, avg_emv: null, confidence_lower_bound: null, confidence_upper_bound: null, last_used: null, last_updated: '2026-11-02T00:00:00Z' },
  { page_name: 'delta', caption_id: 12, successes: 5, failures: 1, total_observations: 6, total_revenue: 80, avg_emv: 0.3, confidence_lower_bound: null, confidence_upper_bound: null, last_used: '2026-11-01T20:00:00Z', last_updated: '2026-11-03T00:00:00Z' },
  { page_name: 'beta', caption_id: 9, successes: 2, failures: 7, total_observations: 9, total_revenue: 0, avg_emv: 0, confidence_lower_bound: null, confidence_upper_bound: null, last_used: null, last_updated: '2024-01-01T00:00:00Z' },
];

export const locks: Row[] = [
  { assignment_id: 'sX:1', schedule_id: 'sX', page_name: 'delta', caption_id: 11, scheduled_send_time: '2026-11-18T20:00:00Z', scheduled_send_date: '2026-11-18', lock_window_end: '2026-11-25T20:00:00Z', locked_at: '2026-11-10T00:00:00Z', is_active: true, deactivated_at: null, deactivation_reason: null },
  { assignment_id: 'sY:1', schedule_id: 'sY', page_name: 'delta', caption_id: 10, scheduled_send_time: '2026-11-18T20:00:00Z', scheduled_send_date: '2026-11-18', lock_window_end: '2026-11-25T20:00:00Z', locked_at: '2026-11-10T00:00:00Z', is_active: false, deactivated_at: '2026-11-11T00:00:00Z', deactivation_reason: 'REPLACED' },
  { assignment_id: 'sZ:1', schedule_id: 'sZ', page_name: 'alpha', caption_id: 12, scheduled_send_time: '2026-11-18T20:00:00Z', scheduled_send_date: '2026-11-18', lock_window_end: '2026-11-25T20:00:00Z', locked_at: '2026-11-10T00:00:00Z', is_active: true, deactivated_at: null, deactivation_reason: null },
];

/**
 * Run log rows around 2026-11-10 12:00 UTC: runs of their own and steps (parent_run_id), every
 * status, a performance run's unmatched messages, one row outside the 7 days and one after as_of.
 */
type RunLogCells = [string, string, string, string, string, number | null, number | string | null, string | null, string | null];
export const runLog: Row[] = ([
  ['daily-20261110T110500000Z', '2026-11-10', 'DAILY', '2026-11-10T11:05:00Z', 'PARTIAL', 5, 2, null, null],
  ['daily_queue-20261110T110501000Z', '2026-11-10', 'DAILY_QUEUE', '2026-11-10T11:05:01Z', 'SUCCEEDED', null, null, 'daily-20261110T110500000Z', null],
  ['sweep-20261110T110501000Z', '2026-11-10', 'SWEEP', '2026-11-10T11:05:01Z', 'FAILED', null, null, 'daily_queue-20261110T110501000Z', 'boom'],
  ['sweep-20261109T100000000Z', '2026-11-09', 'SWEEP', '2026-11-09T10:00:00Z', 'SUCCEEDED', null, null, null, null],
  ['performance-20261108T060000000Z', '2026-11-07', 'PERFORMANCE', '2026-11-08T06:00:00Z', 'SUCCEEDED', null, '{"messages_processed":9,"unmatched_messages":4}', null, null],
  ['performance-20261108T120000000Z', '2026-11-08', 'PERFORMANCE', '2026-11-08T12:00:00Z', 'FAILED', null, null, null, 'Query error'],
  ['undo-20261105T180000000Z', '2026-11-05', 'UNDO', '2026-11-05T18:00:00Z', 'SUCCEEDED', 1, '{}', null, null],
  ['daily-20261101T110500000Z', '2026-11-01', 'DAILY', '2026-11-01T11:05:00Z', 'FAILED', 5, 5, null, 'old'],
  ['sweep-20261110T130000000Z', '2026-11-10', 'SWEEP', '2026-11-10T13:00:00Z', 'SUCCEEDED', null, null, null, null],
] as RunLogCells[]).map(([run_id, run_date, run_kind, started_at, status, pages_total, x, parent_run_id, error_message]) => ({
  run_id, run_date, run_kind, started_at, finished_at: started_at, status, pages_total,
  pages_generated: null, pages_skipped: null, pages_failed: typeof x === 'number' ? x : null,
  details: typeof x === 'string' ? x : null, parent_run_id, error_message,
}));

export const alerts: Row[] = [
  { alert_id: 'sweep-a:UNUSUAL_SWEEP_VOLUME', run_id: 'sweep-a', alert_date: '2026-11-09', raised_at: '2026-11-09T10:00:00Z', alert_kind: 'UNUSUAL_SWEEP_VOLUME', severity: 'WARNING', message: 'many', details: '{}' },
  { alert_id: 'perf-b:UNMATCHED_MESSAGES', run_id: 'perf-b', alert_date: '2026-11-07', raised_at: '2026-11-08T06:00:00Z', alert_kind: 'UNMATCHED_MESSAGES', severity: 'WARNING', message: '4 unmatched', details: null },
  { alert_id: 'old:UNMATCHED_MESSAGES', run_id: 'old', alert_date: '2026-11-01', raised_at: '2026-11-01T06:00:00Z', alert_kind: 'UNMATCHED_MESSAGES', severity: 'WARNING', message: 'old', details: null },
];
