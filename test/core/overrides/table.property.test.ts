import fc from 'fast-check';
import { OVERRIDES_COLUMNS, checkOverrides, columnLetter, parseOverridesTab, toRow } from '../../../src/core/overrides/table';
import { PageOverridesSchema, type PageOverrides } from '../../../src/core/overrides/schema';

const categories = ['solo', 'bg', 'tease', 'custom', 'lingerie'];
const pages = ['miss_alexa', 'luna_rose', '=evil', "'quoted", 'jade w'];
const known = { pages, categories };

const isoDay = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const hours = fc
  .tuple(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 24 }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));
const price = fc.double({ min: 0, max: 500, noNaN: true, noDefaultInfinity: true }).map((p) => (Object.is(p, -0) ? 0 : p));

/** Any valid PageOverrides in canonical form (no empty list or note: those mean "not set"). */
const overridesArb: fc.Arbitrary<PageOverrides> = fc
  .record(
    {
      pauseUntil: isoDay,
      volumeMultiplier: fc.double({ min: 0, max: 3, noNaN: true }).map((v) => (Object.is(v, -0) ? 0 : v)),
      ppvMin: fc.integer({ min: 0, max: 30 }),
      ppvMax: fc.integer({ min: 0, max: 30 }),
      allowedHours: hours,
      priceFloor: price,
      priceCeiling: price,
      excludedCategories: fc.uniqueArray(fc.constantFrom(...categories), { minLength: 1 }),
      notes: fc.oneof(fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }), fc.constantFrom(' ', '\t\n', "'", "'=x", "''", '=1+1', '-5', '@me')),
    },
    { requiredKeys: [] },
  )
  .map((o) => {
    const v = { ...o };
    if (v.ppvMin !== undefined && v.ppvMax !== undefined && v.ppvMin > v.ppvMax) [v.ppvMin, v.ppvMax] = [v.ppvMax, v.ppvMin];
    if (v.priceFloor !== undefined && v.priceCeiling !== undefined && v.priceFloor > v.priceCeiling) {
      [v.priceFloor, v.priceCeiling] = [v.priceCeiling, v.priceFloor];
    }
    return v;
  })
  .filter((o) => PageOverridesSchema.safeParse(o).success);

describe('Overrides tab properties', () => {
  it('any valid PageOverrides round-trips through toRow → parse unchanged', () => {
    fc.assert(
      fc.property(fc.constantFrom(...pages), overridesArb, (page, o) => {
        // Saving canonicalises first (a blank note is no note); the canonical form round-trips.
        const checked = checkOverrides(page, o, known);
        expect(checked.ok).toBe(true);
        if (!checked.ok) return;
        if (o.notes === undefined || o.notes.trim() !== '') expect(checked.value).toEqual(o);
        const { overrides, problems } = parseOverridesTab([[...OVERRIDES_COLUMNS], toRow(page, checked.value, { updatedBy: '+me' })], known);
        expect(problems).toEqual([]);
        expect(overrides.get(page) ?? {}).toEqual(checked.value);
      }),
      { numRuns: 1000 },
    );
  });

  const garbageCell = fc.oneof(
    fc.constant(''), fc.constant(null), fc.constant(undefined), fc.string({ maxLength: 12 }), fc.double(), fc.integer({ min: -5, max: 40 }),
    fc.boolean(), fc.date(), fc.constant(new Date(NaN)), fc.constantFrom('9-23', '2026-01-31', 'solo,bg', 'miss_alexa', '1e3', ' 7 '),
    fc.object({ maxDepth: 1 }), fc.array(fc.integer(), { maxLength: 2 }),
  );

  it('arbitrary garbage never throws, and every non-blank row yields a valid override or a problem naming one of its cells', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(garbageCell, { maxLength: 13 }), { maxLength: 8 }),
        fc.array(fc.constantFrom(...pages), { minLength: 8, maxLength: 8 }),
        (rows, names) => {
          // Half the time give the rows a known page so that the other cells get read.
          const body = rows.map((r, i) => (i % 2 === 0 ? [names[i], ...r.slice(1)] : r));
          const values = [[...OVERRIDES_COLUMNS], ...body];
          const { overrides, problems } = parseOverridesTab(values, known);
          for (const [page, o] of overrides) {
            expect(PageOverridesSchema.safeParse(o).success).toBe(true);
            expect(pages).toContain(page);
            expect(problems.some((p) => p.page === page)).toBe(false);
          }
          for (const p of problems) {
            expect(p.tab).toBe('Overrides');
            expect(p.row).toBeGreaterThanOrEqual(2);
            const m = /^([A-Z]+) \((\w+)\)$/.exec(p.column);
            expect(m).not.toBeNull();
            expect(columnLetter(OVERRIDES_COLUMNS.indexOf(m![2] as never))).toBe(m![1]);
            expect(p.message.startsWith(`Overrides!${m![1]}${p.row} (${m![2]})`)).toBe(true);
          }
          body.forEach((r, i) => {
            const blank = r.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
            if (blank) return;
            const page = typeof r[0] === 'string' ? r[0].trim() : '';
            const accounted = overrides.has(page) || problems.some((p) => p.row === i + 2 || (p.page === page && page !== ''));
            expect(accounted).toBe(true);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
