import { analyze } from '../../../src/core/engine/analyzer';
import { analysisRow } from './fixtures';

it('turns the seed sample into the seed JSON (with realistic LARGE numbers) and best hours', () => {
  const a = analyze(analysisRow({ avg_audience: '45000', saturation_score: '0.45', risk_level: 'MODERATE', avg_emv: '42.5', best_hours: ['21', '20', 21, '9'] }));
  expect(a.account_classification).toEqual({
    size_tier: 'LARGE', avg_audience: 45000, daily_ppv_target_min: 4, daily_ppv_target_max: 6, daily_bump_target: 3,
    min_ppv_gap_minutes: 120, saturation_tolerance: 0.6,
  });
  expect(a.saturation).toEqual({ saturation_score: 0.45, risk_level: 'MODERATE', recommended_action: 'maintain_current_volume', volume_adjustment_factor: 0.9 });
  expect(a.performance_trends).toEqual({ avg_emv: 42.5, avg_conversion_rate: 0.045, trend_direction: 'stable' });
  expect(a.best_hours).toEqual([21, 20, 9]);
  expect(a.light).toBe('YELLOW');
  expect(a.notes).toEqual([]);
});

it('recomputes tier and risk and notes a disagreement with the SQL', () => {
  const a = analyze(analysisRow({ avg_audience: 80000, size_tier: 'LARGE', saturation_score: 0.85, risk_level: 'HIGH' }));
  expect(a.account_classification.size_tier).toBe('XL');
  expect(a.saturation.risk_level).toBe('CRITICAL');
  expect(a.light).toBe('RED');
  expect(a.notes).toHaveLength(2);
});

it('accepts NULLs where the SQL allows them and rejects bad values by field', () => {
  expect(analyze(analysisRow({ best_hours: null, restricted_keywords: null, median_emv: null, avg_emv: null })).best_hours).toEqual([]);
  expect(() => analyze(analysisRow({ risk_level: 'MEH' }))).toThrow(/page "luna_vip": risk_level/);
  expect(() => analyze(analysisRow({ best_hours: [25] }))).toThrow(/best_hours\.0/);
  expect(() => analyze(analysisRow({ saturation_score: 1.5 }))).toThrow(/saturation_score: must be 0 to 1/);
});
