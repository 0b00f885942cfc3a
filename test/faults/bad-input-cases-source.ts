// Bad input in the source tables: NULL, negative and absurd values in the source tables the agency fills
// (inserted with SQL before the run), an empty caption bank, a page with no history. A clear
// answer names the page and the table or column the bad value is in.
import type { BadCase, CaseContext } from './bad-input';

const S = 'eros_scheduling_brain';
const sql = (ctx: CaseContext, text: string) => ctx.w.bigQuery.sql(`${text}; SELECT 1 AS ok`);
const pageOf = (ctx: CaseContext, i: number) => ctx.generated[i % ctx.generated.length] as string;

/** A recent message of a page, copied with one column changed (the send is yesterday). */
function messageWith(ctx: CaseContext, page: string, id: string, set: string): void {
  sql(ctx, `INSERT INTO ${S}.mass_messages
    SELECT '${id}' AS message_id, * EXCLUDE (message_id) REPLACE (${set})
    FROM ${S}.mass_messages WHERE page_name = '${page}' ORDER BY sending_time DESC LIMIT 1`);
}

interface SourceCase {
  name: string;
  table: string;
  column: string;
  arrange: (ctx: CaseContext, page: string) => void;
}

const MESSAGES: SourceCase[] = [
  { name: 'NULL page_name', table: 'mass_messages', column: 'page_name', arrange: (c, p) => messageWith(c, p, 'bad_null_page', "CASE WHEN true THEN NULL ELSE page_name END AS page_name") },
  { name: 'NULL sent_count', table: 'mass_messages', column: 'sent_count', arrange: (c, p) => messageWith(c, p, 'bad_null_sent', 'NULL AS sent_count') },
  { name: 'negative sent_count', table: 'mass_messages', column: 'sent_count', arrange: (c, p) => messageWith(c, p, 'bad_neg_sent', '-500 AS sent_count') },
  { name: 'absurd earnings (1e15)', table: 'mass_messages', column: 'earnings', arrange: (c, p) => messageWith(c, p, 'bad_earnings', '1e15 AS earnings') },
  { name: 'purchases exceed sends', table: 'mass_messages', column: 'purchased_count', arrange: (c, p) => messageWith(c, p, 'bad_purchased', 'sent_count * 50 + 10 AS purchased_count') },
  { name: 'send time in 2099', table: 'mass_messages', column: 'sending_time', arrange: (c, p) => messageWith(c, p, 'bad_future', "TIMESTAMPTZ '2099-01-01 12:00:00+00' AS sending_time") },
  { name: 'negative price', table: 'mass_messages', column: 'price', arrange: (c, p) => messageWith(c, p, 'bad_neg_price', '-20 AS price') },
  { name: 'NULL message_type', table: 'mass_messages', column: 'message_type', arrange: (c, p) => messageWith(c, p, 'bad_null_type', 'NULL AS message_type') },
];

const CREATORS: SourceCase[] = [
  { name: 'negative subscriber_count', table: 'creators', column: 'subscriber_count', arrange: (c, p) => sql(c, `UPDATE ${S}.creators SET subscriber_count = -1000 WHERE page_name = '${p}'`) },
  { name: 'absurd subscriber_count (1e13)', table: 'creators', column: 'subscriber_count', arrange: (c, p) => sql(c, `UPDATE ${S}.creators SET subscriber_count = 10000000000000 WHERE page_name = '${p}'`) },
  { name: 'NULL active_fans_30d', table: 'creators', column: 'active_fans_30d', arrange: (c, p) => sql(c, `UPDATE ${S}.creators SET active_fans_30d = NULL, subscriber_count = NULL WHERE page_name = '${p}'`) },
];

