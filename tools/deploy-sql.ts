/**
 * npm run deploy:sql -- --project P --dataset D [--location L] [--dry-run]
 * Creates the BigQuery objects of sql/ in dependency order, idempotently, with the official
 * client and application-default credentials. --dry-run works offline: it prints the plan and
 * validates every statement with the ZetaSQL analyzer (tools/sql/zetasql).
 */
import { BigQuery } from '@google-cloud/bigquery';
import { DEPLOY_KINDS, loadSqlFiles } from './sql/files';
import { buildPlan, deploy, parseArgs, type BigQueryLike } from './sql/deploy';
import { SqlChecker } from './sql/zetasql/checker';
import { startZetaSql } from './sql/zetasql/service';

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const files = loadSqlFiles(undefined, DEPLOY_KINDS);
  const plan = buildPlan(files, opts.dataset);
  console.log(`Plan for ${opts.project}:${opts.dataset} (${opts.location}), ${plan.length} statements:`);
  plan.forEach((s, i) => console.log(`  ${String(i + 1).padStart(2)}. ${s.file.kind.padEnd(16)} ${s.file.name}`));
  if (opts.dryRun) {
    const svc = await startZetaSql();
    try {
      // Validate the files as deployed AND the runtime queries that use them.
      const findings = await new SqlChecker(svc).checkAll(loadSqlFiles());
      for (const f of findings) console.error(`${f.file}:${f.line}:${f.column}: ${f.message}`);
      console.log(findings.length === 0 ? 'dry run: every statement analyzes (ZetaSQL, BigQuery mode); nothing was sent' : `dry run: ${findings.length} problem(s)`);
      return findings.length === 0 ? 0 : 1;
    } finally {
      svc.stop();
    }
  }
  const client = new BigQuery({ projectId: opts.project, location: opts.location }) as unknown as BigQueryLike;
  await deploy(plan, opts, client, (line) => console.log(line));
  console.log('deployed');
  return 0;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
