// The "Page overrides" sidebar: opened from the menu; its page calls the server functions below
// through google.script.run (see serverCall in src/html/Sidebar.html).
import type { SaveResult, SidebarData } from './overrides';
import type { SettingsDialogData, SettingsSaveResult } from './settings-dialog';

/**
 * Every function the sidebar and the settings dialog may call, with its argument and answer types
 * (the enuchi/React-Google-Apps-Script "serverFunctions" idea). The HTML's serverCall(name, ...args)
 * returns the answer as a Promise; a TypeScript client would type it with ServerCall below.
 */
export type ServerFunctions = {
  getOverridesForSidebar(): SidebarData;
  saveOverrides(page: string, overrides: unknown): SaveResult;
  getSettingsForDialog(): SettingsDialogData;
  saveSettingsFromDialog(settings: unknown): SettingsSaveResult;
};

export type ServerFunctionName = keyof ServerFunctions;

/** The Promise form of one server function, as serverCall exposes it in the browser. */
export type ServerCall = <K extends ServerFunctionName>(
  name: K,
  ...args: Parameters<ServerFunctions[K]>
) => Promise<ReturnType<ServerFunctions[K]>>;

export const SIDEBAR_FILE = 'Sidebar';
export const SIDEBAR_TITLE = 'Page overrides';

/** Menu handler: Page overrides… */
export function openOverridesSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}
