/**
 * The project's GoogleSQL files: where they live, which objects they define, which objects they
 * reference, their declared query parameters, and the deploy order.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseType, type SqlType } from './types';

/** Deployable kinds in deploy order; queries are sent by the bundle at run time, not deployed. */
export const DEPLOY_KINDS = ['tables', 'seed', 'functions', 'table_functions', 'views', 'procedures'] as const;
export type DeployKind = (typeof DEPLOY_KINDS)[number];
export type SqlKind = DeployKind | 'queries';
export const ALL_KINDS: readonly SqlKind[] = [...DEPLOY_KINDS, 'queries'];

export { DEFAULT_DATASET as DATASET, codeOnly } from '../../src/core/run/qualify';
import { DEFAULT_DATASET as DATASET, codeOnly } from '../../src/core/run/qualify';

export interface SqlFile {
  kind: SqlKind;
  /** Object name = file name without .sql. */
  name: string;
  /** Path relative to the repository root, with forward slashes. */
  relPath: string;
  text: string;
}

export function repoRoot(): string {
  return path.resolve(__dirname, '..', '..');
}

export function loadSqlFiles(root = repoRoot(), kinds: readonly SqlKind[] = ALL_KINDS): SqlFile[] {
  const files: SqlFile[] = [];
  for (const kind of kinds) {
    const dir = path.join(root, 'sql', kind);
    if (!fs.existsSync(dir)) continue;
    for (const entry of fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
      files.push({
        kind,
        name: entry.slice(0, -4),
        relPath: `sql/${kind}/${entry}`,
        text: fs.readFileSync(path.join(dir, entry), 'utf8'),
      });
    }
  }
  return files;
}

/** Names of dataset objects a file mentions (dataset-qualified), excluding itself. */
export function referencedObjects(file: SqlFile): string[] {
  const names = new Set<string>();
  for (const m of codeOnly(file.text).matchAll(new RegExp(`\\b${DATASET}\\.([A-Za-z_][A-Za-z0-9_]*)`, 'g'))) {
    if (m[1] && m[1] !== file.name) names.add(m[1]);
  }
  return [...names].sort();
}

/** Query parameters declared in the header as `-- @param name TYPE`. */
export function declaredParams(text: string): { name: string; type: SqlType }[] {
  const params: { name: string; type: SqlType }[] = [];
  for (const m of text.matchAll(/^--\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)\s+(.+?)\s*$/gm)) {
    params.push({ name: m[1] as string, type: parseType(m[2] as string) });
  }
  return params;
}

/**
 * Deploy order: kinds in DEPLOY_KINDS order, names alphabetical within a kind, except that an
 * object always comes after the objects it references (a table function that reads a view pulls
 * that view ahead of itself). A reference cycle is an error.
 */
export function deployOrder(files: SqlFile[]): SqlFile[] {
  const rank = (f: SqlFile): number => DEPLOY_KINDS.indexOf(f.kind as DeployKind);
  const deployable = files
    .filter((f) => rank(f) >= 0)
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
  const byName = new Map(deployable.filter((f) => f.kind !== 'seed').map((f) => [f.name, f]));
  const state = new Map<SqlFile, 'visiting' | 'done'>();
  const ordered: SqlFile[] = [];
  const visit = (f: SqlFile, trail: string[]): void => {
    const s = state.get(f);
    if (s === 'done') return;
    if (s === 'visiting') throw new Error(`reference cycle: ${[...trail, f.name].join(' -> ')}`);
    state.set(f, 'visiting');
    for (const ref of referencedObjects(f)) {
      const dep = byName.get(ref);
      if (dep) visit(dep, [...trail, f.name]);
    }
    state.set(f, 'done');
    ordered.push(f);
  };
  for (const f of deployable) visit(f, []);
  return ordered;
}
