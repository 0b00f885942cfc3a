// The bundle's entry: it only re-exports the global functions (tools/build.mjs turns each export
// into a top-level `function` declaration, which is what Apps Script lists and calls).
export { onOpen, onInstall } from './ui/menu';
export { dispatchAutomation, runDailyAutomation, resumeDailyAutomation, runPerformanceUpdate, runLockSweep, installAutomation, removeAutomation } from './automation';
export { generateAllSchedules, generateScheduleForActivePage, runHealthCheck, undoLastGenerationForActivePage } from './ui/actions';
export { openOverridesSidebar } from './ui/sidebar';
export { getOverridesForSidebar, saveOverrides } from './ui/overrides-server';
export { openSettingsDialog, getSettingsForDialog, saveSettingsFromDialog } from './ui/settings-dialog';
