// The local Apps Script runtime: loads the bundle (dist/Code.js) into a bare vm context whose only
// globals are the JS built-ins, Intl, console/Logger and the service stand-ins, then calls its
// top-level functions. One `call` is one execution: locks it still holds are released at its end.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vm from 'node:vm';
import * as z from 'zod';
import { Bridge, type RealmConstructors } from './bridge';
import { CacheServiceStandIn, CacheStores } from './cache';
import { RuntimeClock, type ClockLike } from './clock';
import { ConsoleService, LoggerService, LogRecorder } from './logger';
import { HtmlServiceStandIn, escapeHtml } from './html';
import { LockRegistry, LockServiceStandIn } from './lock';
import { PropertiesServiceStandIn, PropertyStores } from './properties';
import { ScriptAppService, TriggerStore, nextRunAfter } from './script-app';
import { SessionService } from './session';
import { SpreadsheetAppService } from './spreadsheet/app';
import { ChartsService } from './spreadsheet/charts';
import { UiRecorder } from './spreadsheet/ui';
import { LocalSpreadsheet } from './spreadsheet/workbook';
import { ServiceCallCounter } from './counter';
import { UtilitiesService } from './utilities';

export const DEFAULT_BUNDLE_PATH = join(__dirname, '..', '..', 'dist', 'Code.js');

export interface RuntimeOptions {
  /** The bundle to load; default the repository's dist/Code.js. */
  bundlePath?: string;
  /** Bundle source text instead of a file (tests). */
  code?: string;
  /** Folder holding the *.html files and appsscript.json; default the bundle's folder. */
  assetsDir?: string;
  /** The bound spreadsheet (LocalSpreadsheet.open(path)); default an empty in-memory one. */
  spreadsheet?: LocalSpreadsheet;
  /** Extra globals, e.g. `{ BigQuery }`; objects are exposed through the call counter. */
  globals?: Record<string, unknown>;
  /** Base wall clock for ScriptApp, Utilities, Lock and Cache; default the real clock. */
  clock?: ClockLike;
  /** Really block in Utilities.sleep and lock waits (default false: virtual time). */
  realSleep?: boolean;
  /** Called after every sleep (virtual or real), e.g. to let another execution release a lock. */
  onSleep?: (ms: number) => void;
  /**
   * Called before every stand-in method with its name (e.g. "SpreadsheetApp.Range.setValues")
   * and 1-based number in this execution. Throwing kills the execution at that point: every
   * later service call throws the same error and `call` rethrows it even if the bundle caught it.
   */
  onServiceCall?: (name: string, callNumber: number) => void;
  /** Shared state, to run two "concurrent" executions of one script against the same stores. */
  properties?: PropertyStores;
  locks?: LockRegistry;
  caches?: CacheStores;
  triggers?: TriggerStore;
  /** Session.getActiveUser()/getEffectiveUser() emails; default scheduler@example.com. */
  activeUserEmail?: string;
  effectiveUserEmail?: string;
  /** Script time zone; default appsscript.json's timeZone, else America/Los_Angeles. */
  timeZone?: string;
  /** Name of the add-on menu (createAddonMenu); default "EROS Scheduler". */
  addonName?: string;
  /** Echo Logger/console lines to stderr. */
  echoLogs?: boolean;
  /** Utilities.getUuid source (seeded in tests). */
  uuid?: () => string;
}

export interface FiredTrigger {
  handler: string;
  scheduledFor: Date;
  error?: unknown;
}

const ManifestSchema = z.object({ timeZone: z.string().optional() }).loose();

function manifestTimeZone(dir: string): string | undefined {
  const path = join(dir, 'appsscript.json');
  if (!existsSync(path)) return undefined;
  const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data.timeZone;
}

let runtimeCount = 0;

