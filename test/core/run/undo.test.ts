import { undoLastGeneration, type UndoDeps } from '../../../src/core/run/undo';
import { RUNS_HEADER } from '../../../src/core/run/tabs';
import { FakeLock, FakeWarehouse, FakeWorkbook, silentLogger, VirtualClock } from './fakes';

function setup() {
  const clock = new VirtualClock();
  const warehouse = new FakeWarehouse(clock, []);
  const workbook = new FakeWorkbook();
  workbook.tabs.set('alpha', { header: ['Schedule ID'], rows: [['sch_new']] });
  const deps: UndoDeps = {
    warehouse, workbook, lock: new FakeLock(), clock, sleeper: clock, logger: silentLogger(),
    queries: { scheduleExport: 'export', logExports: 'log' },
  };
  return { clock, warehouse, workbook, deps };
}
const col = (name: string): number => RUNS_HEADER.indexOf(name);

it('calls the procedure with the page, the schedule and the run id; a restored week with taken captions says so; one Runs row', () => {
  const t = setup();
  t.warehouse.handlers.undo_generation = () => [{ undone_schedule_id: 'sch_new', reactivated_schedule_id: 'sch_old', locks_released: 70, locks_reactivated: 66, captions_taken: 4 }];
  t.warehouse.handlers.schedule_export = () => [{ page_name: 'alpha', schedule_id: 'sch_old', slot_index: 1 }];
  const r = undoLastGeneration(t.deps, 'alpha');
  const params = t.warehouse.calls[0]!.params;
  expect(t.warehouse.calls[0]!.sql).toMatch(/^CALL eros_scheduling_brain\.undo_generation\(/);
  expect(params).toMatchObject({ undo_page: 'alpha', undo_schedule: 'sch_new' });
  expect(String(params.run_id)).toMatch(/^undo-\d{8}T\d{9}Z$/);
  expect(r).toMatchObject({ undone: 'sch_new', reactivated: 'sch_old', captionsTaken: 4 });
  expect(r.message).toContain('4 of its messages are left out: other pages hold their captions now');
  const row = t.workbook.runs[0]!.rows[0]!;
  expect([row[col('Run ID')], row[col('Kind')], row[col('Status')], row[col('Runs')]]).toEqual([params.run_id, 'UNDO', 'SUCCEEDED', 1]);
  // The procedure logs its own row: the script sends no log job.
  expect(t.warehouse.calls.map((c) => c.label)).toEqual(['undo_generation', 'schedule_export']);
});

it('a failed undo CALL leaves its FAILED row (written by the script) and says what failed', () => {
  const t = setup();
  t.warehouse.failures.undo_generation = () => new Error('Access Denied: Table schedules');
  const r = undoLastGeneration(t.deps, 'alpha');
  expect(r.undone).toBeNull();
  expect(r.message).toBe('alpha: undo failed: Access Denied: Table schedules');
  expect(t.warehouse.logged).toEqual([expect.objectContaining({ run: expect.objectContaining({ run_kind: 'UNDO', status: 'FAILED', error_message: 'Access Denied: Table schedules' }) })]);
  expect(t.workbook.runs[0]!.rows[0]![col('Status')]).toBe('FAILED');
});
