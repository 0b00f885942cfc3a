// Runs a multi-statement DuckDB script with named `$params`, binding to each statement only the
// parameters it uses (DuckDB rejects unused ones).
import type { DuckDBConnection, DuckDBType, DuckDBValue } from '@duckdb/node-api';

export type ScriptParams = Record<string, { value: DuckDBValue; type?: DuckDBType }>;

export async function runScript(conn: DuckDBConnection, sql: string, params: ScriptParams = {}): Promise<void> {
  const extracted = await conn.extractStatements(sql);
  for (let i = 0; i < extracted.count; i++) {
    const prepared = await extracted.prepare(i);
    const values: Record<string, DuckDBValue> = {};
    const types: Record<string, DuckDBType | undefined> = {};
    for (let k = 1; k <= prepared.parameterCount; k++) {
      const name = prepared.parameterName(k);
      const p = params[name];
      if (!p) throw new Error(`script parameter $${name} has no value (statement ${i + 1})`);
      values[name] = p.value;
      types[name] = p.type;
    }
    if (prepared.parameterCount > 0) prepared.bind(values, types);
    await prepared.run();
  }
}
