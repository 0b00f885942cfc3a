// The "Page overrides" sidebar: opened from the menu; its page calls the server functions of
// src/gas/server-functions.ts through google.script.run (src/html/client/server-call.js).
export const SIDEBAR_FILE = 'Sidebar';
export const SIDEBAR_TITLE = 'Page overrides';

/** Menu handler: Page overrides… */
export function openOverridesSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}
