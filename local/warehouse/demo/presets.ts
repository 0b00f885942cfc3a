// Warehouse presets. `demo` is realistic in volume per page; `medium` and `large` are load tests
// whose per-page daily volume is scaled up to reach their message counts.
import * as z from 'zod';

export interface Preset {
  pages: number;
  captions: number;
  /** Days of history ending at the end date. */
  days: number;
  /** Target number of mass messages (undefined: whatever the realistic daily rates give). */
  messages?: number;
}

export const PRESETS = {
  empty: { pages: 0, captions: 0, days: 0, messages: 0 },
  demo: { pages: 30, captions: 3000, days: 100 },
  medium: { pages: 100, captions: 10_000, days: 365, messages: 1_000_000 },
  large: { pages: 500, captions: 50_000, days: 730, messages: 10_000_000 },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof PRESETS;

export const DEFAULT_END_DATE = '2026-11-27';

export const buildOptionsSchema = z.object({
  path: z.string().min(1).optional(),
  preset: z.enum(Object.keys(PRESETS) as [PresetName, ...PresetName[]]).default('demo'),
  seed: z.number().int('seed must be a whole number').default(1),
  endDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'endDate must look like 2026-11-27')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'endDate must be a real date')
    .default(DEFAULT_END_DATE),
  /** Overrides for a preset's sizes (tests use small ones). */
  sizes: z
    .object({
      pages: z.number().int().min(0).optional(),
      captions: z.number().int().min(0).optional(),
      days: z.number().int().min(0).optional(),
      messages: z.number().int().min(0).optional(),
    })
    .optional(),
});

export type BuildOptions = z.input<typeof buildOptionsSchema>;
export type ResolvedBuildOptions = z.output<typeof buildOptionsSchema>;
