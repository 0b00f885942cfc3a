// The one seam for the orchestrator: analysis row + candidates + locks + overrides → a page's
// validated, gated week.
import * as z from 'zod';
import { analyze, parseAnalysisRow, type PageAnalysis } from './analyzer';
import { thompson, type Policy } from './bandit/policies';
import { captionTarget as computeCaptionTarget } from './caption-target';
import { parseCandidateRows, parseLocks } from './candidates';
import { ENGINE_CONFIG, type Light } from './config';
import { PageOverridesSchema, type PageOverrides } from '../overrides/schema';
import type { Clock, RandomSource } from '../ports';
import { assignCaptions, type Schedule } from './schedule';
import { selectCaptions, type Exclusion, type SelectionRules } from './selector';
import { exportGate, validateSchedule, type Problem } from './validation';
import { buildWeekFrame, type DayPlan, type Holiday } from './week-builder';
import { weekWindow } from '../la-time';
import { formatIssues } from '../zod-format';

export { scheduleIdFor } from '../hash';

export interface PlanInput {
  analysisRow: unknown;
  candidates: unknown[];
  locks: unknown[];
  overrides?: PageOverrides;
  holidays: Holiday[];
  weekStart: string;
  scheduleId: string;
  cooldownDays?: number;
  /** Caption id → pages of this run's batch that have it as a candidate (see selector). */
  contention?: ReadonlyMap<number, number>;
  /** The run plans several pages: prefer the captions dealt to this one (see selector). */
  preferHome?: boolean;
}

export interface PagePlan {
  pageName: string;
  analysis: PageAnalysis;
  captionTarget: number;
  schedule: Schedule;
  validation: { valid: boolean; problems: Problem[] };
  gate: { export: boolean; light: Light; reason: string };
  /** Per-day bounds and counts, captions left out and why, slots that found no caption. */
  days: DayPlan[];
  exclusions: Exclusion[];
  dropped: string[];
  /** Input rows left out as invalid (each named once), for the page's reason. */
  notes: string[];
}

const HolidaySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-25'),
  name: z.string(),
  type: z.string(),
  significance: z.string(),
  saturationImpactFactor: z.coerce.number().min(0).max(3),
});

export function planPage(input: PlanInput, deps: { random: RandomSource; clock: Clock; policy?: Policy }): PagePlan {
  const row = parseAnalysisRow(input.analysisRow);
  const page = row.page_name;
  if (!/^\S+/.test(input.scheduleId)) throw new Error(`page "${page}": schedule id must not be empty`);
  const ov = input.overrides === undefined ? undefined : PageOverridesSchema.safeParse(input.overrides);
  if (ov && !ov.success) throw new Error(`overrides for page "${page}": ${formatIssues(ov.error)}`);
  const overrides = ov?.data;
  const holidays = input.holidays.map((h, i) => {
    const p = HolidaySchema.safeParse(h);
    if (!p.success) throw new Error(`holiday ${i + 1}: ${formatIssues(p.error)}`);
    return p.data;
  });
  // One bad candidate row is dropped and reported, never fails the page.
  const parsed = parseCandidateRows(input.candidates, page);
  const candidates = parsed.candidates.filter((c) => c.page_name === page);
  const notes = parsed.rejected.length === 0 ? [] : [`${parsed.rejected.length} invalid caption candidate row(s) dropped: ${parsed.rejected.slice(0, 2).map((m) => m.replace(/^caption candidate row for page ".*?", /, '')).join('; ')}`];
  const locks = parseLocks(input.locks, page);
  const analysis = analyze(row);
  const target = computeCaptionTarget(analysis.account_classification.size_tier, analysis.saturation.risk_level);
  const frame = buildWeekFrame(analysis, overrides, holidays, input.weekStart, deps.random);
  const rules: SelectionRules = {
    pageName: page,
    restrictedCategories: [...row.restricted_categories, ...(overrides?.excludedCategories ?? [])],
    restrictedKeywords: row.restricted_keywords,
    priceFloor: overrides?.priceFloor ?? row.price_floor,
    priceCeiling: overrides?.priceCeiling ?? row.price_ceiling,
    week: weekWindow(input.weekStart),
    cooldownDays: input.cooldownDays ?? ENGINE_CONFIG.cooldownDays,
    locks,
    ...(input.contention ? { contention: input.contention } : {}),
    ...(input.preferHome ? { preferHome: true } : {}),
  };
  const need = {
    PPV: frame.times.filter((t) => t.messageType === 'PPV').length,
    BUMP: frame.times.filter((t) => t.messageType !== 'PPV').length,
  };
  const { picks, exclusions, alternates } = selectCaptions(candidates, rules, need, target, deps.policy ?? thompson, deps.random);
  const { slots, dropped } = assignCaptions(frame.times, picks, alternates);
  const schedule: Schedule = { scheduleId: input.scheduleId, pageName: page, weekStart: input.weekStart, slots };
  const validation = validateSchedule(schedule, {
    expectedScheduleId: input.scheduleId, frame, rules, candidates: new Map(candidates.map((c) => [c.caption_id, c])),
  });
  const gate = exportGate(validation.valid, analysis.light, validation.problems.length);
  return { pageName: page, analysis, captionTarget: target, schedule, validation, gate, days: frame.days, exclusions, dropped, notes };
}