const STATS_AND_RULES: SourceCase[] = [
  { name: 'negative successes', table: 'caption_bandit_stats', column: 'successes', arrange: (c, p) => sql(c, `UPDATE ${S}.caption_bandit_stats SET successes = -50 WHERE page_name = '${p}'`) },
  { name: 'absurd failures (1e12)', table: 'caption_bandit_stats', column: 'failures', arrange: (c, p) => sql(c, `UPDATE ${S}.caption_bandit_stats SET failures = 1000000000000 WHERE page_name = '${p}'`) },
  {
    name: 'price_floor above price_ceiling', table: 'page_restrictions', column: 'price_floor',
    arrange: (c, p) => sql(c, `DELETE FROM ${S}.page_restrictions WHERE page_name = '${p}'; INSERT INTO ${S}.page_restrictions VALUES ('${p}', NULL, NULL, 80, 5, now())`),
  },
  {
    name: 'negative price_floor', table: 'page_restrictions', column: 'price_floor',
    arrange: (c, p) => sql(c, `DELETE FROM ${S}.page_restrictions WHERE page_name = '${p}'; INSERT INTO ${S}.page_restrictions VALUES ('${p}', NULL, NULL, -10, NULL, now())`),
  },
];

/** Per-page cases, several per run on distinct pages. */
function perPage(group: string, list: SourceCase[], per: number): BadCase[][] {
  const runs: BadCase[][] = [];
  for (let i = 0; i < list.length; i += per) {
    runs.push(
      list.slice(i, i + per).map((sc, j) => ({
        group,
        name: `${sc.table}: ${sc.name}`,
        inputs: true,
        arrange: (ctx) => sc.arrange(ctx, pageOf(ctx, j)),
        concerns: (ctx) => [pageOf(ctx, j)],
        // A row without a page names no page: the run says it once, for every page.
        where: (ctx) => (sc.column === 'page_name' ? [/Data \(every page\)/, /mass_messages: \d+ NULL page_name/] : [pageOf(ctx, j), new RegExp(`${sc.table}|${sc.column}`)]),
      })),
    );
  }
  return runs;
}

const CAPTIONS: Array<[string, string, string]> = [
  ['negative suggested_price', 'suggested_price', "999001, 'Bad price caption', NULL, 'PPV', 'solo', 'mid', -15.0, false, 'curiosity', true, now()"],
  ['absurd suggested_price (1e9)', 'suggested_price', "999002, 'Absurd price caption', NULL, 'PPV', 'solo', 'mid', 1e9, false, 'curiosity', true, now()"],
  ['unknown caption_type', 'caption_type', "999003, 'Weird type caption', NULL, 'WEIRD', 'solo', 'mid', 10.0, false, 'curiosity', true, now()"],
  ['NULL content_category and trigger', 'content_category', "999004, 'No category caption', NULL, 'BUMP', NULL, NULL, NULL, NULL, NULL, true, now()"],
];

export const SOURCE_CASES: BadCase[][] = [
  ...perPage('Source rows', MESSAGES, 4),
  ...perPage('Source rows', CREATORS, 3),
  ...perPage('Source rows', STATS_AND_RULES, 4),
  [
    // New captions with bad values: every page might pick them.
    ...CAPTIONS.map(([name, column], i): BadCase => ({
      group: 'Source rows',
      name: `caption_bank: ${name}`,
      inputs: true,
      arrange: i === 0 ? (ctx) => sql(ctx, CAPTIONS.map(([, , v]) => `INSERT INTO ${S}.caption_bank VALUES (${v})`).join(';\n')) : undefined,
      concerns: (ctx) => ctx.pages,
      where: () => [/caption_bank|caption/, new RegExp(`${column}|${999001 + i}`)],
    })),
  ],
  [
    {
      group: 'Special',
      name: 'empty caption bank (every caption inactive)',
      inputs: true,
      arrange: (ctx) => sql(ctx, `UPDATE ${S}.caption_bank SET is_active = false`),
      concerns: (ctx) => ctx.pages,
      where: (ctx) => [`${ctx.generated[0]}: `, /caption/i],
    },
  ],
  [
    {
      group: 'Special',
      name: 'a page with no history (new creator, no messages)',
      inputs: true,
      arrange: (ctx) => sql(ctx, `INSERT INTO ${S}.creators VALUES ('brand_new_page', 'Brand New', true, 'paid', 1200, 300, DATE '2026-11-20', 'sam')`),
      concerns: () => ['brand_new_page'],
      where: () => [/^brand_new_page: (GENERATED|SKIPPED|INVALID|FAILED) \S/],
    },
  ],
];
