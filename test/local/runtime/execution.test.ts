// Contract tests of what an execution may do and where it runs: a bound script and an Editor
// add-on used in two spreadsheets, UI only where a person is looking, the document of a
// time-driven trigger, and Apps Script's 6-minute limit.
import {
  ADDON_CLOCK_LIMIT, ADDON_HOURLY, ADDON_OTHER_FILE, createRuntime, ExecutionTimeLimit, FUNCTION_NOT_FOUND, LocalSpreadsheet,
  OPEN_BY_ID_DENIED, OPEN_BY_ID_UNKNOWN, UI_FROM_TRIGGER, type DeploymentMode,
} from '../../../local/runtime';

const BUNDLE = `
function remember(k, v) {
  PropertiesService.getScriptProperties().setProperty(k, 'script:' + v);
  PropertiesService.getDocumentProperties().setProperty(k, 'doc:' + v);
  return [PropertiesService.getScriptProperties().getProperty(k), PropertiesService.getDocumentProperties().getProperty(k)];
}
function holdLocks() { return [LockService.getScriptLock().tryLock(0), LockService.getDocumentLock().tryLock(0)]; }
function hourly() { return ScriptApp.newTrigger('tick').timeBased().everyHours(1).create().getUniqueId(); }
function halfHourly() { ScriptApp.newTrigger('tick').timeBased().everyMinutes(30).create(); }
function oneOff(ms) { return ScriptApp.newTrigger('tick').timeBased().after(ms).create().getUniqueId(); }
function removeAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); }
function onOpenOf(id) { ScriptApp.newTrigger('tick').forSpreadsheet(id).onOpen().create(); }
var seen = [];
function tick(e) {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var ui;
  try { SpreadsheetApp.getUi(); ui = 'ui'; } catch (err) { ui = String(err); }
  seen.push({ uid: e.triggerUid, active: ss === null ? null : ss.getId(), doc: PropertiesService.getDocumentProperties().getProperty('k'), ui: ui });
}
function getSeen() { return seen; }
function menu() { SpreadsheetApp.getUi().createAddonMenu().addItem('Go', 'tick').addToUi(); return 'ok'; }
function open(id) { return SpreadsheetApp.openById(id).getName(); }
function slow(n) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
  for (var i = 1; i <= n; i++) { Utilities.sleep(60000); sheet.getRange(i, 1).setValue(i); }
  return 'done';
}
function slowWithFollowUp() { ScriptApp.newTrigger('resume').timeBased().after(600000).create(); return slow(8); }
function resume() { PropertiesService.getDocumentProperties().setProperty('resumed', 'yes'); }
`;

