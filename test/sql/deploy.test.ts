/** Deploy plan rules and argument validation (the client path: deploy-drift.test.ts). */
import { DEPLOY_KINDS, loadSqlFiles } from '../../tools/sql/files';
import { buildPlan, parseArgs, ruleViolations } from '../../tools/sql/deploy';
import { qualify } from '../../src/core/run/qualify';

const files = loadSqlFiles(undefined, DEPLOY_KINDS);

test('every deployable file follows the idempotency rules (IF NOT EXISTS / OR REPLACE / MERGE, no DROP)', () => {
  expect(files.length).toBeGreaterThan(20);
  expect(files.flatMap(ruleViolations)).toEqual([]);
});

test('a DROP or a plain CREATE TABLE is refused', () => {
  const table = files.find((f) => f.kind === 'tables')!;
  expect(ruleViolations({ ...table, text: table.text.replace('IF NOT EXISTS ', '') })).toHaveLength(1);
  expect(() => buildPlan([...files, { ...table, name: 'x', text: `DROP TABLE eros_scheduling_brain.x;` }], 'd')).toThrow(/DROP/);
  // DROP in a comment is not a statement.
  expect(ruleViolations({ ...table, text: `-- never DROP\n${table.text}` })).toEqual([]);
});

test('the plan puts every object after what it references, kinds in deploy order', () => {
  const plan = buildPlan(files, 'eros_scheduling_brain');
  const pos = (kind: string, name: string): number => plan.findIndex((p) => p.file.kind === kind && p.file.name === name);
  expect(pos('functions', 'caption_key_v2')).toBeLessThan(pos('functions', 'caption_key'));
  expect(pos('table_functions', 'classify_account_size')).toBeLessThan(pos('table_functions', 'analyze_saturation_status'));
  expect(pos('views', 'restrictions_view')).toBeLessThan(pos('table_functions', 'caption_candidate_pool'));
  expect(pos('tables', 'holiday_calendar')).toBeLessThan(pos('seed', 'holiday_calendar'));
  expect(pos('procedures', 'log_automation_run')).toBeLessThan(pos('procedures', 'sweep_expired_caption_locks'));
  expect(pos('procedures', 'sweep_expired_caption_locks')).toBeLessThan(pos('procedures', 'run_daily_automation'));
  expect(plan[0]!.file.kind).toBe('tables');
  expect(plan[plan.length - 1]!.file.kind).toBe('procedures');
});

test('the dataset qualifier is replaced in code only', () => {
  const sql = "-- eros_scheduling_brain.x stays\nSELECT 'eros_scheduling_brain.y' FROM eros_scheduling_brain.z JOIN `other.eros_scheduling_brain.w`";
  expect(qualify(sql, 'prod_ds')).toBe("-- eros_scheduling_brain.x stays\nSELECT 'eros_scheduling_brain.y' FROM prod_ds.z JOIN `other.eros_scheduling_brain.w`");
});

test('arguments are validated with clear messages; a bare --dry-run checks the default project and dataset', () => {
  expect(parseArgs(['--dry-run'])).toEqual({ project: 'of-scheduler-proj', dataset: 'eros_scheduling_brain', location: 'US', dryRun: true, recorded: false });
  expect(parseArgs(['--project', 'of-scheduler-proj', '--dataset', 'eros_scheduling_brain', '--dry-run', '--recorded']))
    .toEqual({ project: 'of-scheduler-proj', dataset: 'eros_scheduling_brain', location: 'US', dryRun: true, recorded: true });
  expect(parseArgs(['--project=example.com:my-proj', '--dataset=d', '--location=us-central1']).location).toBe('us-central1');
  expect(() => parseArgs(['--project', 'P', '--dataset', 'd'])).toThrow(/--project must be/);
  expect(() => parseArgs(['--project', 'good-proj', '--dataset', 'a.b'])).toThrow(/--dataset must be/);
  expect(() => parseArgs(['--project', 'good-proj', '--dataset', 'd', '--location', 'us central'])).toThrow(/--location must be/);
  expect(() => parseArgs(['--project', 'good-proj', '--dataset', 'd', '--force'])).toThrow(/unknown argument/);
});
