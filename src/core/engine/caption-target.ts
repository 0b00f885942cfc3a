// Caption target: how many distinct captions a page's week may draw from at most.
import { RISK_CONFIG, TIER_CONFIG, type RiskLevel, type SizeTier } from './config';

export const MIN_CAPTION_TARGET = 30;

/** max(30, floor(base[tier] × mult[risk])), the seed's formula. */
export function captionTarget(tier: SizeTier, risk: RiskLevel): number {
  // Round away float noise (80 × 0.9 = 72.00000000000001) before flooring.
  const raw = Math.round(TIER_CONFIG[tier].caption_base * RISK_CONFIG[risk].caption_multiplier * 1e9) / 1e9;
  return Math.max(MIN_CAPTION_TARGET, Math.floor(raw));
}
