// The bundle's entry: it only exposes global functions (tools/build.mjs turns each export into a
// top-level `function` declaration, which is what Apps Script's V8 sees).
import { buildMenu } from './menu';

export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(e);
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  buildMenu(e);
}
