/**
 * Deploy plan and execution for the BigQuery objects in sql/: dependency-ordered, idempotent
 * (tables IF NOT EXISTS; functions, table functions, views, procedures OR REPLACE; the seed is a
 * MERGE), never a DROP. The dataset qualifier is replaced by the validated --dataset.
 * Before anything changes, the live dataset is read: its location must be the one asked for
 * (`CREATE SCHEMA IF NOT EXISTS ... OPTIONS(location=...)` is a silent no-op on a dataset in another
 * location, and every job there then fails "not found in location"), and each existing table is
 * compared with its file (drift.ts): what BigQuery can change in place is changed, what needs a
 * migration stops the deploy with what differs. A dry run reads and prints all of it, changing
 * nothing. Calls that fail transiently are sent again (retry.ts).
 */
import * as z from 'zod';
import { DATASET, codeOnly, deployOrder, type SqlFile } from './files';
import { DATASET_PATTERN, qualify } from '../../src/core/run/qualify';
import { DEFAULT_SETTINGS } from '../../src/core/run/settings';
import { formatIssues } from '../../src/core/zod-format';
import type { DeployClient } from './client';
import { parseTable } from './ddl';
import { driftLines, tableDrift, type TableDrift } from './drift';
import { withRetries, type RetryOptions } from './retry';

export const DeployOptions = z.object({
  project: z.string().regex(/^(?:[a-z][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
    '--project must be a Google Cloud project id (6-30 lower-case letters, digits, hyphens; optionally domain:project)').default(DEFAULT_SETTINGS.project),
  dataset: z.string().regex(DATASET_PATTERN, '--dataset must be letters, digits and underscores, not starting with a digit').default(DATASET),
  location: z.string().regex(/^[A-Za-z0-9-]+$/, '--location must be letters, digits and hyphens (e.g. US, EU, us-central1)').default('US'),
  dryRun: z.boolean().default(false),
  /** Read the recorded REST responses (tools/sql/recorded) instead of the live project. */
  recorded: z.boolean().default(false),
});
export type DeployOptions = z.infer<typeof DeployOptions>;

const USAGE = 'usage: [--project P] [--dataset D] [--location L] [--dry-run] [--recorded]';

export function parseArgs(argv: string[]): DeployOptions {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--dry-run') { raw.dryRun = true; continue; }
    if (arg === '--recorded') { raw.recorded = true; continue; }
    const m = /^--(project|dataset|location)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unknown argument "${arg}" (${USAGE})`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    raw[m[1] as string] = value;
  }
  const parsed = DeployOptions.safeParse(raw);
  if (!parsed.success) throw new Error(formatIssues(parsed.error, { empty: 'arguments' }));
  return parsed.data;
}

export interface PlannedStatement { file: SqlFile; sql: string }

/** Rules every deployable file must follow; returns the violations (empty = fine). */
export function ruleViolations(file: SqlFile): string[] {
  const code = codeOnly(file.text);
  const problems: string[] = [];
  if (/\bDROP\b/i.test(code)) problems.push(`${file.relPath}: contains DROP`);
  const expected: Record<string, RegExp> = {
    tables: /^\s*CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS\s/i,
    functions: /^\s*CREATE\s+OR\s+REPLACE\s+FUNCTION\s/i,
    table_functions: /^\s*CREATE\s+OR\s+REPLACE\s+TABLE\s+FUNCTION\s/i,
    views: /^\s*CREATE\s+OR\s+REPLACE\s+VIEW\s/i,
    procedures: /^\s*CREATE\s+OR\s+REPLACE\s+PROCEDURE\s/i,
    seed: /^\s*MERGE\s/i,
  };
  const rule = expected[file.kind];
  if (rule && !rule.test(code)) problems.push(`${file.relPath}: a ${file.kind} file must start with ${rule.source.replace(/\\s\+|\^|\\s\*/g, ' ').trim()}`);
  if (file.kind !== 'seed' && !new RegExp(`\\b${DATASET}\\.${file.name}\\b`).test(code)) {
    problems.push(`${file.relPath}: must define ${DATASET}.${file.name}`);
  }
  return problems;
}

export function buildPlan(files: SqlFile[], dataset: string): PlannedStatement[] {
  const problems = files.flatMap(ruleViolations);
  if (problems.length) throw new Error(`refusing to deploy:\n  ${problems.join('\n  ')}`);
  return deployOrder(files).map((file) => ({ file, sql: qualify(file.text, dataset) }));
}

/** The live dataset against the plan: its location and each table's drift. */
export interface Inspection {
  /** The dataset's location, or null when it does not exist yet. */
  location: string | null;
  drifts: TableDrift[];
  /** Why the deploy must stop before changing anything (location, migrations). */
  problems: string[];
}

export async function inspect(plan: PlannedStatement[], opts: DeployOptions, client: DeployClient, retry: RetryOptions = {}): Promise<Inspection> {
  const location = await withRetries('datasets.get', () => client.datasetLocation(opts.dataset), retry);
  const problems: string[] = [];
  if (location !== null && location.toLowerCase() !== opts.location.toLowerCase()) {
    problems.push(`dataset ${opts.project}:${opts.dataset} is in ${location}, not ${opts.location}: a dataset cannot move; deploy with --location ${location}, or to another dataset`);
  }
  const drifts: TableDrift[] = [];
  for (const step of plan.filter((s) => s.file.kind === 'tables')) {
    const spec = parseTable(step.sql);
    const live = location === null ? null : await withRetries(`tables.get ${spec.name}`, () => client.table(opts.dataset, spec.name), retry);
    const drift = tableDrift(spec, live, `\`${opts.project}.${opts.dataset}.${spec.name}\``);
    drifts.push(drift);
    problems.push(...drift.refusals.map((r) => `${spec.name}: ${r}`));
  }
  return { location, drifts, problems };
}

