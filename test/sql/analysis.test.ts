/**
 * Every statement of every file in sql/ analyzes with ZetaSQL (BigQuery-like options), and the
 * checker really catches mistakes in table functions, procedure bodies and scripts.
 */
import { loadSqlFiles, type SqlFile } from '../../tools/sql/files';
import { SqlChecker } from '../../tools/sql/zetasql/checker';
import { startZetaSql, type ZetaService } from '../../tools/sql/zetasql/service';

let svc: ZetaService;
const files = loadSqlFiles();

beforeAll(async () => { svc = await startZetaSql(); });
afterAll(() => svc?.stop());

const withEdit = (name: string, from: string, to: string): SqlFile[] => files.map((f) => {
  if (f.name !== name) return f;
  if (!f.text.includes(from)) throw new Error(`${f.relPath} does not contain ${from}`);
  return { ...f, text: f.text.replace(from, to) };
});

test('sql/ holds every object the seed names', () => {
  const names = new Set(files.map((f) => `${f.kind}/${f.name}`));
  for (const n of ['functions/caption_key_v2', 'functions/caption_key', 'functions/wilson_score_bounds', 'functions/wilson_sample',
    'tables/caption_bandit_stats', 'tables/holiday_calendar', 'tables/schedule_export_log', 'tables/active_caption_assignments',
    'table_functions/classify_account_size', 'table_functions/analyze_saturation_status', 'table_functions/analyze_creator_performance',
    'views/schedule_recommendations_messages', 'views/restrictions_view', 'procedures/update_caption_performance',
    'procedures/run_daily_automation', 'procedures/sweep_expired_caption_locks', 'procedures/select_captions_for_creator',
    'seed/holiday_calendar']) {
    expect(names).toContain(n);
  }
});

test('all of sql/ analyzes cleanly', async () => {
  const findings = await new SqlChecker(svc).checkAll(files);
  expect(findings).toEqual([]);
});

test('a misspelled column in a table function is caught with its file and line', async () => {
  const findings = await new SqlChecker(svc).checkAll(withEdit('classify_account_size', 'h.is_ppv', 'h.is_ppvv'));
  expect(findings[0]).toMatchObject({ file: 'sql/table_functions/classify_account_size.sql', message: expect.stringContaining('is_ppvv') });
  const lines = files.find((f) => f.name === 'classify_account_size')!.text.split('\n');
  expect(lines[findings[0]!.line - 1]).toContain('h.is_ppv');
});

test('a misspelled column inside a procedure body is caught', async () => {
  const findings = await new SqlChecker(svc).checkAll(withEdit('sweep_expired_caption_locks', "deactivation_reason = 'EXPIRED'", "deactivation_reasn = 'EXPIRED'"));
  expect(findings).toEqual([expect.objectContaining({ file: 'sql/procedures/sweep_expired_caption_locks.sql', message: expect.stringContaining('deactivation_reasn') })]);
});

test('statements inside BEGIN ... EXCEPTION blocks and their handlers are analyzed, with @@error and @@row_count', async () => {
  const cases: Array<[string, string, string, string]> = [
    ['update_caption_performance', 'SET failure = @@error.message;', 'SET failure = @@error.mesage;', 'mesage'],
    ['sweep_expired_caption_locks', 'SET expired_locks = @@row_count;', 'SET expired_locks = @@row_counts;', ''],
    ['fail_run', 'RAISE USING MESSAGE = failure;', 'RAISE USING MESSAGE = failur;', 'failur'],
  ];
  for (const [name, from, to, word] of cases) {
    const findings = await new SqlChecker(svc).checkAll(withEdit(name, from, to));
    expect(findings).toEqual([expect.objectContaining({ file: `sql/procedures/${name}.sql`, message: expect.stringContaining(word) })]);
  }
});

test('a wrong variable type inside a procedure body is caught (DECLAREd variables are typed)', async () => {
  const findings = await new SqlChecker(svc).checkAll(withEdit('run_daily_automation', 'DECLARE queued_pages INT64 DEFAULT 0;', 'DECLARE queued_pages DATE DEFAULT NULL;'));
  expect(findings.some((f) => f.file === 'sql/procedures/run_daily_automation.sql')).toBe(true);
});

test('each DML statement of a multi-statement query script is analyzed', async () => {
  const findings = await new SqlChecker(svc).checkAll(withEdit('write_schedules', 'm.selection_reason, TRUE', 'm.selection_reasn, TRUE'));
  expect(findings).toEqual([expect.objectContaining({ file: 'sql/queries/write_schedules.sql', message: expect.stringContaining('selection_reasn') })]);
});

test('an undeclared query parameter is caught', async () => {
  const findings = await new SqlChecker(svc).checkAll(withEdit('page_analysis', '-- @param lookback_days INT64\n', ''));
  expect(findings).toEqual([expect.objectContaining({ file: 'sql/queries/page_analysis.sql', message: expect.stringContaining('lookback_days') })]);
});

test('a runtime query parameter declared with the wrong type is caught (holidays: DATE bounds)', async () => {
  const findings = await new SqlChecker(svc).checkAll(withEdit('holidays', '-- @param week_end DATE', '-- @param week_end INT64'));
  expect(findings).toEqual([expect.objectContaining({ file: 'sql/queries/holidays.sql' })]);
});

test('a CALL with a wrong argument type is caught', async () => {
  const findings = await new SqlChecker(svc).checkAll(withEdit('run_daily_automation', 'CALL eros_scheduling_brain.sweep_expired_caption_locks(NULL, id);', 'CALL eros_scheduling_brain.sweep_expired_caption_locks(1, id);'));
  expect(findings).toEqual([expect.objectContaining({ file: 'sql/procedures/run_daily_automation.sql' })]);
});
