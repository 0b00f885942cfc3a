// Parses GoogleSQL type text (`ARRAY<STRUCT<page_name STRING, n INT64>>`) into a ParamType.
import { splitTopLevel } from './sql-text';
import type { ParamType } from './types';

const SCALAR: Record<string, ParamType> = {
  STRING: { kind: 'STRING' },
  INT64: { kind: 'INT64' },
  INTEGER: { kind: 'INT64' },
  FLOAT64: { kind: 'FLOAT64' },
  NUMERIC: { kind: 'NUMERIC' },
  BIGNUMERIC: { kind: 'NUMERIC' },
  BOOL: { kind: 'BOOL' },
  BOOLEAN: { kind: 'BOOL' },
  DATE: { kind: 'DATE' },
  TIMESTAMP: { kind: 'TIMESTAMP' },
};

export function parseTypeText(text: string): ParamType {
  const t = text.trim().replace(/\s+/g, ' ');
  const upper = t.toUpperCase();
  const scalar = SCALAR[upper.replace(/\(.*\)$/, '')];
  if (scalar) return scalar;
  const arr = /^ARRAY\s*<(.*)>$/i.exec(t);
  if (arr) return { kind: 'ARRAY', element: parseTypeText(arr[1] as string) };
  const st = /^STRUCT\s*<(.*)>$/i.exec(t);
  if (st) {
    const fields = splitTopLevel(st[1] as string).map((f) => {
      const m = /^([A-Za-z_]\w*)\s+(.+)$/.exec(f.trim());
      if (!m) throw new Error(`STRUCT field ${JSON.stringify(f)} needs a name and a type`);
      return { name: m[1] as string, type: parseTypeText(m[2] as string) };
    });
    return { kind: 'STRUCT', fields };
  }
  throw new Error(`unsupported GoogleSQL type ${JSON.stringify(text)}`);
}