/** The location check and the drift, as printed. */
export function inspectionLines(i: Inspection, opts: DeployOptions): string[] {
  const where = i.location === null
    ? `dataset ${opts.project}:${opts.dataset} does not exist: it is created in ${opts.location}`
    : i.location.toLowerCase() === opts.location.toLowerCase()
      ? `dataset ${opts.project}:${opts.dataset} is in ${i.location}, as asked: every job runs there`
      : `REFUSED: ${i.problems[0] ?? ''}`;
  return [`Location: ${where}`, 'Tables against their files:', ...i.drifts.flatMap(driftLines).map((l) => `  ${l}`)];
}

/** Runs the plan: the dataset if missing, each table's changes, then every other statement. */
export async function deploy(plan: PlannedStatement[], opts: DeployOptions, client: DeployClient,
  log: (line: string) => void, retry: RetryOptions = {}): Promise<Inspection> {
  const r: RetryOptions = { ...retry, log };
  const inspection = await inspect(plan, opts, client, r);
  for (const line of inspectionLines(inspection, opts)) log(line);
  if (inspection.problems.length > 0) throw new Error(`refusing to deploy, nothing was changed:\n  ${inspection.problems.join('\n  ')}`);
  if (opts.dryRun) return inspection;
  if (inspection.location === null) {
    log(`creating dataset ${opts.dataset} in ${opts.location}`);
    await withRetries('datasets.insert', () => client.createDataset(opts.dataset, opts.location), r);
  }
  const drifts = new Map(inspection.drifts.map((d) => [d.table, d]));
  for (const [i, step] of plan.entries()) {
    log(`[${i + 1}/${plan.length}] ${step.file.kind}/${step.file.name}`);
    const drift = drifts.get(step.file.name);
    const statements = step.file.kind === 'tables' && drift && !drift.missing ? drift.changes : [{ kind: 'sql' as const, sql: step.sql, what: '' }];
    for (const change of statements) {
      try {
        if (change.kind === 'clustering') await withRetries(`tables.patch ${step.file.name}`, () => client.setClustering(opts.dataset, step.file.name, change.fields), r);
        else await withRetries(step.file.relPath, () => client.query(change.sql, opts.location), r);
      } catch (e) {
        throw Object.assign(new Error(`${step.file.relPath} failed: ${e instanceof Error ? e.message : String(e)}`), { cause: e });
      }
    }
  }
  return inspection;
}
