// The bundle's entry: it only wires the engine and the SQL into the run and exposes global
// functions (tools/build.mjs turns each export into a top-level `function` declaration).
import { planPage } from '../core/plan';
import { scheduleIdFor } from '../core/hash';
import { buildMenu } from './menu';
import { configureRun } from './handlers';
import { loadOverridesFrom } from './run-overrides';
import pageAnalysis from '../../sql/queries/page_analysis.sql';
import captionCandidates from '../../sql/queries/caption_candidates.sql';
import writeSchedules from '../../sql/queries/write_schedules.sql';
import scheduleExport from '../../sql/queries/schedule_export.sql';
import logExports from '../../sql/queries/log_exports.sql';
import healthSummary from '../../sql/queries/health_summary.sql';
import bytesBilled7d from '../../sql/queries/bytes_billed_7d.sql';
import undoGeneration from '../../sql/queries/undo_generation.sql';
import holidays from '../../sql/queries/holidays.sql';

configureRun({
  engine: { planPage, scheduleIdFor },
  queries: { pageAnalysis, captionCandidates, writeSchedules, scheduleExport, logExports, holidays, healthSummary, bytesBilled7d, undoGeneration },
  loadOverrides: (pages, lookAlikes) => loadOverridesFrom(SpreadsheetApp.getActiveSpreadsheet(), pages, lookAlikes, PropertiesService.getDocumentProperties()),
});

export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(e);
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  buildMenu(e);
}

export {
  runDailyAutomation, resumeDailyAutomation, runPerformanceUpdate, runLockSweep, generateAllSchedules,
  generateScheduleForActivePage, runHealthCheck, undoLastGenerationForActivePage, installAutomation, removeAutomation,
} from './handlers';
export { openOverridesSidebar } from './sidebar';
export { getOverridesForSidebar, saveOverrides } from './overrides';
export { openSettingsDialog, getSettingsForDialog, saveSettingsFromDialog } from './settings-dialog';
