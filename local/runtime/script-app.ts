// ScriptApp: installable triggers and the enums scripts compare against.
// https://developers.google.com/apps-script/reference/script/script-app
// https://developers.google.com/apps-script/reference/script/clock-trigger-builder
// https://developers.google.com/apps-script/guides/services/quotas (20 triggers / user / script)
// An Editor add-on has stricter rules (https://developers.google.com/workspace/add-ons/concepts/editor-triggers):
// "Each add-on can only have one trigger of each type, per user, per document", "Add-ons can only
// create triggers for the file in which the add-on is used" and "Time-driven triggers cannot run
// more frequently than once per hour". Every clock trigger is one type, whatever its schedule.
// Google's pages print none of the three error texts; the ones below are what add-on authors
// report seeing (ADDON_CLOCK_LIMIT, ADDON_HOURLY) or this stand-in's own (ADDON_OTHER_FILE).
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import type { ClockLike } from './clock';
import { normalizeZone } from './dateformat';
import { ServiceError } from './errors';

export const AuthMode = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const;
export const EventType = {
  CLOCK: 'CLOCK', ON_OPEN: 'ON_OPEN', ON_EDIT: 'ON_EDIT', ON_FORM_SUBMIT: 'ON_FORM_SUBMIT', ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const;
export const TriggerSource = { SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK', FORMS: 'FORMS', DOCUMENTS: 'DOCUMENTS', CALENDAR: 'CALENDAR' } as const;

export const InstallationSource = { APPS_MARKETPLACE_DOMAIN_ADD_ON: 'APPS_MARKETPLACE_DOMAIN_ADD_ON', NONE: 'NONE', WEB_STORE_ADD_ON: 'WEB_STORE_ADD_ON' } as const;

export const MAX_TRIGGERS_PER_USER = 20;
export const TOO_MANY_TRIGGERS = 'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
export const ADDON_CLOCK_LIMIT = 'This add-on has created too many time-based triggers in this document for this Google user account.';
export const ADDON_HOURLY = 'The recurrence interval for an Add-on trigger must be at least one hour.';
export const ADDON_OTHER_FILE = 'Add-ons can only create triggers for the file in which the add-on is used.';
const HOUR_MS = 3_600_000;

export type Schedule =
  | { kind: 'every'; intervalMs: number }
  | { kind: 'daily'; days: number; hour: number; minute: number; timeZone: string }
  | { kind: 'once'; at: number };

export interface TriggerRecord {
  id: string;
  owner: string;
  handler: string;
  eventType: keyof typeof EventType;
  source: keyof typeof TriggerSource;
  sourceId: string | null;
  schedule?: Schedule;
  /** Epoch ms of the next run; undefined once a one-off trigger has run. */
  nextRunAt?: number;
  /**
   * The document the trigger was created in (where it runs). Google keeps this association but
   * shows it to no API: getTriggerSourceId() is null for clock triggers.
   */
  documentId: string | null;
}

/** The triggers of one script, all users (share it between runtimes of the same script). */
export class TriggerStore {
  readonly triggers: TriggerRecord[] = [];
}

export class Trigger {
  static readonly apiName = 'ScriptApp.Trigger';
  constructor(readonly _record: TriggerRecord) {}
  getHandlerFunction(): string { return this._record.handler; }
  getUniqueId(): string { return this._record.id; }
  getEventType(): string { return this._record.eventType; }
  getTriggerSource(): string { return this._record.source; }
  getTriggerSourceId(): string | null { return this._record.sourceId; }
}

interface BuildContext {
  store: TriggerStore;
  clock: ClockLike;
  owner: string;
  scriptTimeZone: string;
  handler: string;
  /** An Editor add-on (its trigger rules apply) or a bound script. */
  addon: boolean;
  /** The executing document (the trigger's document). */
  documentId: string | null;
}

/** An add-on may hold one trigger of each event type per user and document. */
function checkAddonLimits(ctx: BuildContext, record: Omit<TriggerRecord, 'id' | 'owner' | 'handler' | 'documentId'>): void {
  if (!ctx.addon) return;
  const s = record.schedule;
  if (s?.kind === 'every' && s.intervalMs < HOUR_MS) throw new ServiceError(ADDON_HOURLY);
  if (record.sourceId !== null && record.sourceId !== ctx.documentId) throw new ServiceError(ADDON_OTHER_FILE);
  const same = ctx.store.triggers.some((t) => t.owner === ctx.owner && t.documentId === ctx.documentId && t.eventType === record.eventType);
  if (same) throw new ServiceError(record.eventType === 'CLOCK' ? ADDON_CLOCK_LIMIT : `This add-on has already created an ${record.eventType} trigger in this document for this Google user account.`);
}

function addTrigger(ctx: BuildContext, record: Omit<TriggerRecord, 'id' | 'owner' | 'handler' | 'documentId'>): Trigger {
  checkAddonLimits(ctx, record);
  const mine = ctx.store.triggers.filter((t) => t.owner === ctx.owner);
  if (mine.length >= MAX_TRIGGERS_PER_USER) throw new ServiceError(TOO_MANY_TRIGGERS);
  const full: TriggerRecord = { ...record, id: randomUUID().replace(/-/g, '').slice(0, 20), owner: ctx.owner, handler: ctx.handler, documentId: ctx.documentId };
  ctx.store.triggers.push(full);
  return new Trigger(full);
}

/** First run of a daily trigger: the next hour:minute wall time in its zone after `after`. */
export function nextDaily(after: number, s: Extract<Schedule, { kind: 'daily' }>): number {
  let t = DateTime.fromMillis(after, { zone: s.timeZone }).set({ hour: s.hour, minute: s.minute, second: 0, millisecond: 0 });
  while (t.toMillis() <= after) t = t.plus({ days: 1 });
  return t.toMillis();
}

/** The run after the one due at record.nextRunAt; missed runs are skipped, not caught up. */
export function nextRunAfter(record: TriggerRecord, now: number): number | undefined {
  const s = record.schedule;
  if (!s || s.kind === 'once' || record.nextRunAt === undefined) return undefined;
  if (s.kind === 'every') {
    let next = record.nextRunAt + s.intervalMs;
    while (next <= now) next += s.intervalMs;
    return next;
  }
  // Wall-clock arithmetic: 03:05 stays 03:05 across a DST change.
  let t = DateTime.fromMillis(record.nextRunAt, { zone: s.timeZone });
  do t = t.plus({ days: s.days }).set({ hour: s.hour, minute: s.minute });
  while (t.toMillis() <= now);
  return t.toMillis();
}

export class ClockTriggerBuilder {
  static readonly apiName = 'ScriptApp.ClockTriggerBuilder';
  private _every?: number;
  private _days?: number;
  private _hour?: number;
  private _minute = 0;
  private _tz?: string;
  private _at?: number;

  constructor(private readonly _ctx: BuildContext) {}

  /** Google accepts 1, 5, 10, 15 or 30 (the error wording here is this stand-in's). */
  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n)) throw new ServiceError(`Invalid argument: everyMinutes(${n}); accepted values are 1, 5, 10, 15 or 30.`);
    this._every = n * 60_000;
    return this;
  }

  everyHours(n: number): this {
    if (![1, 2, 4, 6, 8, 12].includes(n)) throw new ServiceError(`Invalid argument: everyHours(${n}); accepted values are 1, 2, 4, 6, 8 or 12.`);
    this._every = n * 3_600_000;
    return this;
  }

  everyDays(n: number): this {
    if (!(Number.isInteger(n) && n >= 1)) throw new ServiceError(`Invalid argument: everyDays(${n})`);
    this._days = n;
    return this;
  }

  atHour(hour: number): this {
    if (!(Number.isInteger(hour) && hour >= 0 && hour <= 23)) throw new ServiceError(`Invalid argument: atHour(${hour})`);
    this._hour = hour;
    return this;
  }

  /** Google runs within ±15 minutes of this minute; the stand-in runs exactly on it. */
  nearMinute(minute: number): this {
    this._minute = Math.max(0, Math.min(59, Math.floor(minute)));
    return this;
  }

  inTimezone(timeZone: string): this {
    this._tz = normalizeZone(timeZone);
    return this;
  }

  at(date: Date): this {
    this._at = date.getTime();
    return this;
  }

  after(durationMilliseconds: number): this {
    this._at = this._ctx.clock.now().getTime() + Number(durationMilliseconds);
    return this;
  }

  create(): Trigger {
    const now = this._ctx.clock.now().getTime();
    let schedule: Schedule;
    let nextRunAt: number;
    if (this._at !== undefined) {
      schedule = { kind: 'once', at: this._at };
      nextRunAt = this._at;
    } else if (this._days !== undefined) {
      schedule = { kind: 'daily', days: this._days, hour: this._hour ?? 0, minute: this._minute, timeZone: this._tz ?? this._ctx.scriptTimeZone };
      nextRunAt = nextDaily(now, schedule);
    } else if (this._every !== undefined) {
      schedule = { kind: 'every', intervalMs: this._every };
      nextRunAt = now + this._every;
    } else {
      throw new ServiceError('A clock trigger needs a schedule: everyMinutes, everyHours, everyDays, at or after.');
    }
    return addTrigger(this._ctx, { eventType: 'CLOCK', source: 'CLOCK', sourceId: null, schedule, nextRunAt });
  }
}

