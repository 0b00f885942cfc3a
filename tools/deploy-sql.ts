/**
 * npm run deploy:sql -- [--project P] [--dataset D] [--location L] [--dry-run] [--recorded]
 * Creates the BigQuery objects of sql/ in dependency order, idempotently, with the official
 * client and application-default credentials, after checking the dataset's location and each
 * table against its file (tools/sql/deploy.ts). --dry-run changes nothing: it prints the plan,
 * analyzes every statement with ZetaSQL, and prints the location check and the drift of the live
 * dataset, read-only. Where the live dataset cannot be read (no credentials, no network), or with
 * --recorded, those checks run against the recorded REST responses of tools/sql/recorded/, and the
 * output says so.
 */
import * as path from 'node:path';
import { BigQuery } from '@google-cloud/bigquery';
import { bigQueryClient, type DeployClient } from './sql/client';
import { DEPLOY_KINDS, loadSqlFiles } from './sql/files';
import { buildPlan, deploy, parseArgs, type DeployOptions } from './sql/deploy';
import { loadRecorded, RECORDED_DIR, startFakeBigQuery } from './sql/fake-bigquery';
import { SqlChecker } from './sql/zetasql/checker';
import { startZetaSql } from './sql/zetasql/service';

async function validate(): Promise<number> {
  const svc = await startZetaSql();
  try {
    // Validate the files as deployed AND the runtime queries that use them.
    const findings = await new SqlChecker(svc).checkAll(loadSqlFiles());
    for (const f of findings) console.error(`${f.file}:${f.line}:${f.column}: ${f.message}`);
    console.log(findings.length === 0 ? 'Every statement analyzes (ZetaSQL, BigQuery mode).' : `${findings.length} problem(s).`);
    return findings.length;
  } finally {
    svc.stop();
  }
}

function live(opts: DeployOptions): DeployClient {
  return bigQueryClient(new BigQuery({ projectId: opts.project, location: opts.location, autoRetry: false }));
}

/** A client on the recorded responses (the official client, talking to the local fake). */
async function recorded(opts: DeployOptions): Promise<{ client: DeployClient; close: () => Promise<void> }> {
  const fake = await startFakeBigQuery(loadRecorded());
  const bq = new BigQuery({ projectId: opts.project, location: opts.location, apiEndpoint: fake.url, autoRetry: false });
  return { client: bigQueryClient(bq), close: fake.close };
}

/** Whether the live dataset can be read at all (credentials, network), within 20 s. */
async function reachable(client: DeployClient, dataset: string): Promise<string | null> {
  const timeout = new Promise<never>((_r, reject) => setTimeout(() => reject(new Error('no answer within 20 s')), 20_000).unref());
  try {
    await Promise.race([client.datasetLocation(dataset), timeout]);
    return null;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'number' && code < 500 && code !== 401 ? null : e instanceof Error ? e.message : String(e);
  }
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const plan = buildPlan(loadSqlFiles(undefined, DEPLOY_KINDS), opts.dataset);
  console.log(`Plan for ${opts.project}:${opts.dataset} (${opts.location}), ${plan.length} statements:`);
  plan.forEach((s, i) => console.log(`  ${String(i + 1).padStart(2)}. ${s.file.kind.padEnd(16)} ${s.file.name}`));
  const problems = opts.dryRun ? await validate() : 0;
  let target: { client: DeployClient; close: () => Promise<void> } = { client: live(opts), close: async () => undefined };
  const why = opts.recorded ? 'asked for (--recorded)' : opts.dryRun ? await reachable(target.client, opts.dataset) : null;
  if (why !== null) {
    console.log(`The live dataset was not read (${why.split('\n')[0]}): the checks below run against the recorded responses in ${path.relative(process.cwd(), RECORDED_DIR)}, not your project.`);
    target = await recorded(opts);
  }
  try {
    await deploy(plan, opts, target.client, (line) => console.log(line));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 1;
  } finally {
    await target.close();
  }
  console.log(opts.dryRun ? `dry run: nothing was sent that changes anything${problems ? `; ${problems} problem(s) above` : ''}` : 'deployed');
  return problems === 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
