import { runDaily, type RunDeps, type RunOptions } from '../../../../src/core/run/daily/run';
import { checkpointKey } from '../../../../src/core/run/daily/checkpoint';
import { WarehouseError } from '../../../../src/core/run/retry';
import type { Row } from '../../../../src/core/run/ports';
import type { Table } from '../../../../src/core/run/ports';
import { analysisRow, FakeLock, fakePlanPage, fakeScheduleIdFor, FakeWarehouse, FakeWorkbook, MemoryStore, silentLogger, VirtualClock } from '../fakes';

const QUERIES = {
  pageAnalysis: 'SELECT analysis', captionCandidates: 'SELECT candidates', writeSchedules: 'write', scheduleExport: 'SELECT export',
  logExports: 'log', holidays: 'SELECT holidays',
};

function setup(pages: Row[], extra: Partial<RunDeps> = {}) {
  const clock = new VirtualClock();
  const warehouse = new FakeWarehouse(clock, pages);
  const workbook = new FakeWorkbook();
  const state = new MemoryStore();
  const lock = new FakeLock();
  const resumes: string[] = [];
  const logger = silentLogger();
  const deps: RunDeps = {
    warehouse, workbook, state, lock, clock, sleeper: clock, logger, seed: 7, planPage: fakePlanPage,
    scheduleIdFor: fakeScheduleIdFor, followUp: { arm: () => void resumes.push('arm'), disarm: () => void resumes.push('disarm') }, queries: QUERIES,
    budgetMs: 300_000, ...extra,
  };
  return { clock, warehouse, workbook, state, lock, resumes, logger, deps };
}

/** n pages; the first one gets `firstRisk` (CRITICAL → RED → skipped). */
const pagesNamed = (n: number, firstRisk = 'HEALTHY') => Array.from({ length: n }, (_, i) => analysisRow(`page${String(i).padStart(3, '0')}`, i === 0 ? firstRisk : 'HEALTHY'));

