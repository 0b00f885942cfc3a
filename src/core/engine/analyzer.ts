// Analyzer: one analysis row (sql/queries/page_analysis.sql) → the seed's JSON for the page plus
// its best Los Angeles hours. Validated with zod; tier and risk are recomputed from the config so a
// drifted SQL threshold shows up as a note rather than silently changing the plan.
import * as z from 'zod';
import {
  RISK_CONFIG, RISK_LEVELS, RISK_SCORE_THRESHOLDS, SIZE_TIERS, TIER_AUDIENCE_THRESHOLDS, TIER_CONFIG,
  type Light, type RiskLevel, type SizeTier,
} from './config';
import { formatIssues } from '../zod-format';

const num = z.coerce.number().refine(Number.isFinite, 'must be a finite number');
const nullableNum = z.preprocess((v) => (v === '' || v === undefined ? null : v), num.nullable());
const stringList = z.preprocess((v) => (v == null ? [] : v), z.array(z.string()));

export const AnalysisRowSchema = z.object({
  page_name: z.string().min(1, 'must not be empty'),
  avg_audience: num.pipe(z.number().min(0, 'must not be negative')),
  size_tier: z.enum(SIZE_TIERS),
  messages_analyzed: num.pipe(z.number().int().min(0)),
  saturation_score: num.pipe(z.number().min(0, 'must be 0 to 1').max(1, 'must be 0 to 1')),
  risk_level: z.enum(RISK_LEVELS),
  avg_emv: nullableNum.transform((v) => v ?? 0),
  avg_conversion_rate: nullableNum.transform((v) => v ?? 0),
  emv_trend_pct: nullableNum.optional().transform((v) => v ?? null),
  trend_direction: z.enum(['up', 'stable', 'down']),
  best_hours: z.preprocess((v) => (v == null ? [] : v), z.array(num.pipe(z.number().int().min(0).max(23)))),
  price_floor: nullableNum.optional().transform((v) => v ?? null),
  price_ceiling: nullableNum.optional().transform((v) => v ?? null),
  restricted_categories: stringList,
  restricted_keywords: stringList,
  median_emv: nullableNum.optional().transform((v) => v ?? null),
});
export type AnalysisRow = z.infer<typeof AnalysisRowSchema>;

// A type alias (not an interface) so it stays assignable to Record<string, unknown> contracts.
export type PageAnalysis = {
  account_classification: {
    size_tier: SizeTier;
    avg_audience: number;
    daily_ppv_target_min: number;
    daily_ppv_target_max: number;
    daily_bump_target: number;
    min_ppv_gap_minutes: number;
    saturation_tolerance: number;
  };
  saturation: {
    saturation_score: number;
    risk_level: RiskLevel;
    recommended_action: string;
    volume_adjustment_factor: number;
  };
  performance_trends: { avg_emv: number; avg_conversion_rate: number; trend_direction: 'up' | 'stable' | 'down' };
  best_hours: number[];
  light: Light;
  /** Disagreements between the SQL's labels and the config, for the run log. */
  notes: string[];
};

export function classifyTier(avgAudience: number, messagesAnalyzed: number, sqlSaysNew: boolean): SizeTier {
  // "Fewer than 7 days of history" is known only to the SQL, so its NEW is trusted.
  if (sqlSaysNew || messagesAnalyzed === 0) return 'NEW';
  const hit = TIER_AUDIENCE_THRESHOLDS.find((t) => avgAudience < t.below);
  return hit ? hit.tier : 'XL';
}

export function classifyRisk(score: number): RiskLevel {
  const hit = RISK_SCORE_THRESHOLDS.find((t) => score < t.below);
  return hit ? hit.risk : 'CRITICAL';
}

export function parseAnalysisRow(raw: unknown): AnalysisRow {
  const parsed = AnalysisRowSchema.safeParse(raw);
  if (!parsed.success) {
    const page = typeof raw === 'object' && raw !== null ? String((raw as Record<string, unknown>).page_name ?? '?') : '?';
    throw new Error(`analysis row for page "${page}": ${formatIssues(parsed.error)}`);
  }
  return parsed.data;
}

export function analyze(raw: unknown): PageAnalysis {
  const row = parseAnalysisRow(raw);
  const notes: string[] = [];
  const tier = classifyTier(row.avg_audience, row.messages_analyzed, row.size_tier === 'NEW');
  if (tier !== row.size_tier) notes.push(`size tier ${row.size_tier} from SQL, ${tier} by config; using ${tier}`);
  const risk = classifyRisk(row.saturation_score);
  if (risk !== row.risk_level) notes.push(`risk ${row.risk_level} from SQL, ${risk} by config; using ${risk}`);
  const t = TIER_CONFIG[tier];
  const r = RISK_CONFIG[risk];
  // Keep the SQL's order (best first) and drop repeats.
  const bestHours = row.best_hours.filter((h, i) => row.best_hours.indexOf(h) === i);
  return {
    account_classification: {
      size_tier: tier,
      avg_audience: row.avg_audience,
      daily_ppv_target_min: t.daily_ppv_target_min,
      daily_ppv_target_max: t.daily_ppv_target_max,
      daily_bump_target: t.daily_bump_target,
      min_ppv_gap_minutes: t.min_ppv_gap_minutes,
      saturation_tolerance: t.saturation_tolerance,
    },
    saturation: {
      saturation_score: row.saturation_score,
      risk_level: risk,
      recommended_action: r.recommended_action,
      volume_adjustment_factor: r.volume_adjustment_factor,
    },
    performance_trends: {
      avg_emv: row.avg_emv,
      avg_conversion_rate: row.avg_conversion_rate,
      trend_direction: row.trend_direction,
    },
    best_hours: bestHours,
    light: r.light,
    notes,
  };
}
