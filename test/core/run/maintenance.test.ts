import { runLockSweep, runPerformanceUpdate, type MaintenanceDeps } from '../../../src/core/run/maintenance';
import { FakeLock, FakeWarehouse, FakeWorkbook, silentLogger, VirtualClock } from './fakes';

function setup() {
  const clock = new VirtualClock();
  const warehouse = new FakeWarehouse(clock, []);
  const workbook = new FakeWorkbook();
  const lock = new FakeLock();
  const deps: MaintenanceDeps = { warehouse, workbook, lock, clock, sleeper: clock, logger: silentLogger(), queries: { logExports: 'log' } };
  return { clock, warehouse, workbook, lock, deps };
}

describe('maintenance runs', () => {
  it('performance update: one CALL and one log job with a run row', () => {
    const t = setup();
    t.warehouse.handlers.update_caption_performance = () => [{ messages_scored: 120 }];
    const s = runPerformanceUpdate(t.deps);
    expect(t.warehouse.calls.map((c) => [c.label, c.sql])).toEqual([
      ['update_caption_performance', 'CALL eros_scheduling_brain.update_caption_performance()'],
      ['log_exports', 'log'],
    ]);
    expect(t.warehouse.logged[0]).toMatchObject({ rows: [], run: { run_kind: 'PERFORMANCE', status: 'SUCCEEDED', details: '[{"messages_scored":120}]' } });
    expect(s.status).toBe('SUCCEEDED');
    expect(t.workbook.runs[0]!.rows[0]![2]).toBe('PERFORMANCE');
    expect(t.lock.held).toBe(false);
  });

  it('lock sweep: a failing CALL is retried on transient errors, then logged as FAILED', () => {
    const t = setup();
    t.warehouse.failures.sweep_expired_caption_locks = () => new Error('rateLimitExceeded');
    const s = runLockSweep(t.deps);
    expect(t.clock.slept).toEqual([2000, 4000, 8000]);
    expect(s.status).toBe('FAILED');
    expect(s.message).toContain('sweep_expired_caption_locks failed: rateLimitExceeded');
    expect(t.warehouse.logged[0]).toMatchObject({ run: { run_kind: 'SWEEP', status: 'FAILED' } });
  });

  it('skips when another run holds the lock', () => {
    const t = setup();
    t.lock.heldByOther = true;
    const s = runLockSweep(t.deps);
    expect(s.finished).toBe(false);
    expect(t.warehouse.calls).toHaveLength(0);
  });
});
