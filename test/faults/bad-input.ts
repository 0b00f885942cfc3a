// The bad-input machinery: bad-input cases, each run through the real bundle on the demo, judged on
//   answered — what a scheduler sees (the Runs and Overview tabs, a toast, the error an execution
//     ends with) contains every token naming where the problem is (tab!cell and column, or the
//     table, column and page, or the setting's property); a case that needs no message (a tab a
//     person renamed is simply recreated) is answered when it is handled without a failed run;
//   lost — what must survive does: pages the bad input does not concern are generated as in a
//     clean run; every page that had an active schedule still has exactly one for that week; the
//     Overrides tab a person typed is never changed by a run; the run has its row in Runs (unless
//     it refused to start); plus anything the case itself must keep (a renamed tab's rows, a
//     hand edit).
// The starting point of every case is the warehouse after one clean daily run (so there is
// something to lose), with a fresh workbook; the case's run comes two hours later the same day.
import type { Demo } from '../../local/harness/demo';
import { OVERRIDES_COLUMNS } from '../../src/core/overrides/table';
import { brokenInvariants } from './invariants';
import { execute, freshDemo, drainFollowUps, restoreWarehouse, saveWarehouse, runDailyToEnd, tabRecords, type RunOutcome, type Warehouse } from './harness';

export const AFTER_FIRST_RUN = 'fault_suite_after_first_run';
const S = 'eros_scheduling_brain';

export interface CaseContext {
  demo: Demo;
  w: Warehouse;
  /** Active pages, sorted. */
  pages: string[];
  /** Pages a clean re-run generates (the others are SKIPPED/INVALID even without bad input). */
  generated: string[];
}

export interface BadCase {
  group: string;
  name: string;
  /** Changes before the run: SQL on source tables, tab cells, properties. */
  arrange?: (ctx: CaseContext) => void;
  /** A person's edit during the run, before the first service call matching `at`. */
  midRun?: { at: RegExp; edit: (ctx: CaseContext) => void };
  /** Tokens a clear answer contains (all), or null: handled without a message is the answer. */
  where: ((ctx: CaseContext) => Array<string | RegExp>) | null;
  /** Pages the input concerns: they may be reported instead of generated. */
  concerns?: (ctx: CaseContext) => string[];
  /** The execution is expected to refuse to run (a bad setting). */
  refuses?: boolean;
  /** Source tables are changed (restored from the snapshot afterwards). */
  inputs?: boolean;
  /** What else must survive; returns what was lost. */
  keeps?: (ctx: CaseContext) => string[];
  /** The function the run goes through (default: the daily trigger). */
  via?: string;
  /** A reported bug this case fails on until it is fixed (see test/faults/README.md). */
  bug?: string;
}

/** A run's test title: its cases, and the bugs it is known to fail on. */
export function title(cases: readonly BadCase[]): string {
  const bugs = [...new Set(cases.flatMap((c) => (c.bug ? [c.bug] : [])))];
  return `${cases.map((c) => c.name).join(' · ')}${bugs.length > 0 ? ` [bug ${bugs.join(', ')}]` : ''}`;
}

export interface CaseResult {
  group: string;
  name: string;
  answered: boolean;
  answer: string;
  lost: string[];
}

/** Writes the Overrides tab: the header, then rows as { column: value }. */
export function writeOverrides(ctx: CaseContext, rows: Array<Record<string, unknown>>, header: readonly string[] = OVERRIDES_COLUMNS): void {
  const ss = ctx.demo.runtime.services.SpreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName('Overrides') ?? ss.insertSheet('Overrides');
  const values = [[...header], ...rows.map((r) => header.map((h) => (r[h] === undefined ? '' : r[h])))];
  sheet.getRange(1, 1, values.length, header.length).setValues(values);
}

export function sheetValues(ctx: CaseContext, name: string): unknown[][] | null {
  const sheet = ctx.demo.runtime.services.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
  return sheet ? (sheet.getDataRange().getValues() as unknown[][]) : null;
}

/** Prepares the suite: the snapshot after one clean run and the pages a clean re-run generates. */
export async function prepare(w: Warehouse): Promise<{ pages: string[]; generated: string[] }> {
  restoreWarehouse(w, { inputs: true });
  const first = await freshDemo(w.bigQuery);
  runDailyToEnd(first);
  saveWarehouse(w, AFTER_FIRST_RUN);
  const again = await freshDemo(w.bigQuery);
  again.clock.advance(2 * 3600_000);
  runDailyToEnd(again);
  const pages = w.bigQuery.sql(`SELECT page_name FROM ${S}.creators WHERE is_active ORDER BY page_name`).map((r) => String(r.page_name));
  const generated = tabRecords(again.runtime, 'Overview').filter((r) => r.Status === 'GENERATED').map((r) => String(r.Page));
  return { pages, generated };
}

const activeByPage = (w: Warehouse) =>
  new Map(w.bigQuery.sql(`SELECT page_name, CAST(week_start AS VARCHAR) AS week, count(*) AS n FROM ${S}.schedules WHERE is_active GROUP BY ALL`).map((r) => [`${String(r.page_name)}|${String(r.week)}`, Number(r.n)]));

/**
 * Runs cases together (one run; their arrangements must not touch the same page or tab) and
 * judges each. What was lost is found once for the run and charged to each case it names, else
 * to the first case of the run.
 */
