// The engine's seam as the run machinery sees it (src/core/plan.ts implements it). Declared
// structurally here so the orchestrator depends only on the fields it reads.
import type { Clock, RandomSource } from '../ports';
import type { PageOverrides } from '../overrides/schema';
import type { Light } from '../engine/config';
import type { Row } from './ports';

export interface PlanSlot {
  slotIndex: number;
  sendTime: Date;
  messageType: string;
  funnelStep: string;
  captionId: number | null;
  price: number | null;
  draw: number | null;
  reason: string;
}

export interface PlanHoliday {
  date: string;
  name: string;
  type: string;
  significance: string;
  saturationImpactFactor: number;
}

export interface PlanInputLike {
  analysisRow: Row;
  candidates: Row[];
  locks: Row[];
  overrides?: PageOverrides;
  holidays: PlanHoliday[];
  weekStart: string;
  scheduleId: string;
  cooldownDays?: number;
  contention?: ReadonlyMap<number, number>;
  preferHome?: boolean;
}

export interface PagePlanLike {
  pageName: string;
  analysis: { account_classification?: { size_tier?: string }; saturation?: { risk_level?: string } } & Record<string, unknown>;
  captionTarget: number;
  schedule: { scheduleId: string; pageName: string; weekStart: string; slots: PlanSlot[] };
  validation: { valid: boolean; problems: Array<{ rule: string; slotIndex?: number; message: string }> };
  gate: { export: boolean; light: Light; reason: string };
  /** Input rows the engine left out as invalid, for the page's reason. */
  notes?: string[];
}

export type PlanPageFn = (input: PlanInputLike, deps: { random: RandomSource; clock: Clock }) => PagePlanLike;
export type ScheduleIdFn = (pageName: string, weekStart: string, generationKey: string) => string;
