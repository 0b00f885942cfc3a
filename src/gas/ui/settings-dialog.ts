// The Settings… dialog and its server functions. The schema, defaults and property keys are the
// run's (src/core/run/settings.ts) so the dialog writes exactly what a run reads.
import {
  DEFAULT_SETTINGS, SETTING_KEYS, SettingsSchema, loadSettings, saveSettings, type Settings,
} from '../../core/run/settings';
import type { KeyValueStore } from '../../core/run/ports';
import { settingsProperties } from '../adapters/settings-store';

export const SETTINGS_FILE = 'Settings';

/**
 * The run's schema, strict (a misspelt key is an error, not dropped), with a floor of 1 MB on
 * maximumBytesBilled: a smaller cap would make every real query fail (BigQuery bills at least 10 MB a table).
 */
export const DialogSettingsSchema = SettingsSchema.extend({
  maximumBytesBilled: SettingsSchema.shape.maximumBytesBilled.min(1e6, 'must be at least 1000000 bytes (1 MB)'),
}).strict();

export type SettingsField = keyof Settings | 'form';

export interface SettingsDialogData {
  /** What is stored (raw text where it does not validate, so it can be corrected). */
  settings: Record<keyof Settings, string | number>;
  defaults: Settings;
  /** Why the stored settings do not load, or null. */
  problem: string | null;
}

export type SettingsSaveResult =
  | { ok: true; saved: Settings }
  | { ok: false; errors: Array<{ field: SettingsField; message: string }> };

/** The run's settings store (src/gas/settings-store.ts) as a KeyValueStore. */
export function documentSettingsStore(): KeyValueStore {
  const props = settingsProperties();
  return {
    get: (key) => props.getProperty(key),
    set: (key, value) => {
      props.setProperty(key, value);
    },
    delete: (key) => {
      props.deleteProperty(key);
    },
  };
}

export function createSettingsServer(store: () => KeyValueStore) {
  function getSettingsForDialog(): SettingsDialogData {
    const kv = store();
    try {
      return { settings: { ...loadSettings(kv) }, defaults: { ...DEFAULT_SETTINGS }, problem: null };
    } catch (e) {
      const raw = { ...DEFAULT_SETTINGS } as Record<keyof Settings, string | number>;
      for (const key of Object.keys(SETTING_KEYS) as Array<keyof Settings>) {
        const value = kv.get(SETTING_KEYS[key]);
        if (value !== null && value.trim() !== '') raw[key] = value;
      }
      return { settings: raw, defaults: { ...DEFAULT_SETTINGS }, problem: e instanceof Error ? e.message : String(e) };
    }
  }

  function saveSettingsFromDialog(input: unknown): SettingsSaveResult {
    const parsed = DialogSettingsSchema.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        errors: parsed.error.issues.map((issue) => {
          const head = issue.path[0];
          const field = (typeof head === 'string' && head in SETTING_KEYS ? head : 'form') as SettingsField;
          return { field, message: issue.message };
        }),
      };
    }
    return { ok: true, saved: { ...saveSettings(store(), parsed.data) } };
  }

  return { getSettingsForDialog, saveSettingsFromDialog };
}

/** Menu handler: Settings… */
export function openSettingsDialog(): void {
  const html = HtmlService.createHtmlOutputFromFile(SETTINGS_FILE).setWidth(420).setHeight(460);
  SpreadsheetApp.getUi().showModalDialog(html, 'EROS Scheduler settings');
}

/** google.script.run entry: the stored settings (or the raw values and why they fail). */
export function getSettingsForDialog(): SettingsDialogData {
  return createSettingsServer(documentSettingsStore).getSettingsForDialog();
}

/** google.script.run entry: validate strictly, then store. */
export function saveSettingsFromDialog(settings: unknown): SettingsSaveResult {
  return createSettingsServer(documentSettingsStore).saveSettingsFromDialog(settings);
}
