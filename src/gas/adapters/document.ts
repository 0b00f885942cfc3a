// The spreadsheet an execution works on. From the menu, a dialog or a bound script's trigger it is
// the active spreadsheet. An Editor add-on's time-driven trigger has none to rely on: no page says
// getActiveSpreadsheet() returns the trigger's document there, and reports say it returns null
// (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getactivespreadsheet:
// "or null if there is none"). So the trigger's document is looked up by the event's triggerUid
// (kept in the user's properties when the trigger was made) and opened by id, which needs the
// https://www.googleapis.com/auth/spreadsheets scope.
import type { TriggerRegistry } from './triggers';

/** The triggerUid of a time-driven trigger's event, or null. */
export function triggerUidOf(event: unknown): string | null {
  const uid = event !== null && typeof event === 'object' ? (event as { triggerUid?: unknown }).triggerUid : undefined;
  return typeof uid === 'string' && uid !== '' ? uid : null;
}

export function openDocument(event: unknown, registry: TriggerRegistry): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const active = SpreadsheetApp.getActiveSpreadsheet() as GoogleAppsScript.Spreadsheet.Spreadsheet | null;
  if (active) return active;
  const uid = triggerUidOf(event);
  const id = uid === null ? null : registry.documentOf(uid);
  if (id === null) throw new Error('EROS Scheduler: no spreadsheet for this trigger; install the automation again');
  return SpreadsheetApp.openById(id);
}
