// Contract tests for ScriptApp triggers, HtmlService and Logger/console.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRuntime, TriggerStore } from '../../../local/runtime';

// https://developers.google.com/apps-script/reference/script/script-app
// https://developers.google.com/apps-script/reference/script/clock-trigger-builder
describe('ScriptApp triggers', () => {
  const BUNDLE = `
    var runs = [];
    function install() {
      ScriptApp.newTrigger('daily').timeBased().atHour(3).nearMinute(5).everyDays(1).inTimezone('America/Los_Angeles').create();
      ScriptApp.newTrigger('sweep').timeBased().everyHours(1).create();
      return ScriptApp.getProjectTriggers().map(function (t) {
        return [t.getHandlerFunction(), t.getEventType() === ScriptApp.EventType.CLOCK, t.getTriggerSource() === ScriptApp.TriggerSource.CLOCK, t.getUniqueId().length > 0];
      });
    }
    function daily(e) { runs.push('daily:' + e.triggerUid.length); }
    function sweep() { runs.push('sweep'); }
    function getRuns() { return runs; }
    function many(n) { for (var i = 0; i < n; i++) ScriptApp.newTrigger('sweep').timeBased().everyHours(1).create(); return ScriptApp.getProjectTriggers().length; }
    function removeAll() { ScriptApp.getProjectTriggers().forEach(function (t) { ScriptApp.deleteTrigger(t); }); return ScriptApp.getProjectTriggers().length; }
    function onOpenTrigger() { return ScriptApp.newTrigger('x').forSpreadsheet(SpreadsheetApp.getActive()).onOpen().create().getEventType(); }
  `;

  it('creates clock triggers and lists them with their handler, type and source', () => {
    const rt = createRuntime({ code: BUNDLE, clock: { now: () => new Date('2025-03-07T12:00:00Z') } });
    expect(rt.call('install')).toEqual([['daily', true, true, true], ['sweep', true, true, true]]);
    expect(rt.call('onOpenTrigger')).toBe('ON_OPEN');
  });

  it('fires due triggers on the runtime clock; a daily 03:05 LA trigger keeps wall time across DST', () => {
    let now = new Date('2025-03-07T12:00:00Z'); // Fri 04:00 PST
    const rt = createRuntime({ code: BUNDLE, clock: { now: () => now } });
    rt.call('install');
    const fired: Array<{ handler: string; scheduledFor: Date }> = [];
    for (let h = 0; h < 72; h++) {
      now = new Date(now.getTime() + 3_600_000);
      fired.push(...rt.fireDueTriggers());
    }
    expect(fired.filter((f) => f.handler === 'sweep')).toHaveLength(72);
    // Sat 03:05 PST, Sun 03:05 PDT (the day clocks spring forward), Mon 03:05 PDT.
    expect(fired.filter((f) => f.handler === 'daily').map((f) => f.scheduledFor.toISOString()))
      .toEqual(['2025-03-08T11:05:00.000Z', '2025-03-09T10:05:00.000Z', '2025-03-10T10:05:00.000Z']);
    expect((rt.call('getRuns') as string[]).filter((r) => r !== 'sweep')).toHaveLength(3);
  });

  it('allows 20 triggers per user and refuses the 21st with Google\'s message', () => {
    const triggers = new TriggerStore();
    const rt = createRuntime({ code: BUNDLE, triggers });
    expect(rt.call('many', 20)).toBe(20);
    expect(() => rt.call('many', 1)).toThrow('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    // Another user of the same script has a quota of their own.
    expect(createRuntime({ code: BUNDLE, triggers, activeUserEmail: 'other@example.com' }).call('many', 1)).toBe(1);
    expect(rt.call('removeAll')).toBe(0);
  });

  it('refuses everyMinutes values Google does not accept', () => {
    const rt = createRuntime({ code: "function bad() { ScriptApp.newTrigger('x').timeBased().everyMinutes(7).create(); }" });
    expect(() => rt.call('bad')).toThrow(/everyMinutes/);
  });
});

// https://developers.google.com/apps-script/reference/html/html-service
// https://developers.google.com/apps-script/guides/html/templates
describe('HtmlService', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'eros-html-'));
    writeFileSync(join(dir, 'Sidebar.html'), '<h1>Overrides</h1>');
    writeFileSync(join(dir, 'Page.html'), '<p><?= page ?></p><div><?!= raw ?></div><? for (var i = 0; i < 2; i++) { ?><i><?= i ?></i><? } ?><b><?= shout(page) ?></b>');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const BUNDLE = `
    function shout(s) { return s.toUpperCase(); }
    function sidebar() {
      var out = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Page overrides').setWidth(300);
      SpreadsheetApp.getUi().showSidebar(out);
      return [out.getTitle(), out.getContent()];
    }
    function page() {
      var t = HtmlService.createTemplateFromFile('Page.html');
      t.page = 'a<b>';
      t.raw = '<em>x</em>';
      return t.evaluate().getContent();
    }
    function missing() { return HtmlService.createHtmlOutputFromFile('Nope'); }
    function enums() { return [HtmlService.SandboxMode.IFRAME, HtmlService.XFrameOptionsMode.ALLOWALL, HtmlService.createHtmlOutput('x').setSandboxMode(HtmlService.SandboxMode.IFRAME).getContent()]; }
  `;

  it('reads <name>.html from the bundle folder and records the sidebar', () => {
    const rt = createRuntime({ code: BUNDLE, assetsDir: dir });
    expect(rt.call('sidebar')).toEqual(['Page overrides', '<h1>Overrides</h1>']);
    expect(rt.services.ui.dialogs).toEqual([{ kind: 'sidebar', title: 'Page overrides', content: '<h1>Overrides</h1>', width: 300 }]);
  });

  it('evaluates templates: <?= ?> escapes, <?!= ?> does not, <? ?> runs, globals are callable', () => {
    const rt = createRuntime({ code: BUNDLE, assetsDir: dir });
    expect(rt.call('page')).toBe('<p>a&lt;b&gt;</p><div><em>x</em></div><i>0</i><i>1</i><b>A&lt;B&gt;</b>');
  });

  it('a missing file fails with Google\'s message; enums are present', () => {
    const rt = createRuntime({ code: BUNDLE, assetsDir: dir });
    expect(() => rt.call('missing')).toThrow('No HTML file named Nope was found.');
    expect(rt.call('enums')).toEqual(['IFRAME', 'ALLOWALL', 'x']);
  });
});

// https://developers.google.com/apps-script/reference/base/logger
describe('Logger and console', () => {
  it('records Logger.log with %s formatting and console levels', () => {
    const rt = createRuntime({ code: "function go() { Logger.log('run %s done', 7); console.warn('careful', { a: 1 }); return Logger.getLog(); }" });
    expect(rt.call('go')).toBe('run 7 done');
    expect(rt.services.logs.entries).toEqual([
      { source: 'Logger', level: 'log', message: 'run 7 done' },
      { source: 'console', level: 'warn', message: 'careful { a: 1 }' },
    ]);
  });
});
