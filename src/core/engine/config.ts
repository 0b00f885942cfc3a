// The engine's tables in one place. Tier thresholds, per-tier limits (TIER_CONFIG except
// caption_base), risk thresholds, actions and factors mirror the table functions
// classify_account_size and analyze_saturation_status (test/core/engine/config.test.ts compares the
// SQL texts, test/sql/parity.test.ts evaluates the SQL and its twin); everything else is a
// scheduling policy decision, documented beside it.

export const SIZE_TIERS = ['NEW', 'SMALL', 'MEDIUM', 'LARGE', 'XL'] as const;
export type SizeTier = (typeof SIZE_TIERS)[number];

export const RISK_LEVELS = ['HEALTHY', 'LOW', 'MODERATE', 'HIGH', 'CRITICAL'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export type Light = 'GREEN' | 'YELLOW' | 'RED';

/**
 * Tier by average audience (upper bounds, exclusive), as in the SQL. NEW is decided first: fewer
 * than NEW_TIER_MIN_HISTORY_DAYS of history, or no messages analyzed.
 */
export const NEW_TIER_MIN_HISTORY_DAYS = 7;
export const TIER_AUDIENCE_THRESHOLDS: ReadonlyArray<{ tier: Exclude<SizeTier, 'NEW'>; below: number }> = [
  { tier: 'SMALL', below: 5_000 },
  { tier: 'MEDIUM', below: 20_000 },
  { tier: 'LARGE', below: 75_000 },
  { tier: 'XL', below: Number.POSITIVE_INFINITY },
];

/** Risk by saturation score (upper bounds, exclusive), as in the SQL. */
export const RISK_SCORE_THRESHOLDS: ReadonlyArray<{ risk: RiskLevel; below: number }> = [
  { risk: 'HEALTHY', below: 0.2 },
  { risk: 'LOW', below: 0.4 },
  { risk: 'MODERATE', below: 0.6 },
  { risk: 'HIGH', below: 0.8 },
  { risk: 'CRITICAL', below: Number.POSITIVE_INFINITY },
];

export interface TierConfig {
  daily_ppv_target_min: number;
  daily_ppv_target_max: number;
  daily_bump_target: number;
  min_ppv_gap_minutes: number;
  /** Saturation score the tier absorbs before volume is cut a further step (see builder). */
  saturation_tolerance: number;
  /** Caption target base before the risk multiplier. */
  caption_base: number;
}

/**
 * Per tier. The seed's sample (LARGE: 8–12 PPVs a day, 120 min apart) needs 16–24 hours of
 * sending a day, impossible inside waking hours; these ranges fit in the default 08:00–24:00 window
 * with room for teasers, follow-ups and bumps, and bigger pages send more often and closer together.
 */
export const TIER_CONFIG: Readonly<Record<SizeTier, TierConfig>> = {
  NEW: { daily_ppv_target_min: 1, daily_ppv_target_max: 2, daily_bump_target: 1, min_ppv_gap_minutes: 240, saturation_tolerance: 0.3, caption_base: 30 },
  SMALL: { daily_ppv_target_min: 2, daily_ppv_target_max: 3, daily_bump_target: 2, min_ppv_gap_minutes: 180, saturation_tolerance: 0.4, caption_base: 40 },
  MEDIUM: { daily_ppv_target_min: 3, daily_ppv_target_max: 5, daily_bump_target: 3, min_ppv_gap_minutes: 150, saturation_tolerance: 0.5, caption_base: 60 },
  LARGE: { daily_ppv_target_min: 4, daily_ppv_target_max: 6, daily_bump_target: 3, min_ppv_gap_minutes: 120, saturation_tolerance: 0.6, caption_base: 80 },
  XL: { daily_ppv_target_min: 5, daily_ppv_target_max: 8, daily_bump_target: 4, min_ppv_gap_minutes: 90, saturation_tolerance: 0.7, caption_base: 100 },
};

export interface RiskConfig {
  recommended_action: string;
  volume_adjustment_factor: number;
  caption_multiplier: number;
  /**
   * Traffic light: HEALTHY/LOW → GREEN (send normally), MODERATE/HIGH → YELLOW (volume already
   * reduced by the factor), CRITICAL → RED (the schedule is built for review but never exported).
   */
  light: Light;
}

export const RISK_CONFIG: Readonly<Record<RiskLevel, RiskConfig>> = {
  HEALTHY: { recommended_action: 'increase_volume', volume_adjustment_factor: 1.1, caption_multiplier: 1.2, light: 'GREEN' },
  LOW: { recommended_action: 'maintain_current_volume', volume_adjustment_factor: 1.0, caption_multiplier: 1.0, light: 'GREEN' },
  MODERATE: { recommended_action: 'maintain_current_volume', volume_adjustment_factor: 0.9, caption_multiplier: 0.9, light: 'YELLOW' },
  HIGH: { recommended_action: 'reduce_volume', volume_adjustment_factor: 0.75, caption_multiplier: 0.75, light: 'YELLOW' },
  CRITICAL: { recommended_action: 'pause_ppv', volume_adjustment_factor: 0.5, caption_multiplier: 0.5, light: 'RED' },
};

/**
 * A week never holds more messages than this (validated). At most 17 PPVs fit a day at the
 * smallest gap (90 min), plus two funnel steps and four bumps: 161 a week. Schedule tabs are
 * written as a block of this many rows, which overwrites any earlier week without clearing it.
 */
export const MAX_WEEK_MESSAGES = 200;

/** Engine policy knobs that are not per tier or per risk. */
export const ENGINE_CONFIG = {
  /** Allowed LA send hours when the page has no override: start <= hour < end. */
  defaultAllowedHours: { start: 8, end: 24 },
  /**
   * A caption this page sent within this many days before the week start is skipped. The daily
   * run sends the same number to caption_candidates (RUN_DEFAULTS) and the simulator plans with it.
   */
  cooldownDays: 14,
  /** Volume is cut by this factor when the saturation score passes the tier's tolerance. */
  overToleranceFactor: 0.85,
  /** Share of each type's picks held for captions this page has never sent. */
  explorationShare: 0.15,
  /** Hard caps: at most this share of a week's picks from one category / one trigger. */
  categoryCapShare: 0.4,
  triggerCapShare: 0.4,
  /** A draw is divided by 1 + this × (other pages of the batch that have the caption as a candidate). */
  contentionPenalty: 0.5,
  /** In a run of several pages, a caption dealt to another page is drawn at 1 / (1 + this). */
  homePenalty: 0.5,
  /** Budget penalty: every earlier pick in the same category lowers a score by this share. */
  categoryBudgetPenalty: 0.06,
  /** Pseudo-observations borrowed from the caption's record on other pages (cold start). */
  priorStrength: 8,
  /** Pseudo-observations of a caption group's base prior (2 at rate 0.5 is Beta(1, 1)). */
  basePriorStrength: 2,
  /** Pseudo-observations of the price guess in a group's base rate (see groupBaseRate). */
  priceGuessWeight: 8,
  /**
   * Thompson draws from the posterior with its pseudo-counts multiplied by this (1 = textbook).
   * A page sends each caption only a few times a quarter out of a bank of hundreds, so information
   * is worth little and the textbook posterior over-explores; bench/bandit.ts measures the effect.
   */
  thompsonSharpness: 8,
  /** Audience fatigue: Thompson scores of captions the page sent within fatigueDays are scaled by this. */
  fatiguePenalty: 0.85,
  fatigueDays: 28,
  /** Funnel: a teaser this long before the day's lead PPV, a follow-up this long after it. */
  teaserLeadMinutes: 40,
  followUpDelayMinutes: 75,
  /** Bumps keep at least this far from any PPV. */
  bumpClearanceMinutes: 30,
  /** Prices when a PPV caption has no suggested price. */
  tierPrices: { LOW: 9.99, MID: 14.99, HIGH: 24.99, PREMIUM: 39.99 } as Readonly<Record<string, number>>,
  defaultPrice: 14.99,
} as const;
