// In-memory fakes of the run ports for orchestrator tests.
import type { Clock, Logger, RandomSource, Sleeper } from '../../../src/core/ports';
import type { Cell, KeyValueStore, LoadResult, QueryOptions, QueryParam, QueryParameterValue, QueryResult, Row, RowCursor, RunLock, Table, Workbook, Warehouse } from '../../../src/core/run/ports';
import type { PagePlanLike, PlanInputLike, PlanSlot } from '../../../src/core/run/plan-contract';

/** A clock that only moves when told (sleep, or a query's simulated duration). */
export class VirtualClock implements Clock, Sleeper {
  readonly slept: number[] = [];
  constructor(public ms = Date.parse('2026-11-25T11:05:00Z')) {}
  now(): Date {
    return new Date(this.ms);
  }
  sleep(ms: number): void {
    this.slept.push(ms);
    this.ms += ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export class MemoryStore implements KeyValueStore {
  readonly map = new Map<string, string>();
  get(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  set(key: string, value: string): void {
    this.map.set(key, value);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

export class FakeLock implements RunLock {
  held = false;
  heldByOther = false;
  acquisitions = 0;
  tryAcquire(): boolean {
    if (this.heldByOther || this.held) return false;
    this.held = true;
    this.acquisitions += 1;
    return true;
  }
  release(): void {
    this.held = false;
  }
}

export const silentLogger = (): Logger & { lines: string[] } => {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
};

export class FakeWorkbook implements Workbook {
  readonly tabs = new Map<string, Table>();
  readonly runs: Table[] = [];
  overview: Table | null = null;
  health: Table | null = null;
  failFor = new Set<string>();
  writeScheduleTab(pageName: string, table: Table): void {
    if (this.failFor.has(pageName)) throw new Error(`tab for ${pageName} is protected`);
    this.tabs.set(pageName, table);
  }
  appendRuns(table: Table): void {
    this.runs.push(table);
  }
  /** The last row appended with this Run ID (the adapter replaces it in place). */
  runsRow(runId: string): Cell[] | null {
    const rows = this.runs.flatMap((t) => t.rows).filter((r) => r[0] === runId);
    return rows[rows.length - 1] ?? null;
  }
  writeOverview(table: Table): void {
    this.overview = table;
  }
  writeHealth(table: Table): void {
    this.health = table;
  }
  scheduleIdOnTab(pageName: string): string | null {
    const row = this.tabs.get(pageName)?.rows[0];
    const id = row?.[row.length - 1];
    return typeof id === 'string' && id !== '' ? id : null;
  }
  /** Tabs here are keyed by page, as the adapter's tags map them. */
  pageOfTab(tabName: string): string | null {
    return this.tabs.has(tabName) ? tabName : null;
  }
}

/** Decodes an API parameter value back into plain JS (strings for scalars), for assertions. */
export function plain(v: QueryParameterValue | undefined): unknown {
  if (!v) return undefined;
  if (v.arrayValues) return v.arrayValues.map(plain);
  if (v.structValues) return Object.fromEntries(Object.entries(v.structValues).map(([k, x]) => [k, plain(x)]));
  return v.value ?? null;
}

export interface Call {
  label: string;
  sql: string;
  params: Record<string, unknown>;
}

type Handler = (params: Record<string, unknown>, call: Call) => Row[];

/**
 * A warehouse answering by job label. Load jobs stage rows by load_id; write_schedules merges a
 * load (idempotent on schedule_id, like write_schedules.sql) so schedule_export answers from it.
 * Reads through openCursor are served in pages of `pageRows` (each fetch recorded).
 */
export class FakeWarehouse implements Warehouse {
  readonly calls: Call[] = [];
  readonly schedules = new Map<string, { page: string; messages: Array<Record<string, unknown>> }>();
  readonly staged = new Map<string, Array<Record<string, unknown>>>();
  readonly logged: Array<Record<string, unknown>> = [];
  /** Page fetches of paged reads: label and 0-based page index (a retried fetch appears twice). */
  readonly pageFetches: Array<{ label: string; page: number; rows: number }> = [];
  handlers: Record<string, Handler> = {};
  /** Throw from a label: a function deciding per call. */
  failures: Record<string, (call: Call) => Error | null> = {};
  /** Throw from a page fetch of a paged read (page index ≥ 1; page 0 comes with the job). */
  pageFailures: Record<string, (page: number) => Error | null> = {};
  jobMs = 0;
  /** Time a page fetch takes. */
  pageMs = 0;
  private seq = 0;
  constructor(
    private readonly clock: VirtualClock,
    readonly analysis: Row[],
    readonly candidatesPerPage = 5,
  ) {}

  query(sql: string, params: QueryParam[], options?: QueryOptions): QueryResult {
    const label = options?.label ?? 'query';
    const call: Call = { label, sql, params: Object.fromEntries(params.map((p) => [p.name, plain(p.parameterValue)])) };
    this.calls.push(call);
    this.clock.advance(this.jobMs);
    const err = this.failures[label]?.(call);
    if (err) throw err;
    this.seq += 1;
    return { rows: this.answer(call), bytesProcessed: 1000, jobId: `job_${this.seq}` };
  }

  openCursor(sql: string, params: QueryParam[], options?: QueryOptions): RowCursor {
    const label = options?.label ?? 'query';
    const result = this.query(sql, params, options);
    const size = options?.pageRows ?? 10_000;
    let page = 0;
    const pages = Math.max(1, Math.ceil(result.rows.length / size));
    return {
      jobId: result.jobId,
      bytesProcessed: result.bytesProcessed,
      totalRows: result.rows.length,
      nextPage: () => {
        if (page >= pages) return null;
        if (page > 0) {
          this.clock.advance(this.pageMs);
          const err = this.pageFailures[label]?.(page);
          this.pageFetches.push({ label, page, rows: err ? 0 : result.rows.slice(page * size, (page + 1) * size).length });
          if (err) throw err;
        } else {
          this.pageFetches.push({ label, page, rows: result.rows.slice(0, size).length });
        }
        const rows = result.rows.slice(page * size, (page + 1) * size);
        page += 1;
        return rows;
      },
    };
  }

  load(table: string, rows: ReadonlyArray<Record<string, unknown>>, options?: QueryOptions): LoadResult {
    const label = options?.label ?? 'load';
    const call: Call = { label, sql: `LOAD ${table}`, params: { table, rows: JSON.parse(JSON.stringify(rows)) as unknown } };
    this.calls.push(call);
    this.clock.advance(this.jobMs);
    const err = this.failures[label]?.(call);
    if (err) throw err;
    this.seq += 1;
    for (const r of call.params.rows as Array<Record<string, unknown>>) {
      const id = r.load_id as string;
      this.staged.set(id, [...(this.staged.get(id) ?? []), r]);
    }
    return { jobId: `job_${this.seq}`, rows: rows.length, bytes: JSON.stringify(rows).length };
  }

  private answer(call: Call): Row[] {
    const custom = this.handlers[call.label];
    if (custom) return custom(call.params, call);
    const p = call.params;
    switch (call.label) {
      case 'page_analysis': {
        const names = p.page_names as string[];
        return this.analysis.filter((r) => names.length === 0 || names.includes(r.page_name as string));
      }
      case 'caption_candidates':
        return [...(p.page_names as string[])].sort().flatMap((page) =>
          Array.from({ length: this.candidatesPerPage }, (_, i) => ({ page_name: page, caption_id: 1000 + i, candidate_rank: i + 1 })),
        );
      case 'write_schedules': {
        const staged = this.staged.get(p.load_id as string) ?? [];
        const once = new Map(staged.map((s) => [s.schedule_id as string, s]));
        for (const s of once.values()) {
          const messages = (s.messages as Array<Record<string, unknown>>).map((m) => ({ ...m, schedule_id: s.schedule_id, page_name: s.page_name, week_start: s.week_start }));
          this.schedules.set(s.schedule_id as string, { page: s.page_name as string, messages });
        }
        this.staged.delete(p.load_id as string);
        return [{ schedules_written: once.size }];
      }
      case 'schedule_export':
        return [...(p.schedule_ids as string[])]
          .filter((id) => this.schedules.has(id))
          .sort((a, b) => (this.schedules.get(a)!.page < this.schedules.get(b)!.page ? -1 : 1))
          .flatMap((id) =>
            (this.schedules.get(id)?.messages ?? []).map((m) => ({
              page_name: m.page_name, schedule_id: id, slot_index: Number(m.slot_index), local_date: '2026-11-30',
              local_time: '19:05', day_of_week: 'Mon', message_type: m.message_type, caption_id: Number(m.caption_id),
              price: m.price === null ? null : Number(m.price), saturation_light: 'GREEN', selection_reason: m.selection_reason,
            })),
          );
      case 'log_exports':
        this.logged.push(p);
        return [];
      default:
        return [];
    }
  }

  labels(): string[] {
    return this.calls.map((c) => c.label);
  }
}

export const analysisRow = (page: string, risk = 'HEALTHY'): Row => ({ page_name: page, size_tier: 'SMALL', risk_level: risk });

/** A tiny planner honouring the contract: slots from candidates, draws from the page's random source. */
export function fakePlanPage(input: PlanInputLike, deps: { random: RandomSource }): PagePlanLike {
  const page = input.analysisRow.page_name as string;
  if (input.analysisRow.explode) throw new Error(`bad data for ${page}`);
  const risk = input.analysisRow.risk_level as string;
  const light = risk === 'CRITICAL' ? 'RED' : risk === 'HIGH' ? 'YELLOW' : 'GREEN';
  const slots: PlanSlot[] = input.candidates.slice(0, 3).map((c, i) => {
    const draw = deps.random.next();
    return {
      slotIndex: i, sendTime: new Date(Date.parse(`${input.weekStart}T19:05:00Z`) + i * 3600_000), messageType: 'PPV',
      funnelStep: 'standalone', captionId: c.caption_id as number, price: 10 + i, draw, reason: `draw ${draw.toFixed(6)}`,
    };
  });
  const invalid = Boolean(input.analysisRow.invalid);
  return {
    pageName: page,
    analysis: { account_classification: { size_tier: input.analysisRow.size_tier as string }, saturation: { risk_level: risk } },
    captionTarget: 30,
    schedule: { scheduleId: input.scheduleId, pageName: page, weekStart: input.weekStart, slots },
    validation: { valid: !invalid, problems: invalid ? [{ rule: 'min_gap', slotIndex: 1, message: 'PPVs 30 min apart' }] : [] },
    gate: { export: light !== 'RED' && !invalid, light, reason: light === 'RED' ? 'saturation CRITICAL: page rests this week' : invalid ? 'invalid' : 'ok' },
  };
}

export const fakeScheduleIdFor = (page: string, weekStart: string, key: string): string => `sch_${page}_${weekStart}_${key}`;
