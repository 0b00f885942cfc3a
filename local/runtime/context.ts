// The local Apps Script runtime: loads the bundle (dist/Code.js) into a bare vm context whose only
// globals are the JS built-ins, Intl, console/Logger and the service stand-ins, then calls its
// top-level functions. One `call` is one execution: locks it still holds are released at its end,
// and a service call after 6 minutes of it kills it. A bound script runs in its container; an
// add-on in each of its documents, with shared script properties and lock and its own document
// properties and lock per document.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vm from 'node:vm';
import { Bridge, type RealmConstructors } from './bridge';
import { CacheServiceStandIn, CacheStores } from './cache';
import { RuntimeClock, type ClockLike } from './clock';
import { ConsoleService, LoggerService, LogRecorder } from './logger';
import { HtmlServiceStandIn, escapeHtml } from './html';
import { LockRegistry, LockServiceStandIn } from './lock';
import { PropertiesServiceStandIn, PropertyStores } from './properties';
import { ScriptAppService, TriggerStore, nextRunAfter } from './script-app';
import { SessionService } from './session';
import { SpreadsheetAppService, SPREADSHEETS_SCOPE } from './spreadsheet/app';
import { ChartsService } from './spreadsheet/charts';
import { contextFor, DocumentHost, type DeploymentMode, type ExecutionContext, type ExecutionKind, type ExecutionRecord } from './execution';
import { ExecutionTimeLimit, ServiceError } from './errors';
import { UiRecorder } from './spreadsheet/ui';
import { LocalSpreadsheet } from './spreadsheet/workbook';
import { ServiceCallCounter } from './counter';
import { UtilitiesService } from './utilities';
import { clockEvent, installClockDate, readManifest } from './vm-setup';

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
  /**
   * 'bound' (default): a script bound to `spreadsheet`. 'addon': an Editor add-on used in
   * `spreadsheet` and every one of `spreadsheets`, with the add-on's trigger rules.
   */
  mode?: DeploymentMode;
  /** More spreadsheets: documents using the add-on, or (bound) files openById may open. */
  spreadsheets?: LocalSpreadsheet[];
  /** Granted OAuth scopes; default appsscript.json's oauthScopes (none listed: every scope). */
  scopes?: string[];
  /** Apps Script's limit per execution (default 6 min): a service call after it kills the execution. */
  maxExecutionMs?: number;
  /** Modelled time of a service call (ms, default 0), added to the clock before the call runs. */
  callMs?: (call: ServiceCallInfo) => number;
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

/** A service call as the time model sees it. */
export interface ServiceCallInfo {
  name: string;
  /** Time since the execution started (ms). */
  elapsedMs: number;
  /** 1-based number of the execution in this runtime. */
  execution: number;
  context: ExecutionContext;
}

export interface FiredTrigger {
  handler: string;
  scheduledFor: Date;
  triggerUid: string;
  /** The document it ran for. */
  documentId: string | null;
  error?: unknown;
}

/** Apps Script's limit per execution. */
export const MAX_EXECUTION_MS = 6 * 60_000;
/** Google's text when a trigger names a function the script does not have. */
export const FUNCTION_NOT_FOUND = (name: string): string => `Script function not found: ${name}`;

let runtimeCount = 0;

