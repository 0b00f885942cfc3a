/**
 * Generates the holiday_calendar seed from the date-holidays library (US rules) plus two
 * commercial days the library lacks (Black Friday, Cyber Monday, added as date-holidays rules).
 * `node --import tsx tools/sql/generate-holidays.ts` rewrites the rows between the two marker
 * comments of
 *   sql/seed/holiday_calendar.sql                         (GoogleSQL MERGE, idempotent)
 *   local/warehouse/twins/seed/holiday_calendar.sql       (DuckDB twin, idempotent)
 * (the statements around them are written by hand). A test regenerates both and requires the
 * committed rows to be identical.
 */
import * as fs from 'fs';
import * as path from 'path';
import Holidays from 'date-holidays';
import { repoRoot } from './files';

export const FIRST_YEAR = 2025;
export const LAST_YEAR = 2028;

type HolidayType = 'FEDERAL' | 'COMMERCIAL' | 'OBSERVANCE';
type Significance = 'major' | 'moderate' | 'minor';

/**
 * The one table of judgement calls: which library holidays matter to buying behaviour, and how.
 * saturation_impact_factor multiplies the day's PPV volume (< 1: fans are busy, send less;
 * > 1: shopping days, fans expect offers). Library holidays not listed here are left out.
 */
export const HOLIDAY_IMPACT: Record<string, { type: HolidayType; significance: Significance; factor: number }> = {
  "New Year's Day": { type: 'FEDERAL', significance: 'major', factor: 0.7 },
  'Martin Luther King Jr. Day': { type: 'FEDERAL', significance: 'minor', factor: 0.95 },
  "Valentine's Day": { type: 'COMMERCIAL', significance: 'major', factor: 0.8 },
  "Washington's Birthday": { type: 'FEDERAL', significance: 'minor', factor: 0.95 },
  "St. Patrick's Day": { type: 'OBSERVANCE', significance: 'minor', factor: 0.9 },
  'Easter Sunday': { type: 'OBSERVANCE', significance: 'moderate', factor: 0.8 },
  "Mother's Day": { type: 'COMMERCIAL', significance: 'moderate', factor: 0.85 },
  'Memorial Day': { type: 'FEDERAL', significance: 'moderate', factor: 0.85 },
  'Juneteenth': { type: 'FEDERAL', significance: 'minor', factor: 0.95 },
  "Father's Day": { type: 'COMMERCIAL', significance: 'moderate', factor: 0.85 },
  'Independence Day': { type: 'FEDERAL', significance: 'major', factor: 0.7 },
  'Labor Day': { type: 'FEDERAL', significance: 'moderate', factor: 0.85 },
  'Columbus Day': { type: 'FEDERAL', significance: 'minor', factor: 0.95 },
  'Halloween': { type: 'COMMERCIAL', significance: 'moderate', factor: 1.1 },
  'Veterans Day': { type: 'FEDERAL', significance: 'minor', factor: 0.95 },
  'Thanksgiving Day': { type: 'FEDERAL', significance: 'major', factor: 0.6 },
  'Black Friday': { type: 'COMMERCIAL', significance: 'major', factor: 1.2 },
  'Cyber Monday': { type: 'COMMERCIAL', significance: 'major', factor: 1.2 },
  'Christmas Eve': { type: 'OBSERVANCE', significance: 'moderate', factor: 0.7 },
  'Christmas Day': { type: 'FEDERAL', significance: 'major', factor: 0.6 },
  "New Year's Eve": { type: 'OBSERVANCE', significance: 'moderate', factor: 0.8 },
};

/** Commercial days date-holidays does not know, in its own rule grammar. */
const EXTRA_RULES: Record<string, string> = {
  'Black Friday': 'friday after 4th thursday in November',
  'Cyber Monday': 'monday after 4th thursday in November',
};

export interface HolidayRow {
  holiday_date: string;
  holiday_year: number;
  holiday_name: string;
  holiday_type: HolidayType;
  significance: Significance;
  saturation_impact_factor: number;
}

