// The add-on end to end: the built bundle in the local runtime over the demo warehouse, driven
// the way a scheduler and the triggers drive it (npm test builds dist/ first), deployed both ways:
// bound to the spreadsheet and as an Editor add-on.
import { DEMO_WEEK_START, openDemo, tabRecords, type Demo } from '../../local/harness/demo';
import type { DeploymentMode } from '../../local/runtime/index';
import { MENU_ITEMS } from '../../src/gas/ui/menu';

jest.setTimeout(120_000);

describe.each<DeploymentMode>(['bound', 'addon'])('deployed %s', (mode) => {
  let demo: Demo;
  beforeAll(async () => {
    demo = await openDemo({ seed: 7, sizes: { pages: 8 }, runtime: { mode } });
  });
  afterAll(() => demo.close());

  const sql = (q: string) => demo.bigQuery.sql(q);
  const count = (q: string) => Number(sql(q)[0]?.n);

  test('the menu lists every action and each names a function of the bundle', () => {
    demo.runtime.call('onOpen', { authMode: 'FULL' });
    // Under Extensions, as published add-ons must build it (a bound script's sub-menu is named after the script).
    const menu = demo.runtime.services.ui.menus.find((m) => m.title === 'EROS Scheduler' && m.addon);
    const items = (menu?.items ?? []).flatMap((i) => (i.kind === 'item' ? [[i.caption, i.functionName]] : []));
    expect(items).toEqual(MENU_ITEMS.filter((i) => i !== null));
    for (const [, fn] of items) expect(demo.runtime.entryPoints()).toContain(fn);
  });

  test('installing the automation twice leaves exactly one hourly trigger for the spreadsheet', () => {
    demo.runtime.call('installAutomation');
    demo.runtime.call('installAutomation');
    expect(demo.runtime.services.triggers.triggers.map((t) => [t.handler, t.schedule])).toEqual([['dispatchAutomation', { kind: 'every', intervalMs: 3_600_000 }]]);
    expect(toast()).toMatch(/^Automation already installed/);
  });

  test('the daily run writes every active page: schedules and locks in BigQuery, one tab each, Overview and Runs', () => {
    demo.runtime.call('runDailyAutomation');
    const active = sql('SELECT page_name FROM eros_scheduling_brain.creators WHERE is_active ORDER BY 1').map((r) => String(r.page_name));
    const overview = tabRecords(demo.runtime, 'Overview');
    expect(overview.map((r) => r.Page).sort()).toEqual(active);
    const generated = overview.filter((r) => r.Status === 'GENERATED');
    expect(generated.length).toBeGreaterThan(0);
    for (const row of generated) {
      const page = String(row.Page);
      const tab = tabRecords(demo.runtime, page);
      const stored = count(`SELECT count(*) AS n FROM eros_scheduling_brain.schedule_messages WHERE schedule_id = '${String(row['Schedule ID'])}' AND is_active`);
      expect(tab).toHaveLength(stored);
      expect(tab.every((r) => r['Schedule ID'] === row['Schedule ID'])).toBe(true);
      // Los Angeles wall times in the week that starts on the Monday after the run.
      for (const r of tab) {
        expect(String(r['Time (LA)'])).toMatch(/^\d{2}:\d{2}$/);
        const day = r.Date instanceof Date ? r.Date.toISOString().slice(0, 10) : String(r.Date);
        expect(day >= DEMO_WEEK_START && day < '2026-12-07').toBe(true);
      }
    }
    const runs = tabRecords(demo.runtime, 'Runs');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ Kind: 'DAILY', Generated: generated.length });
    expect(count("SELECT count(*) AS n FROM eros_scheduling_brain.automation_run_log WHERE run_kind = 'DAILY'")).toBe(1);
    expect(count('SELECT count(*) AS n FROM eros_scheduling_brain.schedule_export_log')).toBe(overview.length);
  });

  test('the health check fills the Health tab with a score and its parts', () => {
    demo.runtime.call('runHealthCheck');
    const health = tabRecords(demo.runtime, 'Health');
    expect(health[0]).toMatchObject({ Measure: 'Health score', 'Out of': 100 });
    const parts = health.slice(1, 6);
    expect(parts.map((p) => p.Measure)).toEqual(['Runs (7 days)', 'Bandit stats freshness', 'Caption locks', 'Exports (7 days)', 'Cost (7 days)']);
    expect(parts.reduce((s, p) => s + Number(p.Value), 0)).toBeCloseTo(Number(health[0]!.Value), -0.5);
    expect(toast()).toMatch(/^Health score \d+\/100/);
  });

  function toast(): string {
    return demo.runtime.services.SpreadsheetApp._toasts.at(-1)?.message ?? '';
  }

  test('undo takes back the active tab page\'s schedule: rows and locks inactive, tab emptied', () => {
    const page = String(tabRecords(demo.runtime, 'Overview').find((r) => r.Status === 'GENERATED')!.Page);
    const id = String(tabRecords(demo.runtime, page)[0]!['Schedule ID']);
    const ss = demo.runtime.services.SpreadsheetApp.getActiveSpreadsheet();
    ss.setActiveSheet(ss.getSheetByName(page)!);
    demo.runtime.call('undoLastGenerationForActivePage');
    expect(count(`SELECT count(*) AS n FROM eros_scheduling_brain.active_caption_assignments WHERE schedule_id = '${id}' AND is_active`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM eros_scheduling_brain.schedule_messages WHERE schedule_id = '${id}' AND is_active`)).toBe(0);
    expect(tabRecords(demo.runtime, page)).toHaveLength(0);
    expect(toast()).toContain(`schedule ${id} undone`);
    // A second undo finds nothing to take back and says so.
    demo.runtime.call('undoLastGenerationForActivePage');
    expect(toast()).toContain('nothing to undo');
  });

  test('generating from a tab that is not a page asks which page', () => {
    const ss = demo.runtime.services.SpreadsheetApp.getActiveSpreadsheet();
    ss.setActiveSheet(ss.getSheetByName('Overview')!);
    const before = tabRecords(demo.runtime, 'Overview');
    const page = String(before[0]!.Page);
    demo.runtime.services.ui.promptAnswers.push({ button: 'OK', text: ` ${page} ` });
    demo.runtime.call('generateScheduleForActivePage');
    expect(toast()).toMatch(new RegExp(`^${page}: (GENERATED|SKIPPED|INVALID)`));
    // The one-page run updates its page's Overview row and keeps every other page's row.
    const after = tabRecords(demo.runtime, 'Overview');
    expect(after.map((r) => r.Page)).toEqual(before.map((r) => r.Page));
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(after[0]!['Run ID']).not.toBe(before[0]!['Run ID']);
  });
});
