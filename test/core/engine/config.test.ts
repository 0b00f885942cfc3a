import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { captionTarget } from '../../../src/core/engine/caption-target';
import { classifyRisk, classifyTier } from '../../../src/core/engine/analyzer';
import { NEW_TIER_MIN_HISTORY_DAYS, RISK_CONFIG, RISK_LEVELS, RISK_SCORE_THRESHOLDS, SIZE_TIERS, TIER_AUDIENCE_THRESHOLDS, TIER_CONFIG } from '../../../src/core/engine/config';

describe('caption target = max(30, floor(base[tier] × mult[risk]))', () => {
  const expected: Record<string, Record<string, number>> = {
    NEW: { HEALTHY: 36, LOW: 30, MODERATE: 30, HIGH: 30, CRITICAL: 30 },
    SMALL: { HEALTHY: 48, LOW: 40, MODERATE: 36, HIGH: 30, CRITICAL: 30 },
    MEDIUM: { HEALTHY: 72, LOW: 60, MODERATE: 54, HIGH: 45, CRITICAL: 30 },
    LARGE: { HEALTHY: 96, LOW: 80, MODERATE: 72, HIGH: 60, CRITICAL: 40 },
    XL: { HEALTHY: 120, LOW: 100, MODERATE: 90, HIGH: 75, CRITICAL: 50 },
  };
  for (const tier of SIZE_TIERS) {
    for (const risk of RISK_LEVELS) {
      it(`${tier} × ${risk} → ${expected[tier]?.[risk]}`, () => {
        expect(captionTarget(tier, risk)).toBe(expected[tier]?.[risk]);
      });
    }
  }
});

describe('tier and risk thresholds', () => {
  it('classifies audiences at the boundaries', () => {
    expect(classifyTier(4999, 10, false)).toBe('SMALL');
    expect(classifyTier(5000, 10, false)).toBe('MEDIUM');
    expect(classifyTier(19999.9, 10, false)).toBe('MEDIUM');
    expect(classifyTier(20000, 10, false)).toBe('LARGE');
    expect(classifyTier(75000, 10, false)).toBe('XL');
    expect(classifyTier(90000, 0, false)).toBe('NEW');
    expect(classifyTier(90000, 50, true)).toBe('NEW');
  });
  it('classifies saturation scores at the boundaries', () => {
    expect([0, 0.19, 0.2, 0.39, 0.4, 0.59, 0.6, 0.79, 0.8, 1].map(classifyRisk)).toEqual([
      'HEALTHY', 'HEALTHY', 'LOW', 'LOW', 'MODERATE', 'MODERATE', 'HIGH', 'HIGH', 'CRITICAL', 'CRITICAL',
    ]);
  });
  it('maps risk to lights: HEALTHY/LOW green, MODERATE/HIGH yellow, CRITICAL red', () => {
    expect(RISK_LEVELS.map((r) => RISK_CONFIG[r].light)).toEqual(['GREEN', 'GREEN', 'YELLOW', 'YELLOW', 'RED']);
  });
  it('every tier fits its maximum PPVs inside the default 16-hour window', () => {
    for (const t of SIZE_TIERS) {
      const c = TIER_CONFIG[t];
      expect((c.daily_ppv_target_max - 1) * c.min_ppv_gap_minutes).toBeLessThanOrEqual(16 * 60 - 60);
    }
  });

  // Parity with the table functions that compute the same labels in BigQuery.
  const sqlDir = join(__dirname, '../../../sql/table_functions');
  const sizeSql = join(sqlDir, 'classify_account_size.sql');
  const satSql = join(sqlDir, 'analyze_saturation_status.sql');
  (existsSync(sizeSql) ? it : it.skip)('tier thresholds match classify_account_size.sql', () => {
    const sql = readFileSync(sizeSql, 'utf8');
    for (const t of TIER_AUDIENCE_THRESHOLDS.filter((x) => Number.isFinite(x.below))) {
      expect(sql).toMatch(new RegExp(`avg_audience < ${t.below} THEN '${TIER_AUDIENCE_THRESHOLDS[TIER_AUDIENCE_THRESHOLDS.indexOf(t)]?.tier}'`));
    }
    expect(sql).toMatch(new RegExp(`history_days < ${NEW_TIER_MIN_HISTORY_DAYS} THEN 'NEW'`));
  });
  // Every per-tier number of the limits table, in the GoogleSQL and in its DuckDB twin (the twin's
  // answers are also evaluated against TIER_CONFIG in test/sql/parity.test.ts).
  const limitRows = (text: string, row: RegExp): Record<string, number[]> => Object.fromEntries(
    [...text.replace(/\s+AS\s+\w+/g, '').replace(/::\w+/g, '').matchAll(row)].map((m) => [m[1] as string, m.slice(2).map(Number)]),
  );
  const engineLimits = Object.fromEntries(SIZE_TIERS.map((t) => {
    const c = TIER_CONFIG[t];
    return [t, [c.daily_ppv_target_min, c.daily_ppv_target_max, c.daily_bump_target, c.min_ppv_gap_minutes, c.saturation_tolerance]];
  }));
  const NUM = '\\s*([\\d.]+)\\s*';
  (existsSync(sizeSql) ? it : it.skip)('per-tier daily PPV min/max, bump target, gap and tolerance match classify_account_size.sql', () => {
    const rows = limitRows(readFileSync(sizeSql, 'utf8'), new RegExp(`STRUCT\\('(\\w+)',${NUM},${NUM},${NUM},${NUM},${NUM}\\)`, 'g'));
    expect(rows).toEqual(engineLimits);
  });
  const twinSql = join(__dirname, '../../../local/warehouse/twins/table_functions/classify_account_size.sql');
  (existsSync(twinSql) ? it : it.skip)('… and its DuckDB twin', () => {
    const rows = limitRows(readFileSync(twinSql, 'utf8'), new RegExp(`\\('(\\w+)',${NUM},${NUM},${NUM},${NUM},${NUM}\\)`, 'g'));
    expect(rows).toEqual(engineLimits);
  });
  (existsSync(satSql) ? it : it.skip)('risk thresholds, actions and volume factors match analyze_saturation_status.sql', () => {
    const sql = readFileSync(satSql, 'utf8');
    for (const r of RISK_SCORE_THRESHOLDS) {
      const cfg = RISK_CONFIG[r.risk];
      const when = Number.isFinite(r.below) ? `WHEN saturation_score < ${r.below} THEN` : 'ELSE';
      expect(sql).toContain(`${when} '${r.risk}'`);
      const factor = cfg.volume_adjustment_factor.toFixed(2);
      expect(sql).toContain(`${when} ${factor}`);
      expect(sql).toContain(`'${cfg.recommended_action}'`);
    }
  });
});
