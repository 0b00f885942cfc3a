// The demo warehouse: a DuckDB database with the eros_scheduling_brain schema and a seeded,
// deterministic agency. Used by `npm start`, benchmarks, and the BigQuery stand-in's worker.
//
//   const wh = await buildWarehouse({ preset: 'demo', seed: 1, path: 'out/warehouse.duckdb' });
//   ... wh.connection ...; wh.close();   // then createBigQueryStandIn({ database: { path } })
import * as fs from 'node:fs';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { openDatabase, SCHEMA, type LoadReport } from './database';
import { generate, type GenerateSummary } from './demo/generate';
import { buildOptionsSchema, PRESETS, type BuildOptions, type Preset, type PresetName } from './demo/presets';
import { formatIssues } from '../../src/core/zod-format';

export { PRESETS, DEFAULT_END_DATE, type BuildOptions, type PresetName } from './demo/presets';
export { SCHEMA, HIDDEN_SCHEMA, openDatabase } from './database';

export interface WarehouseSummary extends GenerateSummary {
  preset: PresetName;
  seed: number;
  endDate: string;
  path: string;
  buildMs: number;
  schema: LoadReport;
}

export interface WarehouseHandle {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  summary: WarehouseSummary;
  /** Order-independent checksum per table (count and a sum of row hashes). */
  checksums(): Promise<Record<string, string>>;
  close(): void;
}

/** Builds a fresh warehouse. A file `path` is replaced (never appended to). */
export async function buildWarehouse(options: BuildOptions = {}): Promise<WarehouseHandle> {
  const parsed = buildOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new Error(`buildWarehouse ${formatIssues(parsed.error, { where: (path) => ['options', ...path.map(String)].join('.') })}`);
  }
  const o = parsed.data;
  const started = Date.now();
  const dbPath = o.path ?? ':memory:';
  if (dbPath !== ':memory:') {
    for (const f of [dbPath, `${dbPath}.wal`]) fs.rmSync(f, { force: true });
  }
  const { instance, connection, report } = await openDatabase(dbPath);
  const preset: Preset = { ...PRESETS[o.preset], ...(o.sizes ?? {}) };
  let generated: GenerateSummary;
  try {
    generated = await generate(connection, preset, o.seed, o.endDate);
    if (dbPath !== ':memory:') await connection.run('CHECKPOINT');
  } catch (e) {
    connection.closeSync();
    instance.closeSync();
    throw e;
  }
  const summary: WarehouseSummary = {
    ...generated,
    preset: o.preset,
    seed: o.seed,
    endDate: o.endDate,
    path: dbPath,
    buildMs: Date.now() - started,
    schema: report,
  };
  return {
    instance,
    connection,
    summary,
    checksums: () => tableChecksums(connection),
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export async function tableChecksums(conn: DuckDBConnection): Promise<Record<string, string>> {
  const tables = await conn.runAndReadAll(
    `SELECT schema_name, table_name FROM duckdb_tables() WHERE schema_name LIKE '${SCHEMA}%' ORDER BY 1, 2`,
  );
  const out: Record<string, string> = {};
  for (const [schema, table] of tables.getRowsJS() as Array<[string, string]>) {
    const r = await conn.runAndReadAll(`SELECT count(*), coalesce(sum(hash(t)), 0) FROM "${schema}"."${table}" t`);
    const [n, h] = r.getRowsJS()[0] ?? [0, 0];
    out[`${schema}.${table}`] = `${String(n)}:${String(h)}`;
  }
  return out;
}
