// The health check as a run: the health_summary row, the bytes billed per day and the alerts the
// maintenance runs raised (three jobs), scored (health.ts) and written to the Health tab. No lock:
// it only reads, and it is no run of automation_run_log (it changes nothing).
import { param } from './params';
import type { Row, RunPorts } from './ports';
import { errorText } from './results';
import { CircuitBreaker, ResilientWarehouse } from './retry';
import { healthScore, healthTable, type HealthReport } from './health';

export interface HealthDeps extends RunPorts {
  queries: { healthSummary: string; bytesBilled7d: string; healthAlerts: string };
  /** The dataset's location (validated setting): it names INFORMATION_SCHEMA's region. */
  location: string;
  maximumBytesBilled: number;
}

const DAY_MS = 86_400_000;

export function runHealthCheck(deps: HealthDeps): HealthReport {
  const warehouse = new ResilientWarehouse(deps.warehouse, deps.sleeper, new CircuitBreaker(), deps.logger);
  const now = deps.clock.now();
  const [summary = {}] = warehouse.query(deps.queries.healthSummary, [param.timestamp('as_of', now)], { label: 'health_summary' }).rows;
  let bytes: Row[] = [];
  try {
    // The region is an identifier, not a parameter: built from the validated location setting.
    const sql = deps.queries.bytesBilled7d.split('`region-us`').join(`\`region-${deps.location.toLowerCase()}\``);
    bytes = warehouse.query(sql, [param.timestamp('since', new Date(now.getTime() - 7 * DAY_MS))], { label: 'bytes_billed_7d' }).rows;
  } catch (e) {
    deps.logger.warn(`bytes billed unavailable (INFORMATION_SCHEMA needs bigquery.jobs.listAll): ${errorText(e)}`);
  }
  const alerts = warehouse.query(deps.queries.healthAlerts, [param.timestamp('as_of', now)], { label: 'health_alerts' }).rows;
  const report = healthScore(summary, bytes, deps.maximumBytesBilled, now);
  deps.workbook.writeHealth(healthTable(report, summary, bytes, now, alerts));
  return report;
}

/** What the person is told after a check. */
export function healthMessage(report: HealthReport): string {
  return `Health score ${report.score}/100: ${report.parts.filter((p) => p.score < p.outOf).map((p) => p.part).join(', ') || 'all parts full'}.`;
}
