// The twin registry: which DuckDB text answers which GoogleSQL statement. Built by scanning the
// folders at startup, so a new sql/queries/<name>.sql with its twin works without code changes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTypeText } from './type-text';
import { bundledSqlText } from '../../../tools/sql-bundle-text.cjs';
import { normalizeSql, splitTopLevel } from './sql-text';
import type { ParamType } from './types';

export interface ProcedureArg {
  name: string;
  mode: 'IN' | 'OUT' | 'INOUT';
  type?: ParamType;
}

export interface ProcedureTwin {
  name: string;
  twinPath: string;
  args: ProcedureArg[] | undefined;
}

export interface RegistryDirs {
  /** Folder holding `queries/` and `procedures/` with the GoogleSQL files (default: <root>/sql). */
  sqlDir: string;
  /** Folder holding `queries/` and `procedures/` twins (default: <root>/local/warehouse/twins). */
  twinsDir: string;
}

function listSql(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .sort();
  } catch {
    return [];
  }
}

const PROC_HEAD = /CREATE\s+(?:OR\s+REPLACE\s+)?PROCEDURE\s+(?:IF\s+NOT\s+EXISTS\s+)?[`\w.-]+\s*\(/i;

/** Reads `name TYPE` (with optional IN/OUT/INOUT) from a procedure's parameter list. */
export function parseProcedureArgs(sql: string): ProcedureArg[] | undefined {
  const text = normalizeSql(sql);
  const head = PROC_HEAD.exec(text);
  if (!head) return undefined;
  let depth = 1;
  let i = head.index + head[0].length;
  const start = i;
  for (; i < text.length && depth > 0; i++) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')') depth -= 1;
  }
  const list = text.slice(start, i - 1);
  return splitTopLevel(list).map((decl) => {
    const m = /^(?:(IN|OUT|INOUT)\s+)?([A-Za-z_]\w*)\s+(.+)$/i.exec(decl.trim());
    if (!m) throw new Error(`cannot read procedure parameter ${JSON.stringify(decl)}`);
    const mode = (m[1]?.toUpperCase() ?? 'IN') as ProcedureArg['mode'];
    return { name: m[2] as string, mode, type: parseTypeText(m[3] as string) };
  });
}

/** A query as the registry knows it: as the bundle carries it (tools/sql-bundle-text.cjs), normalized. */
const queryKey = (sql: string, datasets: readonly string[]): string => normalizeSql(bundledSqlText(sql), datasets);

export class TwinRegistry {
  /** normalized GoogleSQL → twin DuckDB text */
  readonly queries = new Map<string, { name: string; twin: string }>();
  readonly procedures = new Map<string, ProcedureTwin>();
  /** GoogleSQL query files without a twin (reported, never guessed). */
  readonly missing: string[] = [];

  constructor(readonly dirs: RegistryDirs) {
    this.reload();
  }

  reload(): void {
    this.queries.clear();
    this.procedures.clear();
    this.missing.length = 0;
    const twinQueries = path.join(this.dirs.twinsDir, 'queries');
    for (const file of listSql(path.join(this.dirs.sqlDir, 'queries'))) {
      const twinFile = path.join(twinQueries, file);
      if (!fs.existsSync(twinFile)) {
        this.missing.push(`queries/${file}`);
        continue;
      }
      const key = queryKey(fs.readFileSync(path.join(this.dirs.sqlDir, 'queries', file), 'utf8'), []);
      this.queries.set(key, { name: file.replace(/\.sql$/, ''), twin: fs.readFileSync(twinFile, 'utf8') });
    }
    for (const file of listSql(path.join(this.dirs.twinsDir, 'procedures'))) {
      const name = file.replace(/\.sql$/, '');
      const twinPath = path.join(this.dirs.twinsDir, 'procedures', file);
      const source = path.join(this.dirs.sqlDir, 'procedures', file);
      let args = fs.existsSync(source) ? parseProcedureArgs(fs.readFileSync(source, 'utf8')) : undefined;
      // Fallback for a twin without GoogleSQL source: a `-- params: a DATE, b ARRAY<STRING>` line.
      if (!args) {
        const line = /^\s*--\s*params:\s*(.*)$/im.exec(fs.readFileSync(twinPath, 'utf8'));
        if (line) args = parseProcedureArgs(`CREATE PROCEDURE p(${line[1] ?? ''}) BEGIN END`);
      }
      this.procedures.set(name.toLowerCase(), { name, twinPath, args });
    }
  }

  lookup(sql: string, datasets: readonly string[]): { name: string; twin: string } | undefined {
    return this.queries.get(queryKey(sql, datasets));
  }
}
