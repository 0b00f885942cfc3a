/**
 * The deploy's real path: the official client (@google-cloud/bigquery) talking HTTP to the
 * recorded fake of BigQuery's REST API (tools/sql/fake-bigquery.ts), starting from the recorded
 * dataset an earlier sql/ deployed. Drift is applied where BigQuery allows it and refused where it
 * needs a migration, the location is checked before anything changes, transient errors are
 * retried; and the drift rules themselves on their own.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseTable } from '../../tools/sql/ddl';
import { buildPlan, type DeployOptions } from '../../tools/sql/deploy';
import { tableDrift } from '../../tools/sql/drift';
import { loadRecorded, type RecordedState } from '../../tools/sql/fake-bigquery';
import { DEPLOY_KINDS, loadSqlFiles } from '../../tools/sql/files';
import type { DeployOutput, Fault } from './helpers/deploy-child';

const plan = buildPlan(loadSqlFiles(undefined, DEPLOY_KINDS), 'eros_scheduling_brain');
const OPTS: DeployOptions = { project: 'of-scheduler-proj', dataset: 'eros_scheduling_brain', location: 'US', dryRun: false, recorded: false };

/** One deploy against the recorded dataset (edited first), faults injected, in its own process. */
function run(edit: (s: RecordedState) => void, options: Partial<DeployOptions> = {}, faults: Fault[] = []): DeployOutput {
  const state = loadRecorded();
  edit(state);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-')), 'input.json');
  fs.writeFileSync(file, JSON.stringify({ state, options: { ...OPTS, ...options }, faults }));
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'helpers', 'deploy-child.ts'), file], { encoding: 'utf8', timeout: 120_000 });
  if (child.status !== 0) throw new Error(`deploy child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as DeployOutput;
}
const same = (): void => undefined;

const tables = (s: RecordedState) => s.datasets.eros_scheduling_brain!.tables;
const field = (s: RecordedState, t: string, c: string) => tables(s)[t]!.schema!.fields.find((f) => f.name === c);

test('a dry run reads the location and every table, prints the drift, and changes nothing', () => {
  const fake = run(same, { dryRun: true });
  const lines = fake.lines;
  expect(lines[0]).toBe('Location: dataset of-scheduler-proj:eros_scheduling_brain is in US, as asked: every job runs there');
  expect(lines).toContain('  automation_alerts: missing - created from its file');
  expect(lines).toContain('  automation_run_log: parent_run_id: added (STRING NULLABLE) - ALTER TABLE `of-scheduler-proj.eros_scheduling_brain.automation_run_log` ADD COLUMN IF NOT EXISTS parent_run_id STRING');
  expect(lines).toContain('  mass_messages: matches its file');
  expect(fake.jobs).toEqual([]);
  expect(new Set(fake.requests)).toEqual(new Set(['GET datasets.get', 'GET tables.get']));
}, 60_000);

test('the deploy adds the columns a changed table file has, creates the new table, and a second deploy finds no drift', () => {
  const fake = run(same);
  expect(fake.error).toBeNull();
  expect(fake.jobs.filter((q) => /^ALTER/.test(q))).toEqual([
    'ALTER TABLE `of-scheduler-proj.eros_scheduling_brain.automation_run_log` ADD COLUMN IF NOT EXISTS parent_run_id STRING',
    'ALTER TABLE `of-scheduler-proj.eros_scheduling_brain.automation_run_log` ADD COLUMN IF NOT EXISTS error_message STRING',
  ]);
  expect(field(fake.state, 'automation_run_log', 'error_message')).toEqual({ name: 'error_message', type: 'STRING', mode: 'NULLABLE' });
  expect(tables(fake.state).automation_alerts?.timePartitioning).toEqual({ type: 'DAY', field: 'alert_date' });
  // Every other statement of the plan ran too, in order, in the dataset's location.
  expect(fake.jobs.filter((q) => /CREATE OR REPLACE PROCEDURE/.test(q))).toHaveLength(plan.filter((p) => p.file.kind === 'procedures').length);
  const again = run((s) => Object.assign(s, fake.state), { dryRun: true });
  expect(again.lines.filter((l) => / - /.test(l) || /REFUSED|missing/.test(l))).toEqual([]);
}, 120_000);

test('a dataset in another location stops the deploy before anything is sent, and says where it is', () => {
  const fake = run(same, { location: 'EU' });
  expect(fake.error).toMatch(/refusing to deploy, nothing was changed:\n {2}dataset of-scheduler-proj:eros_scheduling_brain is in US, not EU: a dataset cannot move; deploy with --location US/);
  expect(fake.jobs).toEqual([]);
}, 60_000);

test('drift that needs a migration is refused with what differs; what BigQuery allows in place is applied', () => {
  const refused = run((s) => {
    field(s, 'automation_run_log', 'status')!.type = 'INTEGER';
    tables(s).mass_messages!.timePartitioning = { type: 'DAY', field: 'sending_time', expirationMs: undefined } as never;
    delete tables(s).mass_messages!.timePartitioning;
  });
  expect(refused.error).toMatch(/automation_run_log: status: type INT64 live, STRING in the file[\s\S]*mass_messages: partitioning: none live, DAY on sending_time in the file/);
  expect(refused.jobs).toEqual([]);
  const applied = run((s) => {
    field(s, 'schedules', 'size_tier')!.mode = 'REQUIRED';
    tables(s).schedules!.clustering = { fields: ['week_start'] };
    tables(s).schedule_staging!.timePartitioning!.expirationMs = String(7 * 86_400_000);
    tables(s).creators!.schema!.fields.push({ name: 'legacy_note', type: 'STRING', mode: 'NULLABLE' });
  });
  expect(applied.error).toBeNull();
  expect(field(applied.state, 'schedules', 'size_tier')?.mode).toBe('NULLABLE');
  expect(tables(applied.state).schedules?.clustering).toEqual({ fields: ['page_name'] });
  expect(tables(applied.state).schedule_staging?.timePartitioning?.expirationMs).toBe(String(3 * 86_400_000));
  expect(applied.lines).toContain('  creators: legacy_note: live only (STRING NULLABLE); kept, never dropped');
  expect(field(applied.state, 'creators', 'legacy_note')).toBeDefined();
}, 120_000);

test('transient errors are retried (an API call and a failed job, sent again as a new job); others fail at once, naming the file', () => {
  const flaky = run(same, {}, [
    { kind: 'api', route: 'datasets.get', code: 503, reason: 'backendError', times: 2 },
    { kind: 'job', reason: 'backendError', match: 'FUNCTION eros_scheduling_brain\\.caption_key_v2\\b' },
    { kind: 'job', reason: 'rateLimitExceeded', match: 'PROCEDURE eros_scheduling_brain\\.log_automation_run' },
  ]);
  expect(flaky.error).toBeNull();
  expect(flaky.lines.filter((l) => /retrying/.test(l))).toHaveLength(4);
  expect(flaky.jobs.filter((q) => /FUNCTION eros_scheduling_brain\.caption_key_v2\b/.test(q))).toHaveLength(2);
  const broken = run(same, {}, [{ kind: 'job', reason: 'invalidQuery', message: 'Syntax error at [3:1]', match: 'FUNCTION eros_scheduling_brain\\.wilson_sample' }]);
  expect(broken.error).toMatch(/sql\/functions\/wilson_sample\.sql failed: Syntax error at \[3:1\]/);
  expect(broken.jobs.filter((q) => /wilson_sample/.test(q))).toHaveLength(1);
}, 120_000);

test('a missing dataset is created in the location asked for, then every table from its file', () => {
  const fake = run((s) => { delete s.datasets.eros_scheduling_brain; }, { location: 'EU' });
  expect(fake.lines[0]).toBe('Location: dataset of-scheduler-proj:eros_scheduling_brain does not exist: it is created in EU');
  expect(fake.state.datasets.eros_scheduling_brain?.dataset.location).toBe('EU');
  expect(Object.keys(tables(fake.state)).sort()).toEqual(plan.filter((p) => p.file.kind === 'tables').map((p) => p.file.name).sort());
}, 120_000);

describe('drift rules', () => {
  const spec = parseTable(`CREATE TABLE IF NOT EXISTS d.t (a INT64 NOT NULL, b NUMERIC, c STRING, tags ARRAY<STRING>, d DATE NOT NULL) PARTITION BY d CLUSTER BY a`);
  const live = (edit: (fields: Record<string, { type: string; mode?: string }>) => void) => {
    const fields: Record<string, { type: string; mode?: string }> = { a: { type: 'INTEGER', mode: 'REQUIRED' }, b: { type: 'NUMERIC' }, c: { type: 'STRING' }, tags: { type: 'STRING', mode: 'REPEATED' }, d: { type: 'DATE', mode: 'REQUIRED' } };
    edit(fields);
    return { schema: { fields: Object.entries(fields).map(([name, f]) => ({ name, ...f })) as never }, timePartitioning: { type: 'DAY', field: 'd' }, clustering: { fields: ['a'] } };
  };
  const drift = (edit: Parameters<typeof live>[0]) => tableDrift(spec, live(edit), 't');
  it('matches itself, with the API\'s legacy type names and a missing mode read as NULLABLE', () => {
    expect(drift(() => undefined)).toMatchObject({ changes: [], refusals: [], notes: [] });
  });
  it('widens INT64 to NUMERIC in place; refuses STRING to INT64', () => {
    expect(drift((f) => { f.b = { type: 'INTEGER' }; }).changes.map((c) => c.what)).toEqual(['b: INT64 widened to NUMERIC']);
    expect(drift((f) => { f.c = { type: 'INTEGER' }; }).refusals).toEqual([expect.stringMatching(/^c: type INT64 live, STRING in the file/)]);
  });
  it('refuses NULLABLE to REQUIRED, REPEATED to NULLABLE, and a new REQUIRED column', () => {
    expect(drift((f) => { f.a = { type: 'INTEGER' }; }).refusals).toEqual([expect.stringMatching(/^a: mode NULLABLE live, REQUIRED in the file/)]);
    expect(drift((f) => { f.tags = { type: 'STRING' }; }).refusals).toEqual([expect.stringMatching(/^tags: mode NULLABLE live, REPEATED in the file/)]);
    expect(drift((f) => { delete f.a; }).refusals).toEqual(['a: a new REQUIRED column cannot be added (make it NULLABLE, or migrate)']);
  });
  it('adds a missing REPEATED column', () => {
    expect(drift((f) => { delete f.tags; }).changes.map((c) => c.kind === 'sql' && c.sql)).toEqual(['ALTER TABLE t ADD COLUMN IF NOT EXISTS tags ARRAY<STRING>']);
  });
});