export class SpreadsheetTriggerBuilder {
  static readonly apiName = 'ScriptApp.SpreadsheetTriggerBuilder';
  private _event: keyof typeof EventType = 'ON_OPEN';
  constructor(private readonly _ctx: BuildContext, private readonly _sheetId: string) {}
  onOpen(): this { this._event = 'ON_OPEN'; return this; }
  onEdit(): this { this._event = 'ON_EDIT'; return this; }
  onChange(): this { this._event = 'ON_CHANGE'; return this; }
  onFormSubmit(): this { this._event = 'ON_FORM_SUBMIT'; return this; }
  create(): Trigger {
    return addTrigger(this._ctx, { eventType: this._event, source: 'SPREADSHEETS', sourceId: this._sheetId });
  }
}

export class TriggerBuilder {
  static readonly apiName = 'ScriptApp.TriggerBuilder';
  constructor(private readonly _ctx: BuildContext) {}
  timeBased(): ClockTriggerBuilder { return new ClockTriggerBuilder(this._ctx); }
  forSpreadsheet(sheet: string | { getId(): string }): SpreadsheetTriggerBuilder {
    return new SpreadsheetTriggerBuilder(this._ctx, typeof sheet === 'string' ? sheet : sheet.getId());
  }
}

export interface ScriptAppOptions {
  scriptId?: string;
  /** An Editor add-on: its trigger rules apply (default false: a bound script). */
  addon?: boolean;
  /** The executing document (default none). */
  documentId?: () => string | null;
}

