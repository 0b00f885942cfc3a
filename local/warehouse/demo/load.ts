// Appends the JS-generated rows (pages, restrictions, captions, hidden parameters) with DuckDB's
// appender: one native call per value, no SQL text, no parameter limits.
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, LIST, TIMESTAMPTZ, VARCHAR,
  dateValue, listValue, timestampTZValue,
  type DuckDBConnection, type DuckDBType, type DuckDBValue,
} from '@duckdb/node-api';
import { HIDDEN_SCHEMA, SCHEMA } from '../database';
import type { Caption } from './captions';
import type { Page, Restriction } from './pages';

const DAY_MS = 86_400_000;

function days(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

async function append(conn: DuckDBConnection, schema: string, table: string, types: DuckDBType[], rows: DuckDBValue[][]): Promise<void> {
  const appender = await conn.createAppender(table, schema);
  for (const row of rows) {
    row.forEach((v, i) => (v === null ? appender.appendNull() : appender.appendValue(v, types[i])));
    appender.endRow();
  }
  appender.closeSync();
}

export async function createHiddenTables(conn: DuckDBConnection): Promise<void> {
  await conn.run(`
    CREATE TABLE IF NOT EXISTS ${HIDDEN_SCHEMA}.caption_appeal (caption_id BIGINT NOT NULL, appeal DOUBLE NOT NULL);
    CREATE TABLE IF NOT EXISTS ${HIDDEN_SCHEMA}.page_profile (
      page_idx INTEGER NOT NULL, page_name VARCHAR NOT NULL, size_tier VARCHAR NOT NULL, start_day INTEGER NOT NULL,
      ppv_rate DOUBLE, bump_rate DOUBLE, base_conversion DOUBLE, view_rate DOUBLE, price_mult DOUBLE,
      comfort DOUBLE, evening DOUBLE, subscribers BIGINT, ppv_pool_offset INTEGER, ppv_pool_size INTEGER,
      bump_pool_offset INTEGER, bump_pool_size INTEGER);
    CREATE TABLE IF NOT EXISTS ${HIDDEN_SCHEMA}.planted_anomalies (message_id VARCHAR NOT NULL, kind VARCHAR NOT NULL);
  `);
}

export interface Pools {
  ppvOffset: number;
  ppvSize: number;
  bumpOffset: number;
  bumpSize: number;
}

export async function loadPages(conn: DuckDBConnection, pages: Page[], pools: Pools[]): Promise<void> {
  await append(
    conn, SCHEMA, 'creators',
    [VARCHAR, VARCHAR, BOOLEAN, VARCHAR, BIGINT, BIGINT, DATE, VARCHAR],
    pages.map((p) => [
      p.pageName, p.displayName, p.isActive, p.pageType, BigInt(p.subscribers), BigInt(p.activeFans30d),
      dateValue(days(p.joinedDate)), p.scheduler,
    ]),
  );
  await append(
    conn, HIDDEN_SCHEMA, 'page_profile',
    [INTEGER, VARCHAR, VARCHAR, INTEGER, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, BIGINT, INTEGER, INTEGER, INTEGER, INTEGER],
    pages.map((p, i) => {
      const pool = pools[i] as Pools;
      return [
        p.idx, p.pageName, p.tier, p.startDay, p.ppvRate, p.bumpRate, p.baseConversion, p.viewRate, p.priceMult,
        p.comfort, p.evening, BigInt(p.subscribers), pool.ppvOffset, pool.ppvSize, pool.bumpOffset, pool.bumpSize,
      ];
    }),
  );
}

export async function loadRestrictions(conn: DuckDBConnection, rows: Restriction[], endDate: string): Promise<void> {
  const asOf = BigInt(Date.parse(`${endDate}T00:00:00Z`) - 20 * DAY_MS) * BigInt(1000);
  await append(
    conn, SCHEMA, 'page_restrictions',
    [VARCHAR, LIST(VARCHAR), LIST(VARCHAR), DOUBLE, DOUBLE, TIMESTAMPTZ],
    rows.map((r, i) => [
      r.pageName,
      r.categories === null ? null : listValue(r.categories),
      r.keywords === null ? null : listValue(r.keywords),
      r.priceFloor, r.priceCeiling,
      i % 4 === 3 ? null : timestampTZValue(asOf - BigInt(i) * BigInt(3_600_000_000)),
    ]),
  );
}

export async function loadCaptions(conn: DuckDBConnection, captions: Caption[], endDate: string): Promise<void> {
  const end = Date.parse(`${endDate}T00:00:00Z`);
  await append(
    conn, SCHEMA, 'caption_bank',
    [BIGINT, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, DOUBLE, BOOLEAN, VARCHAR, BOOLEAN, TIMESTAMPTZ],
    captions.map((c) => [
      BigInt(c.captionId), c.text, null, c.type, c.category, c.priceTier, c.suggestedPrice, c.hasUrgency, c.trigger,
      c.isActive, timestampTZValue(BigInt(end - c.createdDaysAgo * DAY_MS) * BigInt(1000)),
    ]),
  );
  await append(conn, HIDDEN_SCHEMA, 'caption_appeal', [BIGINT, DOUBLE], captions.map((c) => [BigInt(c.captionId), c.appeal]));
}