function twoDocuments(mode: DeploymentMode, extra: Record<string, unknown> = {}) {
  let now = Date.parse('2026-11-28T10:00:00Z');
  const clock = { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
  const a = LocalSpreadsheet.create('agency-a.xlsx');
  const b = LocalSpreadsheet.create('agency-b.xlsx');
  const rt = createRuntime({ code: BUNDLE, mode, spreadsheet: a, spreadsheets: [b], clock, ...extra });
  return { rt, a, b, clock };
}

// https://developers.google.com/apps-script/guides/properties ("Script Properties: all users of a
// script, add-on, or web app"; "Document Properties: all users of an add-on in the open document")
// https://developers.google.com/apps-script/reference/lock/lock-service (getDocumentLock: "by no
// more than one execution for any given document"; getScriptLock: "regardless of the identity of the user")
describe('an add-on used in two spreadsheets', () => {
  it('shares script properties and the script lock; each document has its own properties and lock', () => {
    const { rt, a, b } = twoDocuments('addon');
    expect(rt.call('remember', 'k', 'A')).toEqual(['script:A', 'doc:A']);
    expect(rt.in(b).call('remember', 'k', 'B')).toEqual(['script:B', 'doc:B']);
    expect(rt.services.properties.store('script').k).toBe('script:B');
    expect(rt.services.properties.store(`document:${a.id}`).k).toBe('doc:A');
    expect(rt.services.properties.store(`document:${b.id}`).k).toBe('doc:B');
    // While one execution in A holds both locks, another in B gets B's lock but not the script's,
    // and another in A gets neither.
    const second = createRuntime({ code: BUNDLE, mode: 'addon', spreadsheet: a, spreadsheets: [b], locks: rt.services.locks });
    const first = createRuntime({
      code: 'function holdBoth(inOther) { LockService.getScriptLock().tryLock(0); LockService.getDocumentLock().tryLock(0); return inOther(); }',
      mode: 'addon', spreadsheet: a, spreadsheets: [b], locks: rt.services.locks,
    });
    expect(first.call('holdBoth', () => second.in(b).call('holdLocks'))).toEqual([false, true]);
    expect(first.call('holdBoth', () => second.call('holdLocks'))).toEqual([false, false]);
  });

  it('a bound script runs in its container only', () => {
    const { rt, b } = twoDocuments('bound');
    expect(() => rt.in(b).call('remember', 'k', 'B')).toThrow(/bound script runs in its container only/);
  });
});

// https://developers.google.com/workspace/add-ons/concepts/editor-triggers ("Restrictions")
describe('an add-on\'s triggers', () => {
  it('one time-driven trigger per user and document, whatever its schedule; another document or user has its own', () => {
    const { rt, b } = twoDocuments('addon');
    rt.call('hourly');
    expect(() => rt.call('hourly')).toThrow(ADDON_CLOCK_LIMIT);
    expect(() => rt.call('oneOff', 60_000)).toThrow(ADDON_CLOCK_LIMIT);
    expect(rt.in(b).call('oneOff', 60_000)).toEqual(expect.any(String));
    const colleague = createRuntime({ code: BUNDLE, mode: 'addon', spreadsheet: rt.services.spreadsheet, triggers: rt.services.triggers, activeUserEmail: 'colleague@example.com' });
    expect(colleague.call('hourly')).toEqual(expect.any(String));
    rt.call('removeAll');
    expect(rt.call('hourly')).toEqual(expect.any(String));
  });

  it('a fired one-off trigger stays listed and keeps the document\'s slot until it is deleted', () => {
    const { rt, clock } = twoDocuments('addon');
    rt.call('oneOff', 60_000);
    clock.advance(120_000);
    expect(rt.fireDueTriggers().map((f) => f.handler)).toEqual(['tick']);
    expect(() => rt.call('oneOff', 60_000)).toThrow(ADDON_CLOCK_LIMIT);
  });

  it('no time-driven trigger more often than hourly, and triggers only for its own file', () => {
    const { rt, b } = twoDocuments('addon');
    expect(() => rt.call('halfHourly')).toThrow(ADDON_HOURLY);
    expect(() => rt.call('onOpenOf', b.id)).toThrow(ADDON_OTHER_FILE);
    // A bound script knows none of these limits.
    const bound = twoDocuments('bound').rt;
    bound.call('halfHourly');
    bound.call('hourly');
    expect(bound.services.triggers.triggers).toHaveLength(2);
  });

  it('a trigger whose function the script lacks fails with Google\'s message', () => {
    const { rt, clock } = twoDocuments('addon');
    const older = "function make() { ScriptApp.newTrigger('gone').timeBased().after(1000).create(); }";
    createRuntime({ code: older, mode: 'addon', spreadsheet: rt.services.spreadsheet, triggers: rt.services.triggers, clock }).call('make');
    clock.advance(5000);
    const [fired] = rt.fireDueTriggers();
    expect(String(fired?.error)).toBe(`Exception: ${FUNCTION_NOT_FOUND('gone')}`);
  });
});

// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app (getUi: "only
// for the current instance of an open spreadsheet"; openById needs .../auth/spreadsheets)
// https://developers.google.com/apps-script/guides/triggers/events#time-driven-events (no source)
describe('inside a time-driven trigger', () => {
  it.each<[DeploymentMode, 'container' | null]>([['bound', 'container'], ['addon', null]])(
    '%s: getUi throws; the active spreadsheet is %s; document properties are the trigger\'s document\'s',
    (mode, active) => {
      const { rt, a, b, clock } = twoDocuments(mode);
      rt.call('remember', 'k', 'A');
      expect(rt.call('menu')).toBe('ok');
      const uidA = rt.call('hourly') as string;
      if (mode === 'addon') {
        rt.in(b).call('remember', 'k', 'B');
        rt.in(b).call('hourly');
      }
      clock.advance(3_600_000);
      rt.fireDueTriggers();
      const seen = rt.call('getSeen') as Array<Record<string, unknown>>;
      expect(seen[0]).toEqual({ uid: uidA, active: active && a.id, doc: 'doc:A', ui: `Exception: ${UI_FROM_TRIGGER}` });
      if (mode === 'addon') expect(seen[1]).toMatchObject({ active: null, doc: 'doc:B' });
      expect(rt.executions.filter((e) => e.kind === 'trigger').map((e) => e.propertyReads)).toEqual(
        mode === 'addon' ? [[`document:${a.id}:k`], [`document:${b.id}:k`]] : [[`document:${a.id}:k`]],
      );
    },
  );

  it('openById needs the full spreadsheets scope, and knows only files the user can open', () => {
    const { rt, b } = twoDocuments('addon');
    expect(rt.call('open', b.id)).toBe('agency-b');
    expect(() => rt.call('open', 'no-such-file')).toThrow(OPEN_BY_ID_UNKNOWN);
    const narrow = twoDocuments('addon', { scopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'] }).rt;
    expect(() => narrow.call('open', b.id)).toThrow(OPEN_BY_ID_DENIED);
  });
});

// https://developers.google.com/apps-script/guides/services/quotas ("Script runtime 6 min / execution")
describe('the 6-minute limit', () => {
  it('stops an execution at 6 minutes: nothing after runs, its locks are freed, and it is recorded', () => {
    const { rt } = twoDocuments('addon');
    expect(() => rt.call('slow', 8)).toThrow(new ExecutionTimeLimit('', 0).message);
    const sheet = rt.services.spreadsheet.tabList()[0]!.worksheet;
    // Minutes 1–5 wrote their cell; the 6th minute's write came at the limit and never happened.
    expect([1, 2, 3, 4, 5, 6].map((r) => sheet.getCell(r, 1).value)).toEqual([1, 2, 3, 4, 5, null]);
    expect(rt.executions.at(-1)?.error).toBeInstanceOf(ExecutionTimeLimit);
    expect(rt.services.locks.holder(`document:${rt.services.spreadsheet.id}`)).toBeUndefined();
  });

  it('the modelled time of service calls counts toward it', () => {
    const { rt } = twoDocuments('addon', { callMs: ({ name }: { name: string }) => (name.endsWith('setValue') ? 100_000 : 0) });
    expect(() => rt.call('slow', 3)).toThrow('Exceeded maximum execution time');
  });

  it('after a kill only triggers that exist fire: a follow-up made before the kill runs; none is invented', () => {
    const { rt, clock } = twoDocuments('addon');
    expect(() => rt.call('slow', 8)).toThrow(ExecutionTimeLimit);
    clock.advance(3_600_000);
    expect(rt.fireDueTriggers()).toEqual([]);
    expect(() => rt.call('slowWithFollowUp')).toThrow(ExecutionTimeLimit);
    clock.advance(10 * 60_000);
    expect(rt.fireDueTriggers().map((f) => [f.handler, f.error])).toEqual([['resume', undefined]]);
    expect(rt.services.properties.store(`document:${rt.services.spreadsheet.id}`).resumed).toBe('yes');
  });
});