export class ScriptAppService {
  static readonly apiName = 'ScriptApp';
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly InstallationSource = InstallationSource;

  constructor(
    private readonly _store: TriggerStore,
    private readonly _clock: ClockLike,
    private readonly _owner: string,
    private readonly _scriptTimeZone: string,
    private readonly _options: ScriptAppOptions = {},
  ) {}

  getScriptId(): string { return this._options.scriptId ?? 'local-script'; }

  /** How the script came to the user: NONE for a bound script, an add-on store otherwise. */
  getInstallationSource(): string {
    return this._options.addon ? InstallationSource.WEB_STORE_ADD_ON : InstallationSource.NONE;
  }

  newTrigger(functionName: string): TriggerBuilder {
    return new TriggerBuilder({
      store: this._store, clock: this._clock, owner: this._owner, scriptTimeZone: this._scriptTimeZone, handler: String(functionName),
      addon: this._options.addon ?? false, documentId: this._options.documentId?.() ?? null,
    });
  }

  /** The current user's triggers in this project. */
  getProjectTriggers(): Trigger[] {
    return this._store.triggers.filter((t) => t.owner === this._owner).map((t) => new Trigger(t));
  }

  getUserTriggers(spreadsheet: { getId(): string }): Trigger[] {
    return this._store.triggers.filter((t) => t.owner === this._owner && t.sourceId === spreadsheet.getId()).map((t) => new Trigger(t));
  }

  deleteTrigger(trigger: Trigger): void {
    const i = this._store.triggers.findIndex((t) => t.id === trigger._record.id);
    if (i >= 0) this._store.triggers.splice(i, 1);
  }
}
