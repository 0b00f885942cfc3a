// Fills an opened warehouse with a seeded, deterministic agency: pages, restrictions, captions
// (JS + pure-rand, appended), message history (SQL in DuckDB), planted flaws, bandit stats.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIGINT, DATE, DOUBLE, INTEGER, TIMESTAMPTZ, dateValue, timestampTZValue, type DuckDBConnection } from '@duckdb/node-api';
import { runSeedTwins, SCHEMA } from '../database';
import { runScript } from '../script';
import { generateCaptions } from './captions';
import { createHiddenTables, loadCaptions, loadPages, loadRestrictions, type Pools } from './load';
import { generatePages, generateRestrictions } from './pages';
import type { Preset } from './presets';
import { Rng } from './rng';

const DAY_MS = 86_400_000;
const sqlFile = (name: string): string => fs.readFileSync(path.join(__dirname, name), 'utf8');

export interface GenerateSummary {
  pages: number;
  captions: number;
  messages: number;
  restrictions: number;
  banditRows: number;
  holidays: number;
  /** Seed twins that failed or were absent (holiday_calendar left empty then). */
  notes: string[];
  timingsMs: Record<string, number>;
}

async function count(conn: DuckDBConnection, table: string): Promise<number> {
  const r = await conn.runAndReadAll(`SELECT count(*) FROM ${table}`);
  return Number(r.getRowsJS()[0]?.[0] ?? 0);
}

export async function generate(conn: DuckDBConnection, preset: Preset, seed: number, endDate: string): Promise<GenerateSummary> {
  const timings: Record<string, number> = {};
  const notes: string[] = [];
  let t = Date.now();
  const lap = (name: string): void => {
    timings[name] = Date.now() - t;
    t = Date.now();
  };
  await createHiddenTables(conn);
  // Independent streams so that, e.g., more captions do not change the pages.
  const pages = generatePages(new Rng(seed * 7 + 1), preset.pages, preset.days, endDate);
  const captions = generateCaptions(new Rng(seed * 7 + 2), preset.captions);
  const restrictions = generateRestrictions(new Rng(seed * 7 + 3), pages);
  const poolRng = new Rng(seed * 7 + 4);
  const nPpv = captions.filter((c) => c.type === 'PPV').length;
  const nBump = captions.length - nPpv;
  const pools: Pools[] = pages.map((p) => {
    const scale = { NEW: 0.15, SMALL: 0.3, MEDIUM: 0.5, LARGE: 0.75, XL: 1 }[p.tier];
    const ppvSize = Math.max(1, Math.min(nPpv, Math.round(poolRng.between(60, 400) * scale)));
    const bumpSize = Math.max(1, Math.min(nBump, Math.round(poolRng.between(20, 120) * scale)));
    return { ppvOffset: poolRng.int(0, Math.max(0, nPpv - 1)), ppvSize, bumpOffset: poolRng.int(0, Math.max(0, nBump - 1)), bumpSize };
  });
  await loadPages(conn, pages, pools);
  await loadRestrictions(conn, restrictions, endDate);
  await loadCaptions(conn, captions, endDate);
  lap('pagesAndCaptions');

  // caption_key: the SQL engineer's caption_key_v2 twin when loaded, else the same definition.
  const hasKeyFn = await conn.runAndReadAll(
    `SELECT count(*) FROM duckdb_functions() WHERE schema_name = '${SCHEMA}' AND function_name = 'caption_key_v2'`,
  );
  const keyExpr = Number(hasKeyFn.getRowsJS()[0]?.[0] ?? 0) > 0
    ? `${SCHEMA}.caption_key_v2(caption_text)`
    : `lower(sha256(trim(regexp_replace(lower(caption_text), '\\s+', ' ', 'g'))))`;
  await conn.run(`UPDATE ${SCHEMA}.caption_bank SET caption_key = ${keyExpr}`);

  const endMs = Date.parse(`${endDate}T00:00:00Z`);
  const startDays = Math.round(endMs / DAY_MS) - preset.days + 1;
  if (preset.pages > 0 && preset.days > 0 && nPpv > 0 && nBump > 0) {
    // Scale daily volume so a load-test preset reaches its message count.
    const natural = pages.reduce((s, p) => s + (p.ppvRate + p.bumpRate) * (preset.days - p.startDay), 0);
    const scale = preset.messages ? preset.messages / natural : 1;
    await runScript(conn, sqlFile('messages.sql'), {
      seed: { value: BigInt(seed), type: BIGINT },
      start: { value: dateValue(startDays), type: DATE },
      days: { value: preset.days, type: INTEGER },
      scale: { value: scale, type: DOUBLE },
      ppv_captions: { value: nPpv, type: INTEGER },
      bump_captions: { value: nBump, type: INTEGER },
    });
    lap('messages');
    await runScript(conn, sqlFile('anomalies.sql'), { seed: { value: BigInt(seed), type: BIGINT } });
    lap('anomalies');
    // Stats as of midnight after the last day, Los Angeles time (08:00 UTC in November).
    const asOf = await conn.runAndReadAll(`SELECT epoch_us(timezone('America/Los_Angeles', ($d::DATE + 1)::TIMESTAMP))`, {
      d: endDate,
    });
    const asOfMicros = BigInt(asOf.getRowsJS()[0]?.[0] as bigint);
    await runScript(conn, sqlFile('bandit.sql'), { as_of: { value: timestampTZValue(asOfMicros), type: TIMESTAMPTZ } });
    lap('banditStats');
    await conn.run('DROP TABLE IF EXISTS gen_messages; DROP TABLE IF EXISTS gen_days; DROP TABLE IF EXISTS gen_captions; DROP TABLE IF EXISTS gen_pick; DROP TABLE IF EXISTS gen_rare;');
  }
  const seeds = await runSeedTwins(conn);
  for (const f of seeds.failed) notes.push(`seed twin ${f.file} failed: ${f.error}`);
  const holidays = await count(conn, `${SCHEMA}.holiday_calendar`);
  if (holidays === 0) notes.push('holiday_calendar is empty: no seed twin (local/warehouse/twins/seed/holiday_calendar.sql) yet');
  lap('seeds');
  return {
    pages: pages.length,
    captions: captions.length,
    messages: await count(conn, `${SCHEMA}.mass_messages`),
    restrictions: restrictions.length,
    banditRows: await count(conn, `${SCHEMA}.caption_bandit_stats`),
    holidays,
    notes,
    timingsMs: timings,
  };
}
