// The time-driven triggers, one per user and document. An Editor add-on may hold one trigger of
// each type per user and document, time-driven ones at most hourly
// (https://developers.google.com/workspace/add-ons/concepts/editor-triggers), so a document gets
// either the hourly dispatcher (the installed automation) or, while a run started without it is
// unfinished, a one-off follow-up — never both. getProjectTriggers() lists the user's triggers of
// every document, and a clock trigger names no document (getTriggerSourceId() is null for clock
// events), so each trigger's document is kept in the user's properties: install, remove and the
// follow-up touch only this document's trigger.
import * as z from 'zod';
import type { FollowUpScheduler } from '../../core/run/ports';
import type { PropertiesApi } from './properties';

/** The hourly trigger of the installed automation. */
export const DISPATCH_HANDLER = 'dispatchAutomation';
/** The one-off follow-up of a run started without the automation. */
export const FOLLOW_UP_HANDLER = 'resumeDailyAutomation';
/** Handlers that had clock triggers of their own in older installations (three per spreadsheet, more than an add-on may hold). */
export const LEGACY_HANDLERS = ['runDailyAutomation', 'runPerformanceUpdate', 'runLockSweep'];
/**
 * When the follow-up fires: after the execution that made it has surely ended (Apps Script stops
 * one at 6 minutes), so it never finds that execution still holding the document's lock.
 */
export const FOLLOW_UP_AFTER_MS = 10 * 60_000;

/** The parts of ScriptApp's trigger API used here. */
export interface TriggerLike {
  getHandlerFunction(): string;
  getUniqueId(): string;
}
export interface ClockTriggerBuilderLike {
  everyHours(n: number): ClockTriggerBuilderLike;
  after(ms: number): ClockTriggerBuilderLike;
  create(): TriggerLike;
}
export interface TriggerApi {
  getProjectTriggers(): TriggerLike[];
  deleteTrigger(trigger: TriggerLike): void;
  newTrigger(functionName: string): { timeBased(): ClockTriggerBuilderLike };
  getInstallationSource?(): unknown;
  InstallationSource?: { NONE: unknown };
}

const EntrySchema = z.object({ uid: z.string().min(1), handler: z.enum([DISPATCH_HANDLER, FOLLOW_UP_HANDLER]) });
export type TriggerEntry = z.infer<typeof EntrySchema>;

const entryKey = (documentId: string): string => `eros.trigger.${documentId}`;
const documentKey = (uid: string): string => `eros.triggerDocument.${uid}`;

/** This user's trigger per document, and each trigger's document (user properties). */
export class TriggerRegistry {
  constructor(private readonly props: PropertiesApi) {}

  get(documentId: string): TriggerEntry | null {
    const raw = this.props.getProperty(entryKey(documentId));
    if (raw === null) return null;
    try {
      const parsed = EntrySchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  set(documentId: string, entry: TriggerEntry): void {
    this.props.setProperties({ [documentKey(entry.uid)]: documentId, [entryKey(documentId)]: JSON.stringify(entry) });
  }

  delete(documentId: string): void {
    const entry = this.get(documentId);
    this.props.deleteProperty(entryKey(documentId));
    if (entry) this.props.deleteProperty(documentKey(entry.uid));
  }

  /** The document a trigger belongs to (e.triggerUid of a time-driven event), or null. */
  documentOf(uid: string): string | null {
    return this.props.getProperty(documentKey(uid));
  }
}

/** This document's trigger, if it still exists. */
function ownTrigger(api: TriggerApi, entry: TriggerEntry | null): TriggerLike | undefined {
  return entry ? api.getProjectTriggers().find((t) => t.getUniqueId() === entry.uid) : undefined;
}

/** A bound script's triggers are all its one document's; an add-on's are not (no clean-up there). */
function removeLegacy(api: TriggerApi): number {
  const bound = api.getInstallationSource !== undefined && api.InstallationSource !== undefined && api.getInstallationSource() === api.InstallationSource.NONE;
  if (!bound) return 0;
  const legacy = api.getProjectTriggers().filter((t) => LEGACY_HANDLERS.includes(t.getHandlerFunction()));
  legacy.forEach((t) => api.deleteTrigger(t));
  return legacy.length;
}

export interface InstallReport {
  /** True when the hourly trigger was created now (false: it was already there). */
  created: boolean;
  /** Triggers deleted: this document's follow-up, replaced, and a bound script's earlier triggers. */
  replaced: number;
}

/** Ensures this document's hourly trigger; any other document's trigger is untouched. */
export function installAutomation(api: TriggerApi, registry: TriggerRegistry, documentId: string): InstallReport {
  const entry = registry.get(documentId);
  const existing = ownTrigger(api, entry);
  let replaced = removeLegacy(api);
  if (entry?.handler === DISPATCH_HANDLER && existing) return { created: false, replaced };
  // A pending follow-up holds this document's one clock trigger: the hourly trigger takes over.
  if (existing) {
    api.deleteTrigger(existing);
    replaced += 1;
  }
  if (entry) registry.delete(documentId);
  const trigger = api.newTrigger(DISPATCH_HANDLER).timeBased().everyHours(1).create();
  registry.set(documentId, { uid: trigger.getUniqueId(), handler: DISPATCH_HANDLER });
  return { created: true, replaced };
}

/** Deletes this document's trigger (hourly or follow-up) and nothing else; returns how many. */
export function removeAutomation(api: TriggerApi, registry: TriggerRegistry, documentId: string): number {
  const existing = ownTrigger(api, registry.get(documentId));
  if (existing) api.deleteTrigger(existing);
  registry.delete(documentId);
  return (existing ? 1 : 0) + removeLegacy(api);
}

/** True when this document's hourly trigger exists for this user. */
export function automationInstalled(api: TriggerApi, registry: TriggerRegistry, documentId: string): boolean {
  const entry = registry.get(documentId);
  return entry?.handler === DISPATCH_HANDLER && ownTrigger(api, entry) !== undefined;
}

/**
 * The follow-up of this document's runs: the installed hourly trigger when there is one, else a
 * one-off trigger made when a run's execution starts (replacing a spent one) and deleted when the
 * run finishes.
 */
export function followUpScheduler(api: TriggerApi, registry: TriggerRegistry, documentId: string): FollowUpScheduler {
  return {
    arm(): void {
      const entry = registry.get(documentId);
      const existing = ownTrigger(api, entry);
      if (entry?.handler === DISPATCH_HANDLER && existing) return;
      if (existing) api.deleteTrigger(existing);
      if (entry) registry.delete(documentId);
      const trigger = api.newTrigger(FOLLOW_UP_HANDLER).timeBased().after(FOLLOW_UP_AFTER_MS).create();
      registry.set(documentId, { uid: trigger.getUniqueId(), handler: FOLLOW_UP_HANDLER });
    },
    disarm(): void {
      const entry = registry.get(documentId);
      if (entry?.handler !== FOLLOW_UP_HANDLER) return;
      const existing = ownTrigger(api, entry);
      if (existing) api.deleteTrigger(existing);
      registry.delete(documentId);
    },
  };
}
