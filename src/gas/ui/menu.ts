// The "EROS Scheduler" menu. Built from onOpen (container-bound) and onInstall (Editor add-on).

/** Caption → global function name. The order is the order a scheduler sees. */
export const MENU_ITEMS: ReadonlyArray<readonly [string, string] | null> = [
  ['Generate schedule for this page…', 'generateScheduleForActivePage'],
  ['Generate all schedules', 'generateAllSchedules'],
  ['Page overrides…', 'openOverridesSidebar'],
  ['Undo last generation for this page', 'undoLastGenerationForActivePage'],
  null,
  ['Run health check', 'runHealthCheck'],
  ['Install daily automation', 'installAutomation'],
  ['Remove automation', 'removeAutomation'],
  null,
  ['Settings…', 'openSettingsDialog'],
];

export const MENU_TITLE = 'EROS Scheduler';

/**
 * An Editor add-on that is installed but not yet used in this document gets AuthMode.NONE and
 * may only add items to its add-on menu (titled with the add-on's name); a container-bound
 * script gets a top-level menu.
 */
export function buildMenu(e?: GoogleAppsScript.Events.SheetsOnOpen | { authMode?: unknown }): void {
  const ui = SpreadsheetApp.getUi();
  const isAddonWithoutAuth = !!e && e.authMode === ScriptApp.AuthMode.NONE;
  const menu = isAddonWithoutAuth ? ui.createAddonMenu() : ui.createMenu(MENU_TITLE);
  for (const item of MENU_ITEMS) {
    if (item === null) menu.addSeparator();
    else menu.addItem(item[0], item[1]);
  }
  menu.addToUi();
}

export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(e);
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  buildMenu(e);
}
