// The vm loader, on a tiny hand-written bundle (dist/ is built by someone else).
import { createRuntime, ExecutionKilled } from '../../../local/runtime';

const BUNDLE = `
var __app = (function () {
  return {
    probe: function () {
      var names = ['setTimeout', 'setInterval', 'setImmediate', 'process', 'require', 'Buffer', 'fetch',
        'TextEncoder', 'TextDecoder', 'structuredClone', 'queueMicrotask', 'module', 'exports', 'global'];
      return names.filter(function (n) { return typeof globalThis[n] !== 'undefined'; });
    },
    writeTwo: function () {
      var sheet = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
      sheet.getRange(1, 1, 1, 2).setValues([['a', 'b']]);
      sheet.getRange(2, 1, 1, 2).setValues([['c', 'd']]);
      return sheet.getLastRow();
    },
    swallow: function () {
      var sheet = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet();
      try { sheet.getRange('A1').setValue('x'); } catch (e) { /* a bundle that catches everything */ }
      sheet.getRange('A2').setValue('y');
      return 'finished';
    },
    realm: function () {
      var v = SpreadsheetApp.getActiveSpreadsheet().getActiveSheet().getRange('A1:B1').getValues();
      var d = new Date(0);
      SpreadsheetApp.getActiveSheet().getRange('C1').setValue(d);
      var back = SpreadsheetApp.getActiveSheet().getRange('C1').getValue();
      var err;
      try { SpreadsheetApp.getActiveSheet().getRange(0, 1); } catch (e) { err = e; }
      return [v instanceof Array, back instanceof Date, err instanceof Error, String(err), typeof Intl.DateTimeFormat];
    },
    echo: function (e) { return { got: e, isObject: e instanceof Object }; },
  };
})();
function probe() { return __app.probe.apply(this, arguments); }
function writeTwo() { return __app.writeTwo.apply(this, arguments); }
function swallow() { return __app.swallow.apply(this, arguments); }
function realm() { return __app.realm.apply(this, arguments); }
function echo() { return __app.echo.apply(this, arguments); }
`;

describe('createRuntime (vm loader)', () => {
  it('exposes no Node global to the bundle', () => {
    const rt = createRuntime({ code: BUNDLE });
    expect(rt.call('probe')).toEqual([]);
  });

  it('lists and calls the top-level functions; an unknown name is a clear error', () => {
    const rt = createRuntime({ code: BUNDLE });
    expect(rt.entryPoints().sort()).toEqual(['echo', 'probe', 'realm', 'swallow', 'writeTwo']);
    expect(rt.call('writeTwo')).toBe(2);
    expect(() => rt.call('nope')).toThrow(/no top-level function "nope"/);
  });

  it('counts every stand-in call by service, class and method', () => {
    const rt = createRuntime({ code: BUNDLE });
    rt.call('writeTwo');
    const c = rt.services.counter;
    expect(c.get('SpreadsheetApp.Range.setValues')).toBe(2);
    expect(c.get('SpreadsheetApp.Sheet.getRange')).toBe(2);
    expect(c.get('SpreadsheetApp.getActiveSpreadsheet')).toBe(1);
    expect(c.total('SpreadsheetApp')).toBe(7);
  });

  it('onServiceCall can kill the run between two service calls, and a catch in the bundle cannot revive it', () => {
    const seen: string[] = [];
    const rt = createRuntime({
      code: BUNDLE,
      onServiceCall: (name, n) => {
        seen.push(name);
        if (n === 4) throw new ExecutionKilled(name, n);
      },
    });
    // Calls: getActiveSpreadsheet, getActiveSheet, getRange('A1'), setValue ← killed here.
    expect(() => rt.call('swallow')).toThrow(ExecutionKilled);
    expect(seen).toEqual(['SpreadsheetApp.getActiveSpreadsheet', 'SpreadsheetApp.Spreadsheet.getActiveSheet',
      'SpreadsheetApp.Sheet.getRange', 'SpreadsheetApp.Range.setValue']);
    const sheet = rt.services.spreadsheet.tabList()[0]!.worksheet;
    expect(sheet.getCell('A1').value).toBeNull();
    expect(sheet.getCell('A2').value).toBeNull();
  });

  it('values and errors cross into the context as the context\'s own Array, Date and Error', () => {
    const rt = createRuntime({ code: BUNDLE });
    expect(rt.call('realm')).toEqual([true, true, true, 'Exception: The starting row of the range is too small.', 'function']);
  });

  it('arguments are copied into the context and results back out', () => {
    const rt = createRuntime({ code: BUNDLE });
    expect(rt.call('echo', { authMode: 'FULL' })).toEqual({ got: { authMode: 'FULL' }, isObject: true });
  });

  it('passes extra globals through the counter (how the BigQuery stand-in is plugged in)', () => {
    const jobs = { query: (req: { query: string }) => ({ rows: [{ f: [{ v: req.query }] }] }) };
    const rt = createRuntime({
      code: 'function q() { return BigQuery.Jobs.query({ query: "SELECT 1" }, "p").rows[0].f[0].v; }',
      globals: { BigQuery: { Jobs: jobs } },
    });
    expect(rt.call('q')).toBe('SELECT 1');
    expect(rt.services.counter.get('BigQuery.Jobs.query')).toBe(1);
  });

  it("the bundle's own clock (new Date(), Date.now()) is the runtime clock, virtual sleeps included", () => {
    const code = `
      function now() { return [new Date().toISOString(), Date.now(), typeof Date(), new Date(0).getTime()]; }
      function sleepThenNow() { Utilities.sleep(90000); return new Date().toISOString(); }
      function isDate() { return Utilities.formatDate(new Date(), 'UTC', 'yyyy') && (new Date() instanceof Date) && (Session.getScriptTimeZone() !== null); }`;
    const at = new Date('2026-11-28T11:05:00Z');
    const rt = createRuntime({ code, clock: { now: () => at } });
    expect(rt.call('now')).toEqual(['2026-11-28T11:05:00.000Z', at.getTime(), 'string', 0]);
    expect(rt.call('sleepThenNow')).toBe('2026-11-28T11:06:30.000Z');
    expect(rt.call('isDate')).toBe(true);
  });
});
