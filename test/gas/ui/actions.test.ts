import { generateScheduleForActivePage, generateScheduleForPage, undoLastGenerationForActivePage } from '../../../src/gas/ui/actions';
import { fakeGasEnv, withUtilitiesBlob } from '../fakes/gas-env';

withUtilitiesBlob();

describe('menu actions', () => {
  it('a menu run for one page notifies the person with the page outcome', () => {
    const t = fakeGasEnv(['anna', 'bea']);
    const notes: string[] = [];
    const s = generateScheduleForPage({ ...t.e, notify: (m) => notes.push(m) }, 'bea');
    expect(s.perPage.map((p) => p.page)).toEqual(['bea']);
    expect(notes).toEqual(['bea: GENERATED — 3 messages exported']);
    expect(() => generateScheduleForPage(t.e, '  ')).toThrow(/No page given/);
  });

  it('maps the tab in view to its page through the tab map, and asks on any other tab', () => {
    const t = fakeGasEnv(['anna', 'Overview']);
    generateScheduleForPage(t.e, 'Overview');
    const asked: string[] = [];
    // A page may be called "Overview": its tab is tagged, so it is generated, not mistaken for the Overview tab.
    const onPageTab = generateScheduleForActivePage(undefined, { ...t.e, activeTabName: () => 'Overview', ask: (_t, q) => (asked.push(q), null) });
    expect(onPageTab?.perPage.map((p) => p.page)).toEqual(['Overview']);
    expect(asked).toEqual([]);
    const cancelled = generateScheduleForActivePage(undefined, { ...t.e, activeTabName: () => 'Runs', ask: (_t, q) => (asked.push(q), null) });
    expect(cancelled).toBeNull();
    expect(asked).toHaveLength(1);
    const named = generateScheduleForActivePage(undefined, { ...t.e, activeTabName: () => 'Runs', ask: () => ' anna ' });
    expect(named?.perPage.map((p) => p.page)).toEqual(['anna']);
  });

  it('undo on a tab that is not a page\'s schedule changes nothing and says so', () => {
    const t = fakeGasEnv(['anna']);
    const r = undoLastGenerationForActivePage(undefined, { ...t.e, activeTabName: () => 'Health' });
    expect(r.undone).toBeNull();
    expect(r.message).toMatch(/not a page's schedule/);
    expect(t.jobs).toHaveLength(0);
  });
});
