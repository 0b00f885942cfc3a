// Load jobs (configuration.load with NEWLINE_DELIMITED_JSON media) as BigQuery checks them before
// anything is written: every line one JSON object, only the table's fields, required fields
// present, scalar values convertible to the column type. maxBadRecords is 0 (BigQuery's default),
// so one bad line fails the whole job and nothing is appended. Error texts follow BigQuery's
// ("Error while reading data, error message: JSON parsing error in row starting at position N:
// No such field: x.", cloud.google.com/bigquery/docs/error-messages); positions are byte offsets.

export interface TableColumn {
  name: string;
  /** DuckDB data type text, e.g. BIGINT, VARCHAR, STRUCT(a BIGINT)[]. */
  type: string;
  nullable: boolean;
}

export interface LoadError {
  reason: 'invalid' | 'notFound' | 'duplicate';
  message: string;
}

export type LoadOutcome = { ok: true; rows: number; bytes: number } | { ok: false; errors: LoadError[] };

const MAX_REPORTED = 5;

function scalarProblem(type: string, v: unknown): string | null {
  if (v === null) return null;
  const t = type.toUpperCase();
  if (/^(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT)$/.test(t)) {
    const ok = (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v));
    return ok ? null : 'Could not convert value to integer.';
  }
  if (/^(DOUBLE|FLOAT|DECIMAL.*)$/.test(t)) {
    const ok = typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
    return ok ? null : 'Could not convert value to double.';
  }
  if (t === 'BOOLEAN') return typeof v === 'boolean' || v === 'true' || v === 'false' ? null : 'Could not convert value to boolean.';
  if (t === 'DATE') return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'Could not parse value as date.';
  if (t.startsWith('TIMESTAMP')) {
    const ok = (typeof v === 'string' && !Number.isNaN(Date.parse(v))) || typeof v === 'number';
    return ok ? null : 'Could not parse value as timestamp.';
  }
  if (t === 'VARCHAR') return typeof v === 'object' ? 'Cannot convert a JSON object or array to STRING.' : null;
  // Nested (STRUCT/LIST) values: their shape is checked by the engine when the rows go in.
  return null;
}

/** Checks newline-delimited JSON against the table's columns; the row count or the errors. */
export function checkJsonRows(data: string, columns: readonly TableColumn[]): LoadOutcome {
  const byName = new Map(columns.map((c) => [c.name.toLowerCase(), c]));
  const errors: LoadError[] = [];
  let rows = 0;
  let bad = 0;
  let position = 0;
  for (const line of data.split('\n')) {
    const at = position;
    position += Buffer.byteLength(line) + 1;
    if (line.trim() === '') continue;
    rows += 1;
    const fail = (what: string): void => {
      bad += 1;
      if (errors.length < MAX_REPORTED) errors.push({ reason: 'invalid', message: `Error while reading data, error message: JSON parsing error in row starting at position ${at}: ${what}` });
    };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      fail(`Parser terminated before end of string (${e instanceof Error ? e.message : 'bad JSON'})`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail('Only JSON objects can be loaded: each line must be one object.');
      continue;
    }
    const row = value as Record<string, unknown>;
    const unknown = Object.keys(row).find((k) => !byName.has(k.toLowerCase()));
    if (unknown !== undefined) {
      fail(`No such field: ${unknown}.`);
      continue;
    }
    const missing = columns.find((c) => !c.nullable && (row[c.name] === undefined || row[c.name] === null));
    if (missing) {
      fail(`Missing required field: ${missing.name}.`);
      continue;
    }
    for (const [k, v] of Object.entries(row)) {
      const col = byName.get(k.toLowerCase()) as TableColumn;
      const problem = scalarProblem(col.type, v);
      if (problem) {
        fail(`${problem} Field: ${col.name}; Value: ${JSON.stringify(v)?.slice(0, 40)}`);
        break;
      }
    }
  }
  if (bad === 0) return { ok: true, rows, bytes: Buffer.byteLength(data) };
  return {
    ok: false,
    errors: [
      {
        reason: 'invalid',
        message: `Error while reading data, error message: JSON table encountered too many errors, giving up. Rows: ${rows}; errors: ${bad}. Please look into the errors[] collection for more details.`,
      },
      ...errors,
    ],
  };
}
