/**
 * Runs one deploy through the official client against the recorded fake, in a process of its own:
 * the client's HTTP layer loads node-fetch with a dynamic import(), which Jest's module sandbox
 * cannot run. Input (a JSON file named by argv[2]): the recorded state, the deploy options and the
 * faults; output on stdout: the printed lines, the error, the jobs, the requests, the final state.
 */
import * as fs from 'node:fs';
import { BigQuery } from '@google-cloud/bigquery';
import { bigQueryClient } from '../../../tools/sql/client';
import { buildPlan, deploy, type DeployOptions } from '../../../tools/sql/deploy';
import { startFakeBigQuery, type RecordedState, type Route } from '../../../tools/sql/fake-bigquery';
import { DEPLOY_KINDS, loadSqlFiles } from '../../../tools/sql/files';

export type Fault =
  | { kind: 'api'; route: Route; code: number; reason: string; times?: number }
  | { kind: 'job'; reason: string; message?: string; match: string; times?: number };
export interface DeployInput { state: RecordedState; options: DeployOptions; faults: Fault[] }
export interface DeployOutput { lines: string[]; error: string | null; jobs: string[]; requests: string[]; state: RecordedState }

async function main(): Promise<void> {
  const input = JSON.parse(fs.readFileSync(process.argv[2] as string, 'utf8')) as DeployInput;
  const fake = await startFakeBigQuery(input.state);
  for (const f of input.faults) {
    if (f.kind === 'api') fake.fail(f.route, f);
    else fake.failJob({ ...f, match: new RegExp(f.match) });
  }
  const client = bigQueryClient(new BigQuery({ projectId: input.options.project, apiEndpoint: fake.url, autoRetry: false }));
  const lines: string[] = [];
  let error: string | null = null;
  try {
    await deploy(buildPlan(loadSqlFiles(undefined, DEPLOY_KINDS), input.options.dataset), input.options, client, (l) => lines.push(l), { sleep: async () => undefined });
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  } finally {
    await fake.close();
  }
  const out: DeployOutput = { lines, error, jobs: fake.jobs, requests: fake.requests, state: fake.state };
  process.stdout.write(JSON.stringify(out));
}

void main();