describe('runDaily', () => {
  it('generates every page with a constant number of jobs (happy path)', () => {
    const t = setup(pagesNamed(7));
    const s = runDaily(t.deps, { batchSize: 3 });
    expect(s.finished).toBe(true);
    expect(s.status).toBe('SUCCEEDED');
    expect(s.pagesGenerated).toBe(7);
    expect(s.perPage.map((p) => p.status)).toEqual(Array(7).fill('GENERATED'));
    // 8 jobs whatever the page count: candidates, staging load, write and export are one job each.
    expect(t.warehouse.labels()).toEqual([
      'run_daily_automation', 'page_analysis', 'holidays', 'caption_candidates', 'stage_schedules', 'write_schedules', 'schedule_export', 'log_exports',
    ]);
    expect(s.jobs).toBe(8);
    // Dates: run on Wed 2026-11-25 LA → next Monday; every page went in as one array parameter.
    expect(s.runDate).toBe('2026-11-25');
    expect(s.weekStart).toBe('2026-11-30');
    expect(t.warehouse.calls[0]!.params).toEqual({ run_date: '2026-11-25', run_id: s.runId.replace(/^daily-/, 'daily_queue-'), parent_run_id: s.runId });
    expect(t.warehouse.calls[1]!.params).toEqual({ page_names: [], as_of: '2026-11-25', lookback_days: '90' });
    expect(t.warehouse.calls[3]!.params).toMatchObject({ page_names: pagesNamed(7).map((r) => r.page_name), week_start: '2026-11-30', week_end: '2026-12-07' });
    // The write names the load it merges; the load staged every schedule with its messages.
    const staged = t.warehouse.calls[4]!.params.rows as Array<Record<string, unknown>>;
    expect(staged).toHaveLength(7);
    expect(t.warehouse.calls[5]!.params).toMatchObject({ run_id: s.runId, load_id: staged[0]!.load_id, staged_on: staged[0]!.staged_on });
    expect(staged[0]!.messages).toHaveLength(3);
    // Tabs, overview, runs, log, lock released, checkpoint gone.
    expect([...t.workbook.tabs.keys()].sort()).toEqual(pagesNamed(7).map((r) => r.page_name));
    expect(t.workbook.tabs.get('page003')!.rows).toHaveLength(3);
    expect(t.workbook.overview!.rows).toHaveLength(7);
    expect(t.workbook.runs).toHaveLength(1);
    const log = t.warehouse.logged[0]!;
    expect((log.rows as unknown[]).length).toBe(7);
    expect(log.run).toMatchObject({ run_id: s.runId, status: 'SUCCEEDED', pages_total: '7', pages_generated: '7', run_kind: 'DAILY' });
    expect(t.lock.held).toBe(false);
    // No checkpoint left; the day's run over every page is recorded, and its follow-up dropped.
    expect([...t.state.map]).toEqual([['eros.run.lastFullRun', '2026-11-25']]);
    expect(t.resumes).toEqual(['arm', 'disarm']);
  });

  it('isolates pages: one throwing, one invalid, one RED, one tab failing; the rest proceed', () => {
    const rows = pagesNamed(6);
    rows[1] = { ...rows[1], explode: true };
    rows[2] = analysisRow('page002', 'CRITICAL');
    rows[3] = { ...rows[3], invalid: true };
    const t = setup(rows);
    t.workbook.failFor.add('page004');
    const s = runDaily(t.deps, { batchSize: 10 });
    const by = Object.fromEntries(s.perPage.map((p) => [p.page, p]));
    expect(by.page000!.status).toBe('GENERATED');
    expect(by.page001!.status).toBe('FAILED');
    expect(by.page001!.reason).toContain('planning failed: bad data for page001');
    expect(by.page002!.status).toBe('SKIPPED');
    expect(by.page002!.reason).toBe('RED: saturation CRITICAL: page rests this week');
    expect(by.page003!.status).toBe('INVALID');
    expect(by.page003!.reason).toContain('min_gap: PPVs 30 min apart');
    expect(by.page004!.status).toBe('FAILED');
    expect(by.page004!.reason).toContain('tab could not be written');
    expect(by.page005!.status).toBe('GENERATED');
    expect(s.status).toBe('PARTIAL');
    // RED and invalid pages are not written; the others are, in one load and one write job.
    const load = t.warehouse.calls.find((c) => c.label === 'stage_schedules')!;
    expect((load.params.rows as Array<{ page_name: string }>).map((x) => x.page_name)).toEqual(['page000', 'page004', 'page005']);
    expect(t.warehouse.labels().filter((l) => l === 'write_schedules')).toHaveLength(1);
    const logRows = t.warehouse.logged[0]!.rows as Array<Record<string, string>>;
    expect(logRows.find((r) => r.page_name === 'page002')).toMatchObject({ status: 'SKIPPED', schedule_id: by.page002!.scheduleId });
    expect(logRows.find((r) => r.page_name === 'page003')!.status).toBe('INVALID');
    expect(logRows.find((r) => r.page_name === 'page000')!.status).toBe('EXPORTED');
  });

  it('reports a requested page the analysis does not know', () => {
    const t = setup(pagesNamed(2));
    const s = runDaily(t.deps, { runKind: 'MENU', pages: ['page001', 'ghost'] });
    expect(s.perPage.map((p) => [p.page, p.status])).toEqual([['page001', 'GENERATED'], ['ghost', 'FAILED']]);
    expect(s.perPage[1]!.reason).toMatch(/unknown or inactive/);
    expect(t.warehouse.calls[1]!.params.page_names).toEqual(['page001', 'ghost']);
  });

  it('a failed candidates job fails the pages it served; the run still logs', () => {
    const t = setup(pagesNamed(4));
    t.warehouse.failures.caption_candidates = () => new WarehouseError('Invalid query: bad column', 'invalidQuery');
    const s = runDaily(t.deps, { batchSize: 2 });
    expect(s.perPage.map((p) => p.status)).toEqual(Array(4).fill('FAILED'));
    expect(s.perPage[0]!.reason).toContain('caption candidates job failed: Invalid query');
    expect(t.warehouse.labels()).toEqual(['run_daily_automation', 'page_analysis', 'holidays', 'caption_candidates', 'log_exports']);
  });

  it('reads candidates page by page and plans in batches: at most one batch of candidates is held', () => {
    const t = setup(pagesNamed(7));
    const fetchesWhenPlanned: number[] = [];
    t.deps.planPage = (input, d) => {
      fetchesWhenPlanned.push(t.warehouse.pageFetches.filter((f) => f.label === 'caption_candidates').length);
      return fakePlanPage(input, d);
    };
    // 5 candidates a page and 5 rows a result page: result page i holds page i's candidates.
    const s = runDaily(t.deps, { batchSize: 2, pageRows: 5 });
    expect(s.pagesGenerated).toBe(7);
    expect(t.warehouse.pageFetches.filter((f) => f.label === 'caption_candidates')).toHaveLength(7);
    // A batch is planned as soon as the first row after it arrives: pages 0-1 after 3 fetches, …
    expect(fetchesWhenPlanned).toEqual([3, 3, 5, 5, 7, 7, 7]);
    fetchesWhenPlanned.forEach((n, i) => expect(n - i).toBeLessThanOrEqual(2 + 1));
    // The export is paged too (3 rows per page here), and every tab was written.
    expect(t.warehouse.pageFetches.filter((f) => f.label === 'schedule_export').length).toBeGreaterThan(1);
    expect(t.workbook.tabs.size).toBe(7);
  });

  it('retries a failed page fetch on its own, not the whole job', () => {
    const t = setup(pagesNamed(4));
    let n = 0;
    t.warehouse.pageFailures.caption_candidates = (page) => (page === 2 && ++n === 1 ? new Error('API call to bigquery.jobs.getQueryResults failed with error: Backend Error') : null);
    const s = runDaily(t.deps, { pageRows: 5 });
    expect(s.pagesGenerated).toBe(4);
    expect(t.warehouse.labels().filter((l) => l === 'caption_candidates')).toHaveLength(1);
    expect(t.warehouse.pageFetches.filter((f) => f.label === 'caption_candidates').map((f) => f.page)).toEqual([0, 1, 2, 2, 3]);
    expect(t.clock.slept).toEqual([2000]);
    const record = s.jobLog.find((j) => j.label === 'caption_candidates')!;
    expect(record).toMatchObject({ attempts: 1, pages: 4, pageRetries: 1, rows: 20, ok: true });
  });

  it('a page fetch that keeps failing fails only the pages not planned yet; planned ones are written', () => {
    const t = setup(pagesNamed(6));
    t.warehouse.pageFailures.caption_candidates = (page) => (page === 4 ? new WarehouseError('Access Denied: results', 'accessDenied') : null);
    const s = runDaily(t.deps, { batchSize: 2, pageRows: 5 });
    expect(s.perPage.map((p) => [p.page, p.status])).toEqual([
      ['page000', 'GENERATED'], ['page001', 'GENERATED'], ['page002', 'FAILED'], ['page003', 'FAILED'], ['page004', 'FAILED'], ['page005', 'FAILED'],
    ]);
    expect(s.perPage[2]!.reason).toContain('caption candidates job failed: Access Denied');
    expect(s.jobLog.find((j) => j.label === 'caption_candidates')).toMatchObject({ ok: false, pages: 4 });
  });

  it('a failed write fails the written pages only, in one piece', () => {
    const t = setup(pagesNamed(3, 'CRITICAL'));
    t.warehouse.failures.write_schedules = () => new WarehouseError('Invalid query: transaction aborted', 'invalidQuery');
    const s = runDaily(t.deps);
    expect(s.perPage.map((p) => p.status)).toEqual(['SKIPPED', 'FAILED', 'FAILED']);
    expect(s.perPage[1]!.reason).toContain('write_schedules job failed');
    expect(t.warehouse.labels()).not.toContain('schedule_export');
  });

  it('exits cleanly when another run holds the lock', () => {
    const t = setup(pagesNamed(3));
    t.lock.heldByOther = true;
    const s = runDaily(t.deps);
    expect(s.finished).toBe(false);
    expect(s.message).toMatch(/Another run .*is in progress/);
    expect(t.warehouse.calls).toHaveLength(0);
    expect(t.workbook.runs).toHaveLength(0);
  });

  it('pauses near the budget, schedules a follow-up, and the resumed run equals an uninterrupted one', () => {
    // Planning takes 10 s a page, every job 10 s: the 100 s budget fits one batch per execution.
    const slowPlanner = (clock: VirtualClock): RunDeps['planPage'] => (input, d) => {
      clock.advance(10_000);
      return fakePlanPage(input, d);
    };
    const uninterrupted = setup(pagesNamed(9));
    uninterrupted.deps.planPage = slowPlanner(uninterrupted.clock);
    uninterrupted.warehouse.jobMs = 10_000;
    const whole = runDaily(uninterrupted.deps, { batchSize: 2 });
    expect(whole.finished).toBe(true);
    expect(whole.jobs).toBe(8);

    const t = setup(pagesNamed(9), { budgetMs: 100_000 });
    t.deps.planPage = slowPlanner(t.clock);
    t.warehouse.jobMs = 10_000;
    const first = runDaily(t.deps, { batchSize: 2 });
    expect(first.finished).toBe(false);
    // Armed when the execution started (before any durable step), kept at the pause.
    expect(t.resumes).toEqual(['arm']);
    expect(t.lock.held).toBe(false);
    expect(t.state.get(checkpointKey('DAILY'))).not.toBeNull();
    const doneFirst = first.perPage.length;
    expect(doneFirst).toBe(2);
    let last = first;
    const jobsPerExecution = [first.jobLog.length];
    for (let i = 0; i < 10 && !last.finished; i += 1) {
      last = runDaily(t.deps, { batchSize: 2 });
      jobsPerExecution.push(last.jobLog.length);
    }
    expect(last.finished).toBe(true);
    expect(last.runId).toBe(first.runId);
    expect(last.executions).toBe(5);
    expect(Math.max(...jobsPerExecution)).toBeLessThanOrEqual(8);
    // Same pages, statuses, schedule ids, and the same slots (same seeded draws).
    const strip = (s: typeof whole) => s.perPage.map((p) => [p.page, p.status, p.scheduleId?.replace(s.runId, 'RUN')]);
    expect(strip(last)).toEqual(strip(whole));
    const tabs = (w: FakeWorkbook) => [...w.tabs.entries()].sort().map(([k, tb]) => [k, tb.rows.map((r) => r.slice(0, 14))]);
    expect(tabs(t.workbook)).toEqual(tabs(uninterrupted.workbook));
    // No page staged twice; the procedure ran once; one log job at the very end.
    const staged = t.warehouse.calls.filter((c) => c.label === 'stage_schedules').flatMap((c) => (c.params.rows as Array<{ page_name: string }>).map((x) => x.page_name));
    expect(staged.sort()).toEqual(pagesNamed(9).map((r) => r.page_name));
    expect(t.warehouse.labels().filter((l) => l === 'run_daily_automation')).toHaveLength(1);
    expect(t.warehouse.labels().filter((l) => l === 'log_exports')).toHaveLength(1);
    expect(t.warehouse.labels().at(-1)).toBe('log_exports');
    // Resumed executions analyse and read candidates only for the pages still to do.
    const analyses = t.warehouse.calls.filter((c) => c.label === 'page_analysis');
    expect((analyses[1]!.params.page_names as string[]).length).toBe(9 - doneFirst);
    const candidates = t.warehouse.calls.filter((c) => c.label === 'caption_candidates');
    expect((candidates[1]!.params.page_names as string[])[0]).toBe('page002');
    expect(last.jobs).toBe(t.warehouse.calls.length);
    expect(t.state.get(checkpointKey('DAILY'))).toBeNull();
  });

  it('fills the tabs it had no time for in the next execution, from one export read', () => {
    class SlowWorkbook extends FakeWorkbook {
      constructor(private readonly clock: VirtualClock) {
        super();
      }
      override writeScheduleTab(pageName: string, table: Table): void {
        this.clock.advance(30_000);
        super.writeScheduleTab(pageName, table);
      }
    }
    const t = setup(pagesNamed(6), { budgetMs: 100_000 });
    const workbook = new SlowWorkbook(t.clock);
    t.deps.workbook = workbook;
    t.warehouse.jobMs = 1_000;
    const first = runDaily(t.deps, { tabMs: 1 });
    expect(first.finished).toBe(false);
    const cp = JSON.parse(t.state.get(checkpointKey('DAILY'))!) as { pendingTabs: Array<{ page: string }>; tabMs: number };
    expect(first.perPage.length + cp.pendingTabs.length).toBe(6);
    expect(cp.pendingTabs.length).toBeGreaterThan(0);
    expect(cp.tabMs).toBe(30_000);
    const before = t.warehouse.calls.length;
    let last = first;
    for (let i = 0; i < 5 && !last.finished; i += 1) last = runDaily(t.deps);
    expect(last.finished).toBe(true);
    expect(last.perPage.map((p) => p.status)).toEqual(Array(6).fill('GENERATED'));
    expect(workbook.tabs.size).toBe(6);
    // Later executions only read the export back and write tabs: nothing is planned or written twice.
    expect(new Set(t.warehouse.calls.slice(before).map((c) => c.label))).toEqual(new Set(['schedule_export', 'log_exports']));
    expect(t.warehouse.labels().filter((l) => l === 'stage_schedules')).toHaveLength(1);
  });

  it('drops a checkpoint from an earlier day and starts a new run', () => {
    const t = setup(pagesNamed(5), { budgetMs: 1 });
    t.warehouse.jobMs = 1000;
    const first = runDaily(t.deps, { batchSize: 2 });
    expect(first.finished).toBe(false);
    t.clock.advance(24 * 3600_000);
    const next = runDaily({ ...t.deps, budgetMs: 1e9 }, { batchSize: 2 });
    expect(next.finished).toBe(true);
    expect(next.runId).not.toBe(first.runId);
    expect(next.perPage).toHaveLength(5);
    expect(t.logger.lines.some((l) => l.includes(`abandoning unfinished run ${first.runId}`))).toBe(true);
  });

  it('opens the circuit breaker after 5 failed jobs in a run and reports the rest as not attempted', () => {
    // One batch per execution; the procedure and the holiday job fail in every execution.
    const t = setup(pagesNamed(20), { budgetMs: 30_000 });
    t.deps.planPage = (input, d) => {
      t.clock.advance(10_000);
      return fakePlanPage(input, d);
    };
    t.warehouse.failures.run_daily_automation = () => new Error('API call to bigquery.jobs.insert failed with error: Service unavailable');
    t.warehouse.failures.holidays = () => new WarehouseError('Not found: Table holiday_calendar', 'notFound');
    let s = runDaily(t.deps, { batchSize: 2 });
    for (let i = 0; i < 10 && !s.finished; i += 1) s = runDaily(t.deps, { batchSize: 2 });
    // The transient CALL failure was retried 3 times (2, 4, 8 s) and then counted once.
    expect(t.clock.slept).toEqual([2000, 4000, 8000]);
    const statuses = s.perPage.map((p) => p.status);
    // Failures: CALL + holidays (1st execution), holidays (2nd, 3rd), holidays (4th) opens the breaker.
    expect(statuses.slice(0, 6)).toEqual(Array(6).fill('GENERATED'));
    expect(statuses.slice(6)).toEqual(Array(14).fill('NOT_ATTEMPTED'));
    expect(s.perPage[15]!.reason).toMatch(/circuit breaker open/);
    expect(s.pagesNotAttempted).toBe(14);
    expect(s.status).toBe('PARTIAL');
    // The log job itself is refused by the open breaker: reported, not sent.
    expect(t.warehouse.labels()).not.toContain('log_exports');
    expect(s.message).toMatch(/run log not written: circuit breaker open/);
    expect(t.workbook.runs).toHaveLength(1);
  });

  it('fails the run cleanly when the analysis job fails', () => {
    const t = setup(pagesNamed(3));
    t.warehouse.failures.page_analysis = () => new WarehouseError('Access Denied: Table creators', 'accessDenied');
    const s = runDaily(t.deps);
    expect(s.finished).toBe(true);
    expect(s.status).toBe('FAILED');
    expect(s.message).toContain('page_analysis failed: Access Denied');
    expect(t.warehouse.logged[0]!.run).toMatchObject({ status: 'FAILED', pages_total: '0' });
  });

  it('plans without holidays when the holiday job fails, and says so', () => {
    const t = setup(pagesNamed(2));
    t.warehouse.failures.holidays = () => new WarehouseError('Not found: Table holiday_calendar', 'notFound');
    const s = runDaily(t.deps);
    expect(s.pagesGenerated).toBe(2);
    expect(s.message).toContain('holidays unavailable');
  });

  it('gives every page its own seeded stream: the same seed reproduces the draws, another changes them', () => {
    const draws = (seed: number, opts: RunOptions) => {
      const t = setup(pagesNamed(3), { seed });
      runDaily(t.deps, opts);
      return [...t.warehouse.schedules.values()].map((x) => x.messages.map((m) => m.selection_draw));
    };
    expect(draws(7, { batchSize: 1 })).toEqual(draws(7, { batchSize: 3 }));
    expect(draws(8, { batchSize: 3 })).not.toEqual(draws(7, { batchSize: 3 }));
  });
});

describe('runDaily resumeOnly', () => {
  it('does nothing without a checkpoint, and continues a paused menu run with its own pages', () => {
    const t = setup(pagesNamed(6), { budgetMs: 1 });
    expect(runDaily(t.deps, { runKind: 'MENU', resumeOnly: true }).message).toBe('Nothing to resume.');
    expect(t.warehouse.calls).toHaveLength(0);
    t.warehouse.jobMs = 1000;
    const first = runDaily(t.deps, { runKind: 'MENU', pages: ['page001', 'page002', 'page003'], batchSize: 1 });
    expect(first.finished).toBe(false);
    let last = first;
    for (let i = 0; i < 5 && !last.finished; i += 1) last = runDaily(t.deps, { runKind: 'MENU', resumeOnly: true, batchSize: 1 });
    expect(last.runId).toBe(first.runId);
    expect(last.perPage.map((p) => p.page)).toEqual(['page001', 'page002', 'page003']);
  });
});
