/** The reference evaluator and a DuckDB with the twins, both holding a test file's fixture tables. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { insertRows, openTwinWarehouse, type Row } from './duck';
import { Reference } from './reference';

export function withEngines(tables: Record<string, Row[]>): { ref: () => Reference; duck: () => DuckDBConnection } {
  let ref: Reference | undefined;
  let duck: DuckDBConnection | undefined;
  beforeAll(async () => {
    ref = await Reference.start();
    duck = await openTwinWarehouse();
    for (const [t, rows] of Object.entries(tables)) await insertRows(duck, t, ref.columns(t), rows);
  }, 120_000);
  afterAll(() => { ref?.stop(); duck?.closeSync(); });
  return { ref: () => ref as Reference, duck: () => duck as DuckDBConnection };
}
