// The real Settings.html in headless chromium, over the real settings server functions.
import { SETTING_KEYS } from '../../src/core/run/settings';
import { createSettingsServer } from '../../src/gas/ui/settings-dialog';
import { memoryStore } from '../gas/fakes/settings-memory-store';
import { launch, openPage, type Harness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await launch();
});
afterAll(async () => {
  await harness?.close();
});

async function open(initial: Record<string, string> = {}) {
  const store = memoryStore(initial);
  const server = createSettingsServer(() => store) as unknown as Record<string, (...a: unknown[]) => unknown>;
  const calls: string[] = [];
  const page = await openPage(harness, 'Settings.html', (name, args) => {
    calls.push(name);
    return server[name]!(...args);
  });
  await page.waitForSelector('body[data-ready=true]');
  return { page, store, calls };
}

describe('Settings dialog (headless chromium)', () => {
  it('loads, validates next to the field, saves, and closes', async () => {
    const { page, store, calls } = await open();
    expect(await page.inputValue('#project')).toBe('of-scheduler-proj');
    expect(await page.inputValue('#weekStart')).toBe('MONDAY');
    await page.fill('#dataset', 'bad-dataset');
    await page.fill('#maximumBytesBilled', '1000');
    await page.click('#save');
    expect(await page.textContent('#err-dataset')).toMatch(/letters, digits and underscores/);
    expect(await page.textContent('#err-maximumBytesBilled')).toMatch(/1000000/);
    expect(calls).not.toContain('saveSettingsFromDialog');

    await page.fill('#dataset', 'eros_prod');
    await page.fill('#maximumBytesBilled', '20000000000');
    await page.fill('#location', 'EU');
    await page.click('#save');
    await page.waitForSelector('#status.ok');
    expect(store.get(SETTING_KEYS.dataset)).toBe('eros_prod');
    expect(store.get(SETTING_KEYS.maximumBytesBilled)).toBe('20000000000');
    expect(store.get(SETTING_KEYS.location)).toBe('EU');
    await page.click('#close');
    expect(await page.evaluate('window.__closed')).toBe(true);
    await page.close();
  });

  it('shows what is wrong with stored settings, as text', async () => {
    const hostile = '<img src=x onerror="window.__xss=1">';
    const { page } = await open({ [SETTING_KEYS.location]: hostile });
    expect(await page.inputValue('#location')).toBe(hostile);
    expect(await page.textContent('#status')).toMatch(/The stored settings need fixing: .*location/);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    await page.close();
  });
});
