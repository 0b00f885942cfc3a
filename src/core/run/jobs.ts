// The BigQuery jobs of a run: their SQL (by name), their parameters and the rows they return.
// The SQL text of sql/queries/*.sql is handed in (RunQueries) so the core stays free of files.
import * as z from 'zod';
import { param, type StructFields } from './params';
import type { QueryParam, Row } from './ports';
import type { PagePlanLike, PlanHoliday } from './plan-contract';
import { formatIssues } from '../zod-format';

/** The SQL the run sends, keyed by job; texts reference `eros_scheduling_brain.<name>`. */
export interface RunQueries {
  pageAnalysis: string;
  captionCandidates: string;
  writeSchedules: string;
  scheduleExport: string;
  logExports: string;
  /** Optional until a holiday query exists; without it plans get no holiday adjustment. */
  holidays?: string;
}

// The procedures own their automation_run_log rows; the script passes its run id so the Runs tab
// shows the row's id (run_daily_automation logs a step of the script's run: its parent).
export const CALL_RUN_DAILY_AUTOMATION = 'CALL eros_scheduling_brain.run_daily_automation(@run_date, @run_id, @parent_run_id)';
export const CALL_UPDATE_CAPTION_PERFORMANCE = 'CALL eros_scheduling_brain.update_caption_performance(@run_id)';
export const CALL_SWEEP_LOCKS = 'CALL eros_scheduling_brain.sweep_expired_caption_locks(@run_id, NULL)';
export const CALL_UNDO_GENERATION = 'CALL eros_scheduling_brain.undo_generation(@undo_page, @undo_schedule, @undone_at, @run_id)';

export const SCHEDULE_FIELDS: StructFields = {
  schedule_id: 'STRING',
  page_name: 'STRING',
  week_start: 'DATE',
  size_tier: 'STRING',
  risk_level: 'STRING',
  saturation_light: 'STRING',
  caption_target: 'INT64',
  message_count: 'INT64',
};

export const MESSAGE_FIELDS: StructFields = {
  schedule_id: 'STRING',
  page_name: 'STRING',
  week_start: 'DATE',
  slot_index: 'INT64',
  scheduled_send_time: 'TIMESTAMP',
  message_type: 'STRING',
  funnel_step: 'STRING',
  caption_id: 'INT64',
  price: 'FLOAT64',
  selection_draw: 'FLOAT64',
  selection_reason: 'STRING',
};

export const EXPORT_LOG_FIELDS: StructFields = {
  export_id: 'STRING',
  run_id: 'STRING',
  schedule_id: 'STRING',
  page_name: 'STRING',
  export_timestamp: 'TIMESTAMP',
  status: 'STRING',
  reason: 'STRING',
  message_count: 'INT64',
  duration_ms: 'INT64',
};

export const RUN_FIELDS: StructFields = {
  run_id: 'STRING',
  run_date: 'DATE',
  run_kind: 'STRING',
  started_at: 'TIMESTAMP',
  finished_at: 'TIMESTAMP',
  status: 'STRING',
  pages_total: 'INT64',
  pages_generated: 'INT64',
  pages_skipped: 'INT64',
  pages_failed: 'INT64',
  details: 'STRING',
  parent_run_id: 'STRING',
  error_message: 'STRING',
};

/** The queue step's own run id (a CALL sent again logs the same row) and the run it belongs to. */
export const runDailyAutomationParams = (runDate: string, stepId: string, runId: string): QueryParam[] => [
  param.date('run_date', runDate),
  param.string('run_id', stepId),
  param.string('parent_run_id', runId),
];

export const pageAnalysisParams = (pages: readonly string[], asOf: string, lookbackDays: number): QueryParam[] => [
  param.array('page_names', 'STRING', pages),
  param.date('as_of', asOf),
  param.int64('lookback_days', lookbackDays),
];

