// Optional run tuning (EROS_RUN_OPTIONS, a JSON object), read at the start of every execution:
// batch size, rows per result page, candidates per page, tab time estimate. The document's own
// value wins, else the script-wide one (what an operator sets in the script's properties). For
// operators and the benchmark; a bad value is logged and ignored (the defaults apply).
import * as z from 'zod';
import type { Logger } from '../../ports';
import type { KeyValueStore } from '../ports';
import { formatIssues } from '../../zod-format';

export const RUN_TUNING_KEY = 'EROS_RUN_OPTIONS';

const TuningSchema = z
  .object({
    batchSize: z.number().int().min(1).max(1000),
    pageRows: z.number().int().min(1).max(100_000),
    candidatesPerPage: z.number().int().min(1).max(2000),
    tabMs: z.number().min(0).max(600_000),
  })
  .partial()
  .strict();

export type RunTuning = z.infer<typeof TuningSchema>;

export function runTuning(state: KeyValueStore, logger: Logger, defaults?: KeyValueStore): RunTuning {
  let raw: string | null;
  try {
    raw = state.get(RUN_TUNING_KEY) ?? defaults?.get(RUN_TUNING_KEY) ?? null;
  } catch {
    return {};
  }
  if (raw === null || raw.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    logger.warn(`${RUN_TUNING_KEY} is not valid JSON; the defaults apply`);
    return {};
  }
  const parsed = TuningSchema.safeParse(json);
  if (!parsed.success) {
    logger.warn(`${RUN_TUNING_KEY}: ${formatIssues(parsed.error, { limit: 1, empty: 'value' })}; the defaults apply`);
    return {};
  }
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as RunTuning;
}