export function holidayRows(first = FIRST_YEAR, last = LAST_YEAR): HolidayRow[] {
  const hd = new Holidays('US');
  for (const [name, rule] of Object.entries(EXTRA_RULES)) {
    if (!hd.setHoliday(rule, { name, type: 'observance' })) throw new Error(`date-holidays rejected rule "${rule}"`);
  }
  const rows: HolidayRow[] = [];
  for (let year = first; year <= last; year++) {
    for (const h of hd.getHolidays(year, 'en')) {
      const impact = HOLIDAY_IMPACT[h.name];
      // Substitute days off are not when fans behave differently: the real date is kept.
      if (!impact || h.substitute) continue;
      rows.push({
        holiday_date: h.date.slice(0, 10),
        holiday_year: year,
        holiday_name: h.name,
        holiday_type: impact.type,
        significance: impact.significance,
        saturation_impact_factor: impact.factor,
      });
    }
  }
  return rows.sort((a, b) => a.holiday_date.localeCompare(b.holiday_date) || a.holiday_name.localeCompare(b.holiday_name));
}

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const duckQuote = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const factor = (n: number): string => (Number.isInteger(n) ? n.toFixed(1) : String(n));

/** The marker comments the generated rows stand between. */
export const MARKERS = { begin: '-- generated rows: begin', end: '-- generated rows: end' } as const;

/** One STRUCT a holiday, for the GoogleSQL MERGE's UNNEST. */
export function renderGoogleSql(rows: HolidayRow[]): string {
  return rows.map((r) => `    STRUCT(DATE '${r.holiday_date}' AS holiday_date, ${r.holiday_year} AS holiday_year, ${quote(r.holiday_name)} AS holiday_name, '${r.holiday_type}' AS holiday_type, '${r.significance}' AS significance, ${factor(r.saturation_impact_factor)} AS saturation_impact_factor)`).join(',\n');
}

/** The DuckDB twin's VALUES, a year to a line. */
export function renderDuckDb(rows: HolidayRow[]): string {
  const years = [...new Set(rows.map((r) => r.holiday_year))];
  return years.map((y) => `  ${rows.filter((r) => r.holiday_year === y).map((r) => `(DATE '${r.holiday_date}', ${r.holiday_year}, ${duckQuote(r.holiday_name)}, '${r.holiday_type}', '${r.significance}', ${factor(r.saturation_impact_factor)})`).join(', ')}`).join(',\n');
}

/** The lines between the markers of a seed file. */
function markedRange(text: string): [string[], number, number] {
  const lines = text.split('\n');
  const [b, e] = [lines.findIndex((l) => l.trim() === MARKERS.begin), lines.findIndex((l) => l.trim() === MARKERS.end)];
  if (b < 0 || e < b) throw new Error(`no "${MARKERS.begin}" ... "${MARKERS.end}" in the seed file`);
  return [lines, b, e];
}

export function rowsOf(text: string): string {
  const [lines, b, e] = markedRange(text);
  return lines.slice(b + 1, e).join('\n');
}

/** The seed file with its generated rows replaced. */
export function withRows(text: string, rows: string): string {
  const [lines, b, e] = markedRange(text);
  return [...lines.slice(0, b + 1), rows, ...lines.slice(e)].join('\n');
}

export const SEED_PATHS = {
  googleSql: 'sql/seed/holiday_calendar.sql',
  duckDb: 'local/warehouse/twins/seed/holiday_calendar.sql',
} as const;

if (require.main === module) {
  const rows = holidayRows();
  const root = repoRoot();
  for (const [rel, text] of [[SEED_PATHS.googleSql, renderGoogleSql(rows)], [SEED_PATHS.duckDb, renderDuckDb(rows)]] as const) {
    const file = path.join(root, rel);
    fs.writeFileSync(file, withRows(fs.readFileSync(file, 'utf8'), text));
    console.log(`wrote the rows of ${rel} (${rows.length} holidays)`);
  }
}
