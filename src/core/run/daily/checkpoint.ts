// The run's checkpoint in key-value state: enough to resume exactly where an execution stopped
// (same run id, so the same schedule ids) and nothing more. Validated on load: a damaged
// checkpoint is reported and dropped rather than resumed.
import * as z from 'zod';
import type { KeyValueStore } from '../ports';
import type { PageResult } from '../summary';
import type { PendingTab } from './write';
import { formatIssues } from '../../zod-format';

export const CHECKPOINT_KEY = 'eros.run.checkpoint';
/** One checkpoint per run kind, so a menu run never disturbs a paused daily run. */
export const checkpointKey = (kind: string): string => `${CHECKPOINT_KEY}.${kind}`;
/** The run kinds that keep a checkpoint, in the order a follow-up continues them. */
export const RUN_KINDS = ['DAILY', 'MENU'] as const;
/** The Los Angeles date of the last finished run over every active page (daily or from the menu). */
export const LAST_FULL_RUN_KEY = 'eros.run.lastFullRun';

const PageResultSchema = z.object({
  page: z.string(),
  status: z.enum(['GENERATED', 'SKIPPED', 'INVALID', 'FAILED', 'NOT_ATTEMPTED']),
  reason: z.string(),
  scheduleId: z.string().nullable(),
  messageCount: z.number().optional(),
  light: z.enum(['GREEN', 'YELLOW', 'RED']).optional(),
  sizeTier: z.string().optional(),
  riskLevel: z.string().optional(),
  captionTarget: z.number().optional(),
  durationMs: z.number().optional(),
  at: z.string(),
});

const PendingTabSchema = z.object({
  page: z.string(),
  scheduleId: z.string(),
  messageCount: z.number().int().min(0),
  light: z.enum(['GREEN', 'YELLOW', 'RED']).optional(),
  sizeTier: z.string().optional(),
  riskLevel: z.string().optional(),
  captionTarget: z.number().optional(),
  startedMs: z.number(),
  note: z.string().optional(),
});

export const CheckpointSchema = z.object({
  version: z.literal(1),
  runId: z.string().min(1),
  /** The spreadsheet whose run this is: no other document continues it. */
  documentId: z.string().optional(),
  runKind: z.string(),
  runDate: z.string(),
  weekStart: z.string(),
  startedAt: z.string(),
  seed: z.number().int(),
  /** Pages explicitly asked for (empty = every active page). */
  requested: z.array(z.string()),
  procedureDone: z.boolean(),
  /** Every page of the run in processing order; null until the analysis job answered. */
  pages: z.array(z.string()).nullable(),
  results: z.array(PageResultSchema),
  breakerFailures: z.number().int().min(0),
  jobs: z.number().int().min(0),
  bytesProcessed: z.number().min(0),
  executions: z.number().int().min(0),
  notes: z.array(z.string()),
  /** Pages written to BigQuery whose tab the next execution fills (the time limit came first). */
  pendingTabs: z.array(PendingTabSchema).optional(),
  /** Measured time per schedule tab (ms), for the next execution's budget. */
  tabMs: z.number().min(0).optional(),
});

export type Checkpoint = z.infer<typeof CheckpointSchema> & { results: PageResult[]; pendingTabs?: PendingTab[] };

export function saveCheckpoint(state: KeyValueStore, key: string, cp: Checkpoint): void {
  state.set(key, JSON.stringify(cp));
}

export function clearCheckpoint(state: KeyValueStore, key: string): void {
  state.delete(key);
}

/** The stored checkpoint, or null (with the reason) when missing or unreadable. */
export function loadCheckpoint(state: KeyValueStore, key: string): { checkpoint: Checkpoint | null; problem?: string } {
  const raw = state.get(key);
  if (raw === null) return { checkpoint: null };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { checkpoint: null, problem: `checkpoint ${key} is not valid JSON` };
  }
  const parsed = CheckpointSchema.safeParse(json);
  if (!parsed.success) {
    return { checkpoint: null, problem: `checkpoint ${key} is damaged at ${formatIssues(parsed.error, { limit: 1, empty: '?' })}` };
  }
  return { checkpoint: parsed.data as Checkpoint };
}
