// One home for the settings, read by runs and written by the Settings… dialog. Document
// properties: an Editor add-on's script properties are shared by every spreadsheet using it, so
// one team's project would leak into another's. Outside a document (a standalone script) there
// are none, and the script properties serve.
import type { PropertiesApi } from './properties';

export function settingsProperties(): PropertiesApi {
  return PropertiesService.getDocumentProperties() ?? PropertiesService.getScriptProperties();
}
