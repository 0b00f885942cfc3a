/**
 * Deploy plan and execution for the BigQuery objects in sql/: dependency-ordered, idempotent
 * (tables IF NOT EXISTS; functions, table functions, views, procedures OR REPLACE; the seed is a
 * MERGE), never a DROP. The dataset qualifier is replaced by the validated --dataset.
 */
import * as z from 'zod';
import { DATASET, codeOnly, deployOrder, type SqlFile } from './files';
import { DATASET_PATTERN, qualify } from '../../src/core/run/qualify';
import { formatIssues } from '../../src/core/zod-format';

export const DeployOptions = z.object({
  project: z.string().regex(/^(?:[a-z][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
    '--project must be a Google Cloud project id (6-30 lower-case letters, digits, hyphens; optionally domain:project)'),
  dataset: z.string().regex(DATASET_PATTERN, '--dataset must be letters, digits and underscores, not starting with a digit'),
  location: z.string().regex(/^[A-Za-z0-9-]+$/, '--location must be letters, digits and hyphens (e.g. US, EU, us-central1)').default('US'),
  dryRun: z.boolean().default(false),
});
export type DeployOptions = z.infer<typeof DeployOptions>;

export function parseArgs(argv: string[]): DeployOptions {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--dry-run') { raw.dryRun = true; continue; }
    const m = /^--(project|dataset|location)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unknown argument "${arg}" (usage: --project P --dataset D [--location L] [--dry-run])`);
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

/** The subset of @google-cloud/bigquery the deploy uses (a fake is injected in tests). */
export interface BigQueryLike {
  createDataset?(id: string, options: { location: string }): Promise<unknown>;
  dataset(id: string): { exists(): Promise<[boolean]> };
  createQueryJob(options: { query: string; location: string; useLegacySql: false }): Promise<[{ id?: string; getQueryResults(): Promise<unknown> }, ...unknown[]]>;
}

export async function deploy(plan: PlannedStatement[], opts: DeployOptions, client: BigQueryLike,
  log: (line: string) => void): Promise<void> {
  const [exists] = await client.dataset(opts.dataset).exists();
  if (!exists) {
    if (!client.createDataset) throw new Error(`dataset ${opts.project}:${opts.dataset} does not exist`);
    log(`creating dataset ${opts.dataset} in ${opts.location}`);
    await client.createDataset(opts.dataset, { location: opts.location });
  }
  for (const [i, step] of plan.entries()) {
    log(`[${i + 1}/${plan.length}] ${step.file.kind}/${step.file.name}`);
    const [job] = await client.createQueryJob({ query: step.sql, location: opts.location, useLegacySql: false });
    try {
      await job.getQueryResults();
    } catch (e) {
      const failure = new Error(`${step.file.relPath} failed in job ${job.id ?? '?'}: ${e instanceof Error ? e.message : String(e)}`);
      throw Object.assign(failure, { cause: e });
    }
  }
}