export const captionCandidatesParams = (
  pages: readonly string[],
  weekStart: string,
  weekEnd: string,
  cooldownDays: number,
  perPage: number,
): QueryParam[] => [
  param.array('page_names', 'STRING', pages),
  param.date('week_start', weekStart),
  param.date('week_end', weekEnd),
  param.int64('cooldown_days', cooldownDays),
  param.int64('per_page', perPage),
];

export const holidaysParams = (from: string, to: string): QueryParam[] => [param.date('week_start', from), param.date('week_end', to)];

/** The table the run's load job appends to; write_schedules.sql merges it (sql/tables/schedule_staging.sql). */
export const STAGING_TABLE = 'schedule_staging';

/**
 * The load job's rows: one per schedule with its messages nested (newline-delimited JSON, so
 * TIMESTAMP goes as ISO text and DATE as 'YYYY-MM-DD'). Shapes: SCHEDULE_FIELDS + messages of
 * MESSAGE_FIELDS without the schedule's own columns.
 */
export function stagedScheduleRows(
  loadId: string,
  stagedOn: string,
  runId: string,
  plans: readonly PagePlanLike[],
  analysisByPage: ReadonlyMap<string, Row>,
): Array<Record<string, unknown>> {
  return plans.map((p) => {
    const row = analysisByPage.get(p.pageName) ?? {};
    return {
      load_id: loadId,
      staged_on: stagedOn,
      run_id: runId,
      schedule_id: p.schedule.scheduleId,
      page_name: p.pageName,
      week_start: p.schedule.weekStart,
      size_tier: p.analysis.account_classification?.size_tier ?? (row.size_tier as string | undefined) ?? null,
      risk_level: p.analysis.saturation?.risk_level ?? (row.risk_level as string | undefined) ?? null,
      saturation_light: p.gate.light,
      caption_target: p.captionTarget,
      message_count: p.schedule.slots.length,
      messages: p.schedule.slots.map((s) => ({
        slot_index: s.slotIndex,
        scheduled_send_time: s.sendTime.toISOString(),
        message_type: s.messageType,
        funnel_step: s.funnelStep,
        caption_id: s.captionId,
        price: s.price,
        selection_draw: s.draw,
        selection_reason: s.reason,
      })),
    };
  });
}

/** The write job (write_schedules.sql): merges what one load job staged, in one transaction. */
export const writeSchedulesParams = (runId: string, generatedAt: Date, loadId: string, stagedOn: string): QueryParam[] => [
  param.string('run_id', runId),
  param.timestamp('generated_at', generatedAt),
  param.string('load_id', loadId),
  param.date('staged_on', stagedOn),
];

export const scheduleExportParams = (scheduleIds: readonly string[]): QueryParam[] => [param.array('schedule_ids', 'STRING', scheduleIds)];

/** The minimum the run needs from an analysis row; the engine validates the rest. */
export const AnalysisRowSchema = z.looseObject({ page_name: z.string().min(1, 'page_name must not be empty') });

export const HolidayRowSchema = z.object({
  holiday_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  holiday_name: z.string(),
  holiday_type: z.string(),
  significance: z.string(),
  saturation_impact_factor: z.number().finite(),
});

export function toHolidays(rows: readonly Row[]): PlanHoliday[] {
  return rows.map((r, i) => {
    const parsed = HolidayRowSchema.safeParse(r);
    if (!parsed.success) throw new Error(`holiday row ${i}: ${formatIssues(parsed.error)}`);
    const h = parsed.data;
    return { date: h.holiday_date, name: h.holiday_name, type: h.holiday_type, significance: h.significance, saturationImpactFactor: h.saturation_impact_factor };
  });
}

/** Validates rows against a schema, naming the job and the row index in the message. */
export function checkRows<T>(job: string, rows: readonly Row[], schema: z.ZodType<T>): T[] {
  return rows.map((r, i) => {
    const parsed = schema.safeParse(r);
    if (!parsed.success) {
      throw new Error(`${job} row ${i}: ${formatIssues(parsed.error, { empty: 'row' })}`);
    }
    return parsed.data;
  });
}
