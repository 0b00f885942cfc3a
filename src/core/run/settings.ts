// Settings the run machinery needs, stored as document properties and validated on every load so
// a wrong value is reported by name before any job is sent.
import * as z from 'zod';
import { DATASET_PATTERN, DEFAULT_DATASET } from './qualify';
import type { KeyValueStore } from './ports';
import { formatIssues } from '../zod-format';

/**
 * BigQuery locations: the multi-regions US and EU (either case) or a region name as Google writes
 * them, lower case: area-direction-number (us-central1, europe-west12, northamerica-northeast2).
 * The location also names INFORMATION_SCHEMA's `region-<location>` qualifier, so nothing else may pass.
 */
export const LOCATION_PATTERN = /^(?:US|EU|us|eu|[a-z]{2,16}(?:-[a-z]{2,16}){1,2}[1-9][0-9]?)$/;
/** Google Cloud project ids: 6-30 of a-z 0-9 -, a letter first, no trailing hyphen; or domain:project. */
export const PROJECT_PATTERN = /^(?:[a-z][a-z0-9-]{4,28}[a-z0-9]|[a-z0-9][a-z0-9.-]{0,61}[a-z0-9]:[a-z][a-z0-9-]{4,28}[a-z0-9])$/;
const MAX_BYTES_LIMIT = 1e13;

export const SettingsSchema = z.object({
  project: z
    .string()
    .regex(PROJECT_PATTERN, 'must be a Google Cloud project id such as of-scheduler-proj (or domain.com:project)'),
  dataset: z.string().regex(DATASET_PATTERN, 'must be letters, digits and underscores, starting with a letter or underscore'),
  location: z.string().regex(LOCATION_PATTERN, 'must be a BigQuery location such as US, EU or us-central1'),
  maximumBytesBilled: z
    .number({ error: 'must be a whole number of bytes, such as 10737418240 (10 GiB)' })
    .positive('must be positive')
    .max(MAX_BYTES_LIMIT, 'must be at most 10^13 bytes')
    .int('must be a whole number of bytes'),
  weekStart: z.literal('MONDAY', { error: 'must be MONDAY (weeks run Monday to Sunday)' }),
});

export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  project: 'of-scheduler-proj',
  dataset: DEFAULT_DATASET,
  location: 'US',
  maximumBytesBilled: 10 * 1024 ** 3,
  weekStart: 'MONDAY',
};

/** Property names, one per setting. */
export const SETTING_KEYS: Record<keyof Settings, string> = {
  project: 'EROS_PROJECT',
  dataset: 'EROS_DATASET',
  location: 'EROS_LOCATION',
  maximumBytesBilled: 'EROS_MAX_BYTES_BILLED',
  weekStart: 'EROS_WEEK_START',
};

/** Thrown when a stored setting is wrong; the message names the property and what is expected. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** A number typed as text ('-5', '1e10', '2.5') becomes a number, so the range checks can name it. */
function parseBytes(raw: string): number | string {
  return /^\s*[-+]?\d+(\.\d+)?(e[-+]?\d+)?\s*$/i.test(raw) ? Number(raw) : raw;
}

/** Validates a candidate settings object; unset fields take their defaults. */
export function parseSettings(input: Partial<Record<keyof Settings, unknown>>): Settings {
  const merged = { ...DEFAULT_SETTINGS, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
  const result = SettingsSchema.safeParse(merged);
  if (result.success) return result.data;
  const keyOf = (path: PropertyKey[]) => path[0] as keyof Settings | undefined;
  const problems = formatIssues(result.error, {
    limit: Object.keys(SETTING_KEYS).length,
    where: (path) => {
      const key = keyOf(path);
      return key ? `${key} (property ${SETTING_KEYS[key]})` : 'settings';
    },
    detail: (issue) => {
      const key = keyOf(issue.path);
      return `, got ${JSON.stringify(key ? merged[key] : merged)}`;
    },
  });
  throw new SettingsError(`invalid setting — ${problems}`);
}

/** Reads the settings from their store; a missing property takes its default. */
export function loadSettings(store: KeyValueStore): Settings {
  const raw: Partial<Record<keyof Settings, unknown>> = {};
  for (const key of Object.keys(SETTING_KEYS) as Array<keyof Settings>) {
    const value = store.get(SETTING_KEYS[key]);
    if (value === null || value.trim() === '') continue;
    raw[key] = key === 'maximumBytesBilled' ? parseBytes(value) : value.trim();
  }
  return parseSettings(raw);
}

/** Validates then stores settings (used by the settings dialog). */
export function saveSettings(store: KeyValueStore, input: Partial<Record<keyof Settings, unknown>>): Settings {
  const settings = parseSettings(input);
  for (const key of Object.keys(SETTING_KEYS) as Array<keyof Settings>) store.set(SETTING_KEYS[key], String(settings[key]));
  return settings;
}
