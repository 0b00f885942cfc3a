// The "EROS Scheduler" menu. Built from onOpen (every open) and onInstall (an Editor add-on
// installed from the store), always with createAddonMenu(): published add-ons must, and a bound
// script's sub-menu under Extensions is named after the script, so one code path serves both
// (https://developers.google.com/workspace/add-ons/concepts/menus). onOpen may run in
// AuthMode.NONE, where nothing but the menu is allowed: no property, no lock, no service.

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

/** The add-on menu (Sheets titles it with the add-on's name, or a bound script's). */
export function buildMenu(): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) {
    if (item === null) menu.addSeparator();
    else menu.addItem(item[0], item[1]);
  }
  menu.addToUi();
}

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu();
}

export function onInstall(_e?: GoogleAppsScript.Events.AddonOnInstall): void {
  buildMenu();
}
