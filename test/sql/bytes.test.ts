// The bytes table of sql/README.md: what each job the add-on sends reads and bills at 10 M
// messages, by the stand-in's estimate (BigQuery's pruning rules); and every partitioned read
// bounded on both sides where the data allows.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanCatalog } from '../../local/runtime/bigquery/scan-catalog';
import { bytesTable, MARKERS, openReads, README, UNBOUNDED } from '../../tools/sql/bytes-table';

jest.setTimeout(120_000);

const catalog = () => scanCatalog(path.join(__dirname, '..', '..', 'sql'));

test('every partitioned read of the jobs has a lower and an upper constant bound, but the listed ones', () => {
  expect(openReads(catalog()).sort()).toEqual(Object.keys(UNBOUNDED).sort());
});

test('sql/README.md carries the table the estimate gives (npm run bytes:sql rewrites it)', async () => {
  const text = fs.readFileSync(README, 'utf8');
  const [b, e] = [text.indexOf(MARKERS.begin), text.indexOf(MARKERS.end)];
  expect(b).toBeGreaterThan(0);
  expect(text.slice(b + MARKERS.begin.length, e).trim()).toBe((await bytesTable()).trim());
});

test('the hourly and daily jobs read a bounded share of the year of messages', async () => {
  const table = await bytesTable();
  const read = (job: string, t: string): number => Number(new RegExp(`${t}: (\\d+) of`).exec(table.slice(table.indexOf(`\`${job}\``)))?.[1]);
  expect(read('page_analysis', 'mass_messages')).toBeLessThanOrEqual(92);
  expect(read('caption_candidates', 'mass_messages')).toBeLessThanOrEqual(14);
  expect(read('CALL sweep_expired_caption_locks', 'active_caption_assignments')).toBeLessThanOrEqual(36);
  expect(read('CALL update_caption_performance', 'mass_messages')).toBeLessThanOrEqual(92);
});
