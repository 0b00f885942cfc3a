import { buildWarehouse, type WarehouseHandle } from '../../../local/warehouse/index';

const LA = "timezone('America/Los_Angeles', sending_time)";

async function rows(wh: WarehouseHandle, sql: string): Promise<Array<Record<string, unknown>>> {
  return (await wh.connection.runAndReadAll(sql)).getRowObjectsJS() as Array<Record<string, unknown>>;
}
async function one(wh: WarehouseHandle, sql: string): Promise<number> {
  const r = await wh.connection.runAndReadAll(sql);
  return Number(r.getRowsJS()[0]?.[0]);
}

describe('demo warehouse', () => {
  let wh: WarehouseHandle;
  beforeAll(async () => {
    wh = await buildWarehouse({ preset: 'demo', seed: 7 });
    // Printed, not asserted: the build must stay "a few seconds" on a laptop.
    console.log(`demo warehouse built in ${wh.summary.buildMs} ms`, wh.summary.timingsMs, `${wh.summary.messages} messages`);
  });
  afterAll(() => wh.close());

  test('same seed gives the same data; another seed does not', async () => {
    const again = await buildWarehouse({ preset: 'demo', seed: 7 });
    const other = await buildWarehouse({ preset: 'demo', seed: 8 });
    try {
      const a = await wh.checksums();
      expect(await again.checksums()).toEqual(a);
      const b = await other.checksums();
      expect(b['eros_scheduling_brain.mass_messages']).not.toEqual(a['eros_scheduling_brain.mass_messages']);
      expect(b['eros_scheduling_brain.caption_bank']).not.toEqual(a['eros_scheduling_brain.caption_bank']);
    } finally {
      again.close();
      other.close();
    }
  });

  test('pages cover every size tier from hundreds to ~150k subscribers', async () => {
    const tiers = await rows(wh, `SELECT size_tier, count(*) n, min(subscribers) lo, max(subscribers) hi
      FROM eros_scheduling_brain_hidden.page_profile GROUP BY 1`);
    expect(tiers.map((t) => t.size_tier).sort()).toEqual(['LARGE', 'MEDIUM', 'NEW', 'SMALL', 'XL']);
    expect(await one(wh, 'SELECT count(*) FROM eros_scheduling_brain.creators')).toBe(30);
    expect(await one(wh, 'SELECT min(subscriber_count) FROM eros_scheduling_brain.creators')).toBeLessThan(1200);
    expect(await one(wh, 'SELECT max(subscriber_count) FROM eros_scheduling_brain.creators')).toBeGreaterThan(60000);
    expect(await one(wh, 'SELECT count(*) FROM eros_scheduling_brain.creators WHERE NOT is_active')).toBeGreaterThan(0);
  });

  test('history is ~100 days and ends on the end date in Los Angeles', async () => {
    const last = await rows(wh, `SELECT CAST(max(${LA}) AS DATE)::VARCHAR d, CAST(min(${LA}) AS DATE)::VARCHAR f FROM eros_scheduling_brain.mass_messages`);
    expect(last[0]?.d).toBe('2026-11-27');
    expect(last[0]?.f).toBe('2026-08-20');
    expect(wh.summary.messages).toBeGreaterThan(10_000);
  });

  test('the caption bank: ~3000 distinct texts, both types, appeal kept out of it', async () => {
    expect(await one(wh, 'SELECT count(*) FROM eros_scheduling_brain.caption_bank')).toBe(3000);
    expect(await one(wh, 'SELECT count(DISTINCT lower(caption_text)) FROM eros_scheduling_brain.caption_bank')).toBe(3000);
    expect(await one(wh, 'SELECT count(DISTINCT caption_key) FROM eros_scheduling_brain.caption_bank')).toBe(3000);
    const types = await rows(wh, 'SELECT caption_type, count(*) n FROM eros_scheduling_brain.caption_bank GROUP BY 1 ORDER BY 1');
    expect(types.map((t) => t.caption_type)).toEqual(['BUMP', 'PPV']);
    expect(await one(wh, 'SELECT count(*) FROM eros_scheduling_brain.caption_bank WHERE NOT is_active')).toBeGreaterThan(0);
    expect(await one(wh, "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'caption_bank' AND column_name ILIKE '%appeal%'")).toBe(0);
    expect(await one(wh, 'SELECT count(*) FROM eros_scheduling_brain_hidden.caption_appeal')).toBe(3000);
    expect(await one(wh, "SELECT count(*) FROM eros_scheduling_brain.caption_bank WHERE caption_type = 'PPV' AND suggested_price IS NULL")).toBe(0);
  });

  test('restrictions exist for some pages, with the NULLs hand-kept data has', async () => {
    const r = await rows(wh, `SELECT count(*) n, count_if(restricted_categories IS NULL) nc, count_if(restricted_keywords IS NULL) nk,
      count_if(price_floor IS NULL) nf, count_if(price_ceiling IS NOT NULL) cc FROM eros_scheduling_brain.page_restrictions`);
    const s = r[0] as Record<string, bigint>;
    expect(Number(s.n)).toBeGreaterThan(3);
    expect(Number(s.n)).toBeLessThan(30);
    expect(Number(s.nk) + Number(s.nc) + Number(s.nf)).toBeGreaterThan(0);
    expect(Number(s.cc)).toBeGreaterThan(0);
  });

  test('the planted malformed rows are there', async () => {
    const m = 'eros_scheduling_brain.mass_messages';
    expect(await one(wh, `SELECT count(*) FROM ${m} WHERE page_name IS NULL`)).toBe(3);
    expect(await one(wh, `SELECT count(*) FROM ${m} WHERE sent_count < 0 OR viewed_count < 0`)).toBe(2);
    expect(await one(wh, `SELECT count(*) FROM ${m} WHERE purchased_count > sent_count AND sent_count > 0`)).toBe(2);
    expect(await one(wh, `SELECT count(*) FROM ${m} WHERE caption_id IS NULL AND caption_text IS NOT NULL`)).toBeGreaterThan(20);
    expect(await one(wh, `SELECT count(*) FROM ${m} WHERE message_type = 'ppv'`)).toBeGreaterThan(20);
    expect(await one(wh, `SELECT count(*) FROM ${m} WHERE viewed_count IS NULL`)).toBe(2);
    expect(await one(wh, `SELECT count(*) FROM ${m} WHERE earnings IS NULL`)).toBe(2);
  });

  test('evening (18–23 LA) carries more sends than morning (6–11 LA)', async () => {
    const evening = await one(wh, `SELECT count(*) FROM eros_scheduling_brain.mass_messages WHERE hour(${LA}) BETWEEN 18 AND 23`);
    const morning = await one(wh, `SELECT count(*) FROM eros_scheduling_brain.mass_messages WHERE hour(${LA}) BETWEEN 6 AND 11`);
    expect(evening).toBeGreaterThan(1.5 * morning);
    // Conversion too is better in the evening.
    const conv = await rows(wh, `SELECT hour(${LA}) BETWEEN 18 AND 23 AS eve, sum(purchased_count) / sum(viewed_count) c
      FROM eros_scheduling_brain.mass_messages WHERE message_type = 'PPV' AND viewed_count > 0 AND sent_count > 0 GROUP BY 1`);
    const byEve = Object.fromEntries(conv.map((r) => [String(r.eve), Number(r.c)]));
    expect(byEve.true).toBeGreaterThan(byEve.false ?? Infinity);
  });

  test('fatigue: on high-volume days a page converts worse than on its quiet days', async () => {
    const ratios = await rows(wh, `
      WITH d AS (
        SELECT page_name, CAST(${LA} AS DATE) send_day, count(*) n, sum(purchased_count) b, sum(viewed_count) v
        FROM eros_scheduling_brain.mass_messages
        WHERE message_type = 'PPV' AND page_name IS NOT NULL AND viewed_count > 0 AND sent_count > 0
        GROUP BY 1, 2),
      q AS (SELECT page_name, quantile_cont(n, 0.25) lo, quantile_cont(n, 0.75) hi FROM d GROUP BY 1)
      SELECT d.page_name, sum(b) FILTER (WHERE n >= hi) / sum(v) FILTER (WHERE n >= hi)
        / (sum(b) FILTER (WHERE n <= lo) / sum(v) FILTER (WHERE n <= lo)) ratio
      FROM d JOIN q USING (page_name) WHERE q.hi > q.lo GROUP BY 1`);
    const values = ratios.map((r) => Number(r.ratio)).filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    expect(values.length).toBeGreaterThan(10);
    expect(values[Math.floor(values.length / 2)]).toBeLessThan(0.9);
  });

  test('price: dearer PPVs convert worse', async () => {
    const corr = await one(wh, `SELECT corr(price, purchased_count / viewed_count) FROM eros_scheduling_brain.mass_messages
      WHERE message_type = 'PPV' AND viewed_count > 0 AND sent_count > 0 AND price > 0`);
    expect(corr).toBeLessThan(-0.1);
  });

  test('bandit stats agree with the history they were built from', async () => {
    const s = await rows(wh, `SELECT sum(total_observations) obs, count_if(successes + failures <> total_observations) bad,
      count_if(confidence_lower_bound > confidence_upper_bound OR confidence_lower_bound < 0 OR confidence_upper_bound > 1) badb,
      sum(successes) / sum(total_observations) rate FROM eros_scheduling_brain.caption_bandit_stats`);
    const valid = await one(wh, `SELECT count(*) FROM eros_scheduling_brain.mass_messages WHERE page_name IS NOT NULL AND caption_id IS NOT NULL
      AND sent_count > 0 AND earnings IS NOT NULL AND upper(message_type) = 'PPV'`);
    const r = s[0] as Record<string, unknown>;
    expect(Number(r.obs)).toBe(valid);
    expect(Number(r.bad)).toBe(0);
    expect(Number(r.badb)).toBe(0);
    // Beating the page median: a bit under half of sends by construction.
    expect(Number(r.rate)).toBeGreaterThan(0.4);
    expect(Number(r.rate)).toBeLessThanOrEqual(0.5);
  });
});

describe('presets and options', () => {
  test('the empty preset has the schema and no rows', async () => {
    const wh = await buildWarehouse({ preset: 'empty' });
    try {
      expect(wh.summary.messages).toBe(0);
      expect(wh.summary.schema.failed).toEqual([]);
      expect(Object.keys(await wh.checksums())).toEqual(expect.arrayContaining(['eros_scheduling_brain.mass_messages', 'eros_scheduling_brain.creators']));
    } finally {
      wh.close();
    }
  });

  test('a load preset scales volume toward its message target', async () => {
    const wh = await buildWarehouse({ preset: 'medium', seed: 3, sizes: { pages: 20, captions: 500, days: 60, messages: 40_000 } });
    try {
      expect(wh.summary.messages).toBeGreaterThan(32_000);
      expect(wh.summary.messages).toBeLessThan(48_000);
    } finally {
      wh.close();
    }
  });

  test('bad options are refused with a message naming the option', async () => {
    await expect(buildWarehouse({ preset: 'demo', endDate: '27/11/2026' })).rejects.toThrow(/options\.endDate/);
    await expect(buildWarehouse({ preset: 'huge' as 'demo' })).rejects.toThrow(/options\.preset/);
  });
});
