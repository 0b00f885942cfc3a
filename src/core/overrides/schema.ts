// Per-page overrides a scheduler sets in the sidebar or the "Overrides" tab.
// One schema, used on save (sidebar), on read (tab) and by the engine.
import * as z from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-31');
const hour = z.number().int('must be a whole hour').min(0, 'must be 0 to 24').max(24, 'must be 0 to 24');
const price = z.number().finite().min(0, 'must not be negative').max(500, 'must be at most 500');

export const PageOverridesSchema = z
  .object({
    pauseUntil: isoDate.optional(),
    volumeMultiplier: z.number().finite().min(0, 'must be 0 to 3').max(3, 'must be 0 to 3').optional(),
    ppvMin: z.number().int('must be a whole number').min(0, 'must be 0 to 30').max(30, 'must be 0 to 30').optional(),
    ppvMax: z.number().int('must be a whole number').min(0, 'must be 0 to 30').max(30, 'must be 0 to 30').optional(),
    /** Los Angeles hours; a send is allowed when start <= hour < end. */
    allowedHours: z
      .object({ start: hour, end: hour })
      .refine((h) => h.start < h.end, { message: 'start must be before end' })
      .optional(),
    priceFloor: price.optional(),
    priceCeiling: price.optional(),
    excludedCategories: z.array(z.string().min(1).max(64)).max(50).optional(),
    notes: z.string().max(2000, 'must be at most 2000 characters').optional(),
  })
  .refine((o) => o.ppvMin === undefined || o.ppvMax === undefined || o.ppvMin <= o.ppvMax, {
    message: 'PPV minimum must not exceed PPV maximum',
    path: ['ppvMin'],
  })
  .refine((o) => o.priceFloor === undefined || o.priceCeiling === undefined || o.priceFloor <= o.priceCeiling, {
    message: 'price floor must not exceed price ceiling',
    path: ['priceFloor'],
  });

export type PageOverrides = z.infer<typeof PageOverridesSchema>;

/**
 * The content categories of caption_bank (see sql/tables/caption_bank.sql): the agency's whole
 * taxonomy, as the demo bank uses it. An override may exclude any category a caption can have; a
 * category outside this list is reported as unknown (test/faults checks the list covers the bank).
 */
export const DEFAULT_CATEGORIES: readonly string[] = [
  'solo', 'bg', 'gg', 'tease', 'custom', 'lingerie', 'feet', 'shower', 'outdoor', 'cosplay', 'bundle', 'livestream',
];
