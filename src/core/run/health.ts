// The health check: the health_summary row and the bytes billed per day become a 0–100 score
// with its parts, each part saying what it measured, so a low score points at its cause.
import type { Cell, Row, Table } from './ports';

export interface HealthPart {
  part: string;
  score: number;
  outOf: number;
  detail: string;
}

export interface HealthReport {
  score: number;
  parts: HealthPart[];
}

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
const round1 = (x: number): number => Math.round(x * 10) / 10;
const HOUR = 3600_000;

/** Weights sum to 100. Bandit stats are fed every 6 h: fresh up to 8 h, worthless after 48 h. */
export function healthScore(summary: Row, bytesByDay: readonly Row[], maximumBytesBilled: number, now: Date): HealthReport {
  const parts: HealthPart[] = [];
  const runs = n(summary.runs_7d);
  const failed = n(summary.failed_runs_7d);
  const partial = n(summary.partial_runs_7d);
  parts.push({
    part: 'Runs (7 days)',
    outOf: 30,
    score: runs === 0 ? 0 : 30 * clamp01(1 - (failed + 0.5 * partial) / runs),
    detail: runs === 0
      ? 'no runs in 7 days: is the daily automation installed?'
      : `${runs} runs, ${failed} failed, ${partial} partial, ${n(summary.pages_failed_7d)} page failures, ${n(summary.failed_steps_7d)} failed steps`,
  });

  const latest = summary.latest_bandit_update instanceof Date ? summary.latest_bandit_update : null;
  const ageH = latest ? (now.getTime() - latest.getTime()) / HOUR : Infinity;
  parts.push({
    part: 'Bandit stats freshness',
    outOf: 20,
    score: 20 * clamp01((48 - Math.max(ageH, 8)) / 40),
    detail: latest
      ? `last update ${round1(ageH)} h ago; ${n(summary.stale_bandit_stats)} of ${n(summary.bandit_stats_rows)} rows not updated in 24 h; ${n(summary.unmatched_messages_7d)} messages matched no caption in 7 days`
      : 'no bandit stats: update_caption_performance has not run',
  });

  const active = n(summary.active_locks);
  const overdue = n(summary.overdue_active_locks);
  parts.push({
    part: 'Caption locks',
    outOf: 15,
    score: active === 0 ? 15 : 15 * clamp01(1 - overdue / active),
    detail: `${active} active of ${n(summary.total_locks)} recent; ${overdue} past their window (is the hourly sweep running?)`,
  });

  const exported = n(summary.exports_exported_7d);
  const bad = n(summary.exports_failed_7d) + n(summary.exports_invalid_7d);
  const exports = exported + bad + n(summary.exports_skipped_7d);
  parts.push({
    part: 'Exports (7 days)',
    outOf: 20,
    score: exports === 0 ? 0 : 20 * clamp01(1 - bad / exports),
    detail: exports === 0 ? 'no schedules exported in 7 days' : `${exported} exported, ${n(summary.exports_skipped_7d)} skipped (RED), ${n(summary.exports_failed_7d)} failed, ${n(summary.exports_invalid_7d)} invalid`,
  });

  const jobs = bytesByDay.reduce((s, r) => s + n(r.jobs), 0);
  const billed = bytesByDay.reduce((s, r) => s + n(r.bytes_billed), 0);
  const perJob = jobs === 0 ? 0 : billed / jobs;
  // Jobs averaging near the cap are about to fail with bytesBilledLimitExceeded.
  parts.push({
    part: 'Cost (7 days)',
    outOf: 15,
    score: 15 * clamp01(2 - (2 * perJob) / maximumBytesBilled),
    detail: `${jobs} jobs billed ${(billed / 1024 ** 3).toFixed(2)} GiB; ${(perJob / 1024 ** 2).toFixed(1)} MiB a job against a cap of ${(maximumBytesBilled / 1024 ** 3).toFixed(2)} GiB`,
  });

  for (const p of parts) p.score = round1(p.score);
  return { score: Math.round(parts.reduce((s, p) => s + p.score, 0)), parts };
}

const cell = (v: unknown): Cell =>
  v === null || v === undefined ? null : v instanceof Date || ['number', 'string', 'boolean'].includes(typeof v) ? (v as Cell) : JSON.stringify(v);

/** The alerts' rows: what the maintenance procedures raised (health_alerts), newest first. */
function alertRows(alerts: readonly Row[]): Cell[][] {
  const head: Cell[] = ['Alerts (7 days)', alerts.length, null, alerts.length === 0 ? 'none raised' : 'automation_alerts'];
  return [head, ...alerts.map((a): Cell[] => [
    `alert ${String(a.alert_kind)}`, null, null,
    `${a.raised_at instanceof Date ? a.raised_at.toISOString() : String(a.raised_at)} ${String(a.severity)}: ${String(a.message)} (run ${String(a.run_id)})`,
  ])];
}

/** The Health tab: the score, its parts, the alerts, the raw measures, then bytes billed per day. */
export function healthTable(report: HealthReport, summary: Row, bytesByDay: readonly Row[], checkedAt: Date, alerts: readonly Row[] = []): Table {
  const rows: Cell[][] = [
    ['Health score', report.score, 100, `checked ${checkedAt.toISOString()}`],
    ...report.parts.map((p): Cell[] => [p.part, p.score, p.outOf, p.detail]),
    ...alertRows(alerts),
    ...Object.entries(summary).map(([k, v]): Cell[] => [k, cell(v), null, 'health_summary']),
    ...bytesByDay.map((r): Cell[] => [`bytes billed ${String(cell(r.job_date))}`, n(r.bytes_billed), null, `${n(r.jobs)} jobs`]),
  ];
  return { header: ['Measure', 'Value', 'Out of', 'Detail'], rows, numberFormats: ['', '#,##0.#', '0', ''] };
}
