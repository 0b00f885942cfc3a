// One home for the settings, read by runs and written by the Settings… dialog: the document's
// properties. An Editor add-on's script properties are shared by every spreadsheet using it, so
// one team's project would leak into another's; an execution without a document (none of this
// add-on's) is refused rather than handed the shared store.
import type { PropertiesApi } from './properties';

export function settingsProperties(): PropertiesApi {
  const props = PropertiesService.getDocumentProperties();
  if (!props) throw new Error('EROS Scheduler: no document properties here');
  return props;
}
