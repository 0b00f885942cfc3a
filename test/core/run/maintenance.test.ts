import { runLockSweep, runPerformanceUpdate, type MaintenanceDeps } from '../../../src/core/run/maintenance';
import { RUNS_HEADER } from '../../../src/core/run/tabs';
import { FakeLock, FakeWarehouse, FakeWorkbook, silentLogger, VirtualClock } from './fakes';

function setup() {
  const clock = new VirtualClock();
  const warehouse = new FakeWarehouse(clock, []);
  const workbook = new FakeWorkbook();
  const lock = new FakeLock();
  const deps: MaintenanceDeps = { warehouse, workbook, lock, clock, sleeper: clock, logger: silentLogger(), queries: { logExports: 'log' } };
  return { clock, warehouse, workbook, lock, deps };
}

const col = (name: string): number => RUNS_HEADER.indexOf(name);
const sweepAnswer = (released: number) => (p: Record<string, unknown>) => [{ run_id: p.run_id, expired_locks: released, past_send_date_locks: 0 }];

describe('maintenance runs', () => {
  it('performance update: one CALL that names the run; the procedure logs it, so no log job', () => {
    const t = setup();
    t.warehouse.handlers.update_caption_performance = (p) => [{ run_id: p.run_id, messages_processed: 120, stats_rows_touched: 30, unmatched_messages: 4 }];
    const s = runPerformanceUpdate(t.deps);
    expect(t.warehouse.calls.map((c) => [c.label, c.sql])).toEqual([
      ['update_caption_performance', 'CALL eros_scheduling_brain.update_caption_performance(@run_id)'],
    ]);
    expect(s.runId).toMatch(/^performance-\d{8}T\d{9}Z$/);
    expect(t.warehouse.calls[0]!.params).toEqual({ run_id: s.runId });
    expect(s.status).toBe('SUCCEEDED');
    expect(s.message).toContain('120 messages scored into 30 caption stats; 4 matched no caption');
    const row = t.workbook.runs[0]!.rows[0]!;
    expect([row[col('Run ID')], row[col('Kind')], row[col('Runs')]]).toEqual([s.runId, 'PERFORMANCE', 1]);
    expect(t.lock.held).toBe(false);
  });

  it('a failing CALL is retried on transient errors, then its one FAILED row is written with the error text', () => {
    const t = setup();
    t.warehouse.failures.sweep_expired_caption_locks = () => new Error('rateLimitExceeded');
    const s = runLockSweep(t.deps);
    expect(t.clock.slept).toEqual([2000, 4000, 8000]);
    expect(s.status).toBe('FAILED');
    expect(s.message).toContain('sweep_expired_caption_locks failed: rateLimitExceeded');
    // Every attempt named the same run, and the FAILED row carries that id: one row, whatever the procedure wrote.
    expect(new Set(t.warehouse.calls.filter((c) => c.label !== 'log_exports').map((c) => c.params.run_id))).toEqual(new Set([s.runId]));
    expect(t.warehouse.logged).toHaveLength(1);
    expect(t.warehouse.logged[0]).toMatchObject({ rows: [], run: { run_id: s.runId, run_kind: 'SWEEP', status: 'FAILED', error_message: 'rateLimitExceeded', parent_run_id: null } });
    expect(t.workbook.runs[0]!.rows[0]![col('Status')]).toBe('FAILED');
  });

  it('quiet sweeps share one Runs row a day; a sweep that released locks and another day get their own', () => {
    const t = setup();
    const released = [0, 0, 3, 0];
    t.warehouse.handlers.sweep_expired_caption_locks = (p) => sweepAnswer(released.shift() ?? 0)(p);
    const ids = [0, 1, 2, 3].map(() => {
      const s = runLockSweep(t.deps);
      t.clock.advance(3600_000);
      return s.runId;
    });
    t.clock.advance(24 * 3600_000);
    runLockSweep(t.deps);
    const rows = new Map<string, unknown[]>();
    for (const table of t.workbook.runs) for (const r of table.rows) rows.set(String(r[0]), r);
    const day = [...rows.keys()].find((k) => k.startsWith('sweeps-'))!;
    const quiet = rows.get(day)!;
    expect(quiet[col('Runs')]).toBe(3);
    expect(quiet[col('Note')]).toBe(`3 sweeps, 0 locks released (from ${ids[0]} to ${ids[3]}).`);
    expect(rows.get(ids[2]!)![col('Note')]).toContain('3 locks released (3 expired, 0 past their send date)');
    expect([...rows.keys()].filter((k) => k.startsWith('sweeps-'))).toHaveLength(2);
    // The tab and the log agree: the Runs column adds up to the five executions.
    expect([...rows.values()].reduce((n, r) => n + (r[col('Runs')] as number), 0)).toBe(5);
  });

  it('skips when another run holds the lock', () => {
    const t = setup();
    t.lock.heldByOther = true;
    const s = runLockSweep(t.deps);
    expect(s.finished).toBe(false);
    expect(t.warehouse.calls).toHaveLength(0);
  });
});