export function createRuntime(options: RuntimeOptions = {}) {
  const bundlePath = options.bundlePath ?? DEFAULT_BUNDLE_PATH;
  const assetsDir = options.assetsDir ?? dirname(bundlePath);
  const code = options.code ?? readFileSync(bundlePath, 'utf8');
  const manifest = readManifest(assetsDir);
  const timeZone = options.timeZone ?? manifest.timeZone ?? 'America/Los_Angeles';
  const scopes = options.scopes ?? manifest.oauthScopes;
  const mode: DeploymentMode = options.mode ?? 'bound';
  const maxExecutionMs = options.maxExecutionMs ?? MAX_EXECUTION_MS;
  const activeUser = options.activeUserEmail ?? 'scheduler@example.com';
  const effectiveUser = options.effectiveUserEmail ?? activeUser;
  const clock = new RuntimeClock(options.clock, options.realSleep ?? false, options.onSleep);
  const spreadsheet = options.spreadsheet ?? LocalSpreadsheet.create('Untitled.xlsx', { timeZone });
  const documents = new DocumentHost(mode, [spreadsheet, ...(options.spreadsheets ?? [])]);
  const counter = new ServiceCallCounter();
  const runtimeId = `runtime-${++runtimeCount}`;
  const executions: ExecutionRecord[] = [];

  let execution = 0;
  let callNumber = 0;
  let killed: unknown = null;
  /** The running execution; null between executions. */
  let current: ExecutionRecord | null = null;
  const executionId = () => `${runtimeId}#${execution}`;
  /** Between executions, stand-ins answer as in a person's session in the first spreadsheet. */
  const idle = (): ExecutionContext => contextFor(mode, 'ui', documents.first.id, { id: `${runtimeId}#idle`, functionName: '', startedAt: clock.now().getTime() });
  const ctx = (): ExecutionContext => current ?? idle();

  const context = vm.createContext({}, { name: 'Apps Script (local)' });
  const realm = vm.runInContext('({ Array: Array, Object: Object, Date: Date, Error: Error })', context) as RealmConstructors;
  installClockDate(context, clock);

  /** The time model and the 6-minute limit, before every service call of an execution. */
  function beforeServiceCall(name: string): void {
    if (!current) return;
    const elapsedMs = clock.now().getTime() - current.startedAt;
    const cost = Math.max(0, options.callMs?.({ name, elapsedMs, execution, context: current }) ?? 0);
    if (elapsedMs + cost >= maxExecutionMs) {
      clock.advance(Math.max(0, maxExecutionMs - elapsedMs));
      throw new ExecutionTimeLimit(name, callNumber);
    }
    if (cost > 0) clock.advance(cost);
  }

  const bridge = new Bridge(realm, (name) => {
    if (killed) throw killed;
    callNumber++;
    try {
      beforeServiceCall(name);
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

  const documentId = () => ctx().documentId;
  const spreadsheetApp = new SpreadsheetAppService(spreadsheet, ui, options.addonName ?? 'EROS Scheduler', {
    active: () => {
      const id = ctx().activeDocumentId;
      return id === null ? null : documents.byId(id) ?? null;
    },
    byId: (id) => documents.byId(id),
    uiAllowed: () => ctx().kind === 'ui',
    mayOpenById: () => scopes === undefined || scopes.includes(SPREADSHEETS_SCOPE),
  });
  const stand = {
    SpreadsheetApp: spreadsheetApp,
    Charts: new ChartsService(),
    PropertiesService: new PropertiesServiceStandIn(properties, documentId, activeUser, (read) => current?.propertyReads.push(read)),
    LockService: new LockServiceStandIn(locks, executionId, sleep, documentId, activeUser),
    CacheService: new CacheServiceStandIn(caches, clock, documentId, activeUser),
    Utilities: new UtilitiesService(clock, options.uuid),
    Session: new SessionService({ timeZone, activeUserEmail: activeUser, effectiveUserEmail: effectiveUser }),
    ScriptApp: new ScriptAppService(triggers, clock, activeUser, timeZone, { addon: mode === 'addon', documentId }),
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

  /** One execution of a top-level function of the bundle, in the given context. */
  function execute(kind: ExecutionKind, docId: string | null, name: string, args: unknown[], triggerUid?: string): unknown {
    const fn = (context as Record<string, unknown>)[name];
    if (typeof fn !== 'function') {
      if (kind === 'trigger') throw new ServiceError(FUNCTION_NOT_FOUND(name));
      throw new Error(`The bundle has no top-level function "${name}" (it has: ${declared.join(', ') || 'none'})`);
    }
    execution++;
    callNumber = 0;
    killed = null;
    const base = { id: executionId(), functionName: name, startedAt: clock.now().getTime(), ...(triggerUid ? { triggerUid } : {}) };
    const record: ExecutionRecord = { ...contextFor(mode, kind, docId, base), propertyReads: [] };
    executions.push(record);
    current = record;
    try {
      const result = (fn as (...a: unknown[]) => unknown)(...args.map((a) => bridge.toContext(a)));
      if (killed) throw killed;
      // Past the limit with no service call left to stop it: the execution still did not finish.
      if (clock.now().getTime() - record.startedAt >= maxExecutionMs) throw (killed = new ExecutionTimeLimit('(end of execution)', callNumber));
      return bridge.fromContext(result);
    } catch (e) {
      record.error = killed ?? e;
      throw killed ?? e;
    } finally {
      record.endedAt = clock.now().getTime();
      current = null;
      locks.releaseExecution(record.id);
    }
  }

  /** A person's action in the first spreadsheet (a menu item, a dialog's server call, onOpen). */
  function call(name: string, ...args: unknown[]): unknown {
    return execute('ui', documents.first.id, name, args);
  }

  /** A person's actions in another document using the add-on. */
  function inDocument(book: LocalSpreadsheet) {
    if (!documents.usedIn(book.id)) {
      throw new Error(mode === 'bound' ? 'a bound script runs in its container only' : `the add-on is not used in ${book.path}: pass it in spreadsheets`);
    }
    return { call: (name: string, ...args: unknown[]): unknown => execute('ui', book.id, name, args) };
  }

  /** Runs every time-based trigger of this user due at the runtime clock's now, each as its own execution. */
  function fireDueTriggers(): FiredTrigger[] {
    const now = clock.now().getTime();
    const due = triggers.triggers
      .filter((t) => t.owner === activeUser && t.nextRunAt !== undefined && t.nextRunAt <= now)
      .sort((a, b) => (a.nextRunAt ?? 0) - (b.nextRunAt ?? 0));
    const fired: FiredTrigger[] = [];
    for (const t of due) {
      // Deleted by an execution fired before it in this round: it no longer exists.
      if (!triggers.triggers.includes(t)) continue;
      const scheduledFor = new Date(t.nextRunAt ?? now);
      t.nextRunAt = nextRunAfter(t, now);
      const docId = mode === 'bound' ? documents.first.id : t.documentId;
      try {
        execute('trigger', docId, t.handler, [clockEvent(clock.now(), t.id)], t.id);
        fired.push({ handler: t.handler, scheduledFor, triggerUid: t.id, documentId: docId });
      } catch (error) {
        // Google records a failed trigger execution and keeps the trigger; so does this.
        fired.push({ handler: t.handler, scheduledFor, triggerUid: t.id, documentId: docId, error });
      }
    }
    return fired;
  }

  return {
    context,
    mode,
    services: { ...stand, spreadsheet, documents, ui, logs, properties, locks, caches, triggers, clock, counter },
    /** Every execution so far, in order (context, property reads, how it ended). */
    executions,
    call,
    in: inDocument,
    fireDueTriggers,
    /** The bundle's top-level functions (what Apps Script lists as runnable). */
    entryPoints: (): string[] => [...declared],
  };
}

export type LocalRuntime = ReturnType<typeof createRuntime>;