export async function runCases(w: Warehouse, base: { pages: string[]; generated: string[] }, cases: readonly BadCase[]): Promise<CaseResult[]> {
  restoreWarehouse(w, { name: AFTER_FIRST_RUN, inputs: true });
  const edits = cases.flatMap((c) => (c.midRun ? [{ ...c.midRun }] : []));
  const holder: { ctx?: CaseContext } = {};
  const demo = await freshDemo(w.bigQuery, {
    onServiceCall: (name) => {
      const i = edits.findIndex((e) => e.at.test(name));
      if (i >= 0 && holder.ctx) edits.splice(i, 1)[0]?.edit(holder.ctx);
    },
  });
  const c0: CaseContext = { demo, w, pages: base.pages, generated: base.generated };
  holder.ctx = c0;
  demo.clock.advance(2 * 3600_000);
  const before = activeByPage(w);
  for (const c of cases) c.arrange?.(c0);
  const overridesBefore = JSON.stringify(sheetValues(c0, 'Overrides'));
  const outcome: RunOutcome = { errors: [], executions: [] };
  execute(demo, outcome, cases[0]?.via ?? 'runDailyAutomation');
  drainFollowUps(demo, outcome);

  const runs = tabRecords(demo.runtime, 'Runs');
  const overview = tabRecords(demo.runtime, 'Overview');
  const seen = [
    ...runs.map((r) => Object.values(r).map(String).join(' | ')),
    ...overview.map((r) => `${String(r.Page)}: ${String(r.Status)} ${String(r.Reason)}`),
    ...demo.runtime.services.SpreadsheetApp._toasts.map((t) => t.message),
    ...outcome.errors.map((e) => (e instanceof Error ? e.message : String(e))),
  ];

  const runLog = w.bigQuery
    .sql(`SELECT details FROM ${S}.automation_run_log WHERE run_kind IN ('DAILY', 'MENU') AND details IS NOT NULL`)
    .flatMap((r) => String(r.details).split(/","|\| /));
  const lost: string[] = [];
  const concerned = new Set(cases.flatMap((c) => c.concerns?.(c0) ?? []));
  const status = new Map(overview.map((r) => [String(r.Page), String(r.Status)]));
  const refuses = cases.some((c) => c.refuses);
  if (!refuses) {
    for (const p of base.generated) if (!concerned.has(p) && status.get(p) !== 'GENERATED') lost.push(`${p} not generated (${status.get(p) ?? 'absent'})`);
    if (runs.length === 0) lost.push('the run has no row in Runs');
  } else if (outcome.errors.length === 0) {
    lost.push('the run did not refuse');
  }
  const after = activeByPage(w);
  for (const [key, n] of before) if ((after.get(key) ?? 0) !== 1) lost.push(`${key}: ${after.get(key) ?? 0} active schedules (had ${n})`);
  if (!cases.some((c) => c.midRun) && JSON.stringify(sheetValues(c0, 'Overrides')) !== overridesBefore) lost.push('the Overrides tab was changed by the run');
  lost.push(...brokenInvariants(w.bigQuery, { exclude: /overlapping windows/ }));
  for (const e of edits) lost.push(`the mid-run edit at ${String(e.at)} never happened`);

  return cases.map((c, i) => {
    const own = c.keeps?.(c0) ?? [];
    const charged = [...own, ...(i === 0 ? lost : [])];
    let answered: boolean;
    let answer: string;
    if (c.where) {
      const tokens = c.where(c0);
      const line = seen.find((l) => tokens.every((t) => (typeof t === 'string' ? l.includes(t) : t.test(l))));
      answered = line !== undefined;
      answer = `(not found: ${tokens.map(String).join(' + ')})`;
      // Said only where a scheduler does not look: the BigQuery run log.
      const logged = runLog.find((l) => tokens.every((t) => (typeof t === 'string' ? l.includes(t) : t.test(l))));
      if (!line && logged) answer = `(only in automation_run_log.details, not in the tabs) ${logged.slice(0, 100)}`;
      if (line) {
        const first = tokens[0] as string | RegExp;
        const at = Math.max(0, typeof first === 'string' ? line.indexOf(first) : line.search(first));
        answer = line.slice(at > 60 ? at - 30 : 0, at + 120);
      }
    } else {
      const failed = runs.some((r) => r.Status === 'FAILED') || outcome.errors.length > 0;
      answered = !failed;
      answer = failed ? `(run failed: ${seen.join(' ').slice(0, 100)})` : 'handled, no message needed';
    }
    return { group: c.group, name: c.name, answered, answer: answer.replace(/\s+/g, ' '), lost: charged };
  });
}

/** The table the suite prints: cases tried, answered clearly, anything lost. */
export function table(results: readonly CaseResult[], title: string): string {
  const w1 = Math.max(...results.map((r) => r.group.length), 5);
  const w2 = Math.max(...results.map((r) => r.name.length), 4);
  const lines = results.map(
    (r) => `${r.group.padEnd(w1)}  ${r.name.padEnd(w2)}  ${r.answered ? 'yes' : 'NO '}  ${String(r.lost.length).padStart(4)}  ${r.answer.slice(0, 120)}`,
  );
  const answered = results.filter((r) => r.answered).length;
  const lost = results.reduce((s, r) => s + r.lost.length, 0);
  return [
    `${title}: ${results.length} cases tried, ${answered} answered clearly, ${lost} lost`,
    `${'group'.padEnd(w1)}  ${'case'.padEnd(w2)}  ans  lost  answer (what the scheduler sees)`,
    ...lines,
    ...results.filter((r) => r.lost.length > 0).map((r) => `LOST in "${r.name}": ${r.lost.join('; ').slice(0, 300)}`),
  ].join('\n');
}
