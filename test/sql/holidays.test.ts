/** The holiday seed is generated from date-holidays, and the committed files are its output. */
import * as fs from 'fs';
import * as path from 'path';
import { FIRST_YEAR, LAST_YEAR, SEED_PATHS, holidayRows, renderDuckDb, renderGoogleSql, rowsOf } from '../../tools/sql/generate-holidays';
import { repoRoot } from '../../tools/sql/files';

const rows = holidayRows();

test('regenerating gives the committed rows exactly, and the statements cover the generated years', () => {
  const google = fs.readFileSync(path.join(repoRoot(), SEED_PATHS.googleSql), 'utf8');
  const duck = fs.readFileSync(path.join(repoRoot(), SEED_PATHS.duckDb), 'utf8');
  expect(rowsOf(google)).toBe(renderGoogleSql(rows));
  expect(rowsOf(duck)).toBe(renderDuckDb(rows));
  for (const text of [google, duck]) expect(text).toContain(`holiday_year BETWEEN ${FIRST_YEAR} AND ${LAST_YEAR}`);
});

test('covers every year with federal and commercial days, typed and weighted', () => {
  expect(FIRST_YEAR).toBeLessThanOrEqual(2025);
  expect(LAST_YEAR).toBeGreaterThanOrEqual(2028);
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const names = rows.filter((r) => r.holiday_year === year).map((r) => r.holiday_name);
    for (const n of ["New Year's Day", 'Independence Day', 'Thanksgiving Day', 'Christmas Day', "Valentine's Day", "Mother's Day", 'Black Friday', 'Cyber Monday']) {
      expect(names).toContain(n);
    }
  }
  for (const r of rows) {
    expect(['FEDERAL', 'COMMERCIAL', 'OBSERVANCE']).toContain(r.holiday_type);
    expect(['major', 'moderate', 'minor']).toContain(r.significance);
    expect(r.saturation_impact_factor).toBeGreaterThan(0);
    expect(r.holiday_date.startsWith(String(r.holiday_year))).toBe(true);
  }
});

test('computed dates are right (rules, not a typed list)', () => {
  const on = (name: string, year: number): string | undefined => rows.find((r) => r.holiday_name === name && r.holiday_year === year)?.holiday_date;
  expect(on('Thanksgiving Day', 2026)).toBe('2026-11-26');
  expect(on('Black Friday', 2026)).toBe('2026-11-27');
  expect(on('Cyber Monday', 2026)).toBe('2026-11-30');
  expect(on("Mother's Day", 2027)).toBe('2027-05-09');
  expect(on('Black Friday', 2028)).toBe('2028-11-24');
  // The 2026 Independence Day substitute (Friday 3rd) is not a separate row.
  expect(rows.filter((r) => r.holiday_name.startsWith('Independence Day') && r.holiday_year === 2026).map((r) => r.holiday_date)).toEqual(['2026-07-04']);
});