export function createRuntime(options: RuntimeOptions = {}) {
  const bundlePath = options.bundlePath ?? DEFAULT_BUNDLE_PATH;
  const assetsDir = options.assetsDir ?? dirname(bundlePath);
  const code = options.code ?? readFileSync(bundlePath, 'utf8');
  const timeZone = options.timeZone ?? manifestTimeZone(assetsDir) ?? 'America/Los_Angeles';
  const activeUser = options.activeUserEmail ?? 'scheduler@example.com';
  const effectiveUser = options.effectiveUserEmail ?? activeUser;
  const clock = new RuntimeClock(options.clock, options.realSleep ?? false, options.onSleep);
  const spreadsheet = options.spreadsheet ?? LocalSpreadsheet.create('Untitled.xlsx', { timeZone });
  const counter = new ServiceCallCounter();
  const runtimeId = `runtime-${++runtimeCount}`;

  let execution = 0;
  let callNumber = 0;
  let killed: unknown = null;
  const executionId = () => `${runtimeId}#${execution}`;

  const context = vm.createContext({}, { name: 'Apps Script (local)' });
  const realm = vm.runInContext('({ Array: Array, Object: Object, Date: Date, Error: Error })', context) as RealmConstructors;
  // The bundle's own `new Date()` / `Date.now()` read the runtime clock (base clock plus virtual
  // sleep), as they read the wall clock in Apps Script; otherwise a fixed demo clock would reach
  // ScriptApp and Utilities but not the run. Same prototype, so `instanceof Date` still holds.
  (vm.runInContext(
    `(function (nowMs) {
      var D = Date;
      function ClockDate() {
        if (!new.target) return String(new D(nowMs()));
        return arguments.length === 0 ? new D(nowMs()) : Reflect.construct(D, arguments);
      }
      ClockDate.prototype = D.prototype;
      ClockDate.now = function () { return nowMs(); };
      ClockDate.parse = D.parse;
      ClockDate.UTC = D.UTC;
      Object.defineProperty(ClockDate, 'length', { value: 7 });
      Object.defineProperty(globalThis, 'Date', { value: ClockDate, writable: true, configurable: true, enumerable: false });
    })`,
    context,
  ) as (nowMs: () => number) => void)(() => clock.now().getTime());
  const bridge = new Bridge(realm, (name) => {
    if (killed) throw killed;
    callNumber++;
    try {
      options.onServiceCall?.(name, callNumber);
    } catch (e) {
      killed = e;
      throw e;
    }
    counter.add(name);
  });

  const ui = new UiRecorder();
  const logs = new LogRecorder(options.echoLogs ?? false);
  const properties = options.properties ?? new PropertyStores();
  const locks = options.locks ?? new LockRegistry();
  const caches = options.caches ?? new CacheStores();
  const triggers = options.triggers ?? new TriggerStore();
  const sleep = (ms: number) => clock.sleep(ms);
  const runTemplate = (source: string, data: Record<string, unknown>): string => {
    const fn = vm.runInContext(`(function (__data, __escape) {\n${source}\n})`, context) as (d: unknown, e: unknown) => unknown;
    return String(fn(bridge.toContext(data), escapeHtml));
  };

  const spreadsheetApp = new SpreadsheetAppService(spreadsheet, ui, options.addonName ?? 'EROS Scheduler');
  const stand = {
    SpreadsheetApp: spreadsheetApp,
    Charts: new ChartsService(),
    PropertiesService: new PropertiesServiceStandIn(properties, spreadsheet.id, activeUser),
    LockService: new LockServiceStandIn(locks, executionId, sleep, spreadsheet.id, activeUser),
    CacheService: new CacheServiceStandIn(caches, clock, spreadsheet.id, activeUser),
    Utilities: new UtilitiesService(clock, options.uuid),
    Session: new SessionService({ timeZone, activeUserEmail: activeUser, effectiveUserEmail: effectiveUser }),
    ScriptApp: new ScriptAppService(triggers, clock, activeUser, timeZone),
    HtmlService: new HtmlServiceStandIn(assetsDir, runTemplate),
    Logger: new LoggerService(logs),
    console: new ConsoleService(logs),
  };
  const globals: Record<string, unknown> = { ...stand, ...(options.globals ?? {}) };
  for (const [name, value] of Object.entries(globals)) {
    (context as Record<string, unknown>)[name] = value !== null && typeof value === 'object' ? bridge.expose(value, (value.constructor as { apiName?: string }).apiName ?? name) : value;
  }
  const before = new Set(Object.getOwnPropertyNames(context));
  new vm.Script(code, { filename: options.code ? 'bundle.js' : bundlePath }).runInContext(context);
  const declared = Object.getOwnPropertyNames(context).filter((n) => !before.has(n) && typeof (context as Record<string, unknown>)[n] === 'function');

  /** Runs one execution of a top-level function of the bundle. */
  function call(name: string, ...args: unknown[]): unknown {
    const fn = (context as Record<string, unknown>)[name];
    if (typeof fn !== 'function') {
      throw new Error(`The bundle has no top-level function "${name}" (it has: ${declared.join(', ') || 'none'})`);
    }
    execution++;
    callNumber = 0;
    killed = null;
    try {
      const result = (fn as (...a: unknown[]) => unknown)(...args.map((a) => bridge.toContext(a)));
      if (killed) throw killed;
      return bridge.fromContext(result);
    } catch (e) {
      throw killed ?? e;
    } finally {
      locks.releaseExecution(executionId());
    }
  }

  /** Runs every time-based trigger due at the runtime clock's now, each as its own execution. */
  function fireDueTriggers(): FiredTrigger[] {
    const now = clock.now().getTime();
    const due = triggers.triggers
      .filter((t) => t.owner === activeUser && t.nextRunAt !== undefined && t.nextRunAt <= now)
      .sort((a, b) => (a.nextRunAt ?? 0) - (b.nextRunAt ?? 0));
    const fired: FiredTrigger[] = [];
    for (const t of due) {
      const scheduledFor = new Date(t.nextRunAt ?? now);
      t.nextRunAt = nextRunAfter(t, now);
      const at = clock.now();
      const event = { authMode: 'FULL', triggerUid: t.id, year: at.getUTCFullYear(), month: at.getUTCMonth() + 1,
        'day-of-month': at.getUTCDate(), hour: at.getUTCHours(), minute: at.getUTCMinutes(), second: at.getUTCSeconds(), timezone: 'UTC' };
      try {
        call(t.handler, event);
        fired.push({ handler: t.handler, scheduledFor });
      } catch (error) {
        // Google records a failed trigger execution and keeps the trigger; so does this.
        fired.push({ handler: t.handler, scheduledFor, error });
      }
    }
    return fired;
  }

  return {
    context,
    services: { ...stand, spreadsheet, ui, logs, properties, locks, caches, triggers, clock, counter },
    call,
    fireDueTriggers,
    /** The bundle's top-level functions (what Apps Script lists as runnable). */
    entryPoints: (): string[] => [...declared],
  };
}

export type LocalRuntime = ReturnType<typeof createRuntime>;
