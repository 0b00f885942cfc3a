// The stand-in over the demo warehouse: built inside the worker, or opened from a file.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createBigQueryStandIn } from '../../../local/runtime/bigquery/index';
import { buildWarehouse } from '../../../local/warehouse/index';

const q = (query: string) => ({ query, useLegacySql: false });

test('a stand-in builds the demo warehouse in its worker and reports the build', () => {
  const bq = createBigQueryStandIn({ database: { build: { preset: 'demo', seed: 3 } }, passthrough: true });
  try {
    expect(bq.warehouse).toMatchObject({ preset: 'demo', seed: 3, pages: 30, captions: 3000 });
    const r = bq.service.Jobs.query(q('SELECT count(*) AS n FROM eros_scheduling_brain.creators'), 'p') as { rows: Array<{ f: Array<{ v: unknown }> }> };
    expect(r.rows[0]?.f[0]?.v).toBe('30');
    // The bridge itself (no job bookkeeping): one blocking round trip to the worker.
    const n = 300;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) bq.sql('SELECT 1 AS one');
    console.log(`sync worker round trip: ${(Number(process.hrtime.bigint() - t0) / 1e6 / n).toFixed(3)} ms`);
  } finally {
    bq.close();
  }
});

test('a warehouse file built and closed can be opened by the stand-in', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wh-')), 'demo.duckdb');
  const wh = await buildWarehouse({ preset: 'demo', seed: 5, path: file, sizes: { pages: 6, captions: 200, days: 20 } });
  const expected = wh.summary.messages;
  wh.close();
  const bq = createBigQueryStandIn({ database: { path: file }, passthrough: true });
  try {
    const rows = bq.sql('SELECT count(*) AS n FROM eros_scheduling_brain.mass_messages');
    expect(Number(rows[0]?.n)).toBe(expected);
  } finally {
    bq.close();
  }
});
