// Contract tests for PropertiesService and CacheService.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CacheServiceStandIn, CacheStores, PropertiesServiceStandIn, PropertyStores, RuntimeClock } from '../../../local/runtime';

// https://developers.google.com/apps-script/reference/properties/properties
// https://developers.google.com/apps-script/guides/services/quotas
describe('PropertiesService', () => {
  const service = (stores = new PropertyStores(), doc: string | null = 'doc1') => new PropertiesServiceStandIn(stores, doc, 'a@example.com');

  it('keeps three separate stores; document properties are null without a bound document', () => {
    const s = service();
    s.getScriptProperties().setProperty('k', 'script');
    s.getUserProperties().setProperty('k', 'user');
    s.getDocumentProperties()!.setProperty('k', 'doc');
    expect([s.getScriptProperties().getProperty('k'), s.getUserProperties().getProperty('k'), s.getDocumentProperties()!.getProperty('k')])
      .toEqual(['script', 'user', 'doc']);
    expect(service(new PropertyStores(), null).getDocumentProperties()).toBeNull();
  });

  it('stores every value as a string and returns copies', () => {
    const p = service().getScriptProperties();
    p.setProperties({ n: 5, b: true, o: { a: 1 } });
    expect(p.getProperties()).toEqual({ n: '5', b: 'true', o: '[object Object]' });
    const copy = p.getProperties();
    copy.n = 'changed';
    expect(p.getProperty('n')).toBe('5');
    expect(p.getProperty('missing')).toBeNull();
  });

  it('setProperties(obj, true) deletes all others; deleteProperty / deleteAllProperties', () => {
    const p = service().getScriptProperties();
    p.setProperties({ a: '1', b: '2' });
    p.setProperties({ c: '3' }, true);
    expect(p.getKeys()).toEqual(['c']);
    p.setProperty('d', '4').deleteProperty('c');
    expect(p.getKeys()).toEqual(['d']);
    p.deleteAllProperties();
    expect(p.getKeys()).toEqual([]);
  });

  it('refuses a value over 9 KB (key + value, UTF-8 bytes) and leaves the store unchanged', () => {
    const p = service().getScriptProperties();
    p.setProperty('k', 'x'.repeat(9 * 1024 - 1));
    expect(() => p.setProperty('k', 'x'.repeat(9 * 1024))).toThrow('Argument too large: value');
    expect(() => p.setProperty('k', 'é'.repeat(4700))).toThrow('Argument too large: value'); // 9400 bytes
    expect(p.getProperty('k')).toHaveLength(9 * 1024 - 1);
  });

  it('refuses to grow a store past 500 KB', () => {
    const p = service().getScriptProperties();
    for (let i = 0; i < 56; i++) p.setProperty(`key${String(i).padStart(2, '0')}`, 'x'.repeat(9000));
    expect(() => p.setProperty('one_more', 'x'.repeat(9000)))
      .toThrow('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(p.getKeys()).toHaveLength(56);
  });

  it('persists to a JSON file and reloads', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eros-props-'));
    try {
      const path = join(dir, 'props.json');
      service(new PropertyStores(path)).getUserProperties().setProperty('units', 'metric');
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ 'user:a@example.com': { units: 'metric' } });
      expect(service(new PropertyStores(path)).getUserProperties().getProperty('units')).toBe('metric');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('behaves as a string map (property)', () => {
    fc.assert(fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.oneof(fc.string(), fc.integer())), (obj) => {
      const p = service().getScriptProperties();
      p.setProperties(obj);
      expect(p.getProperties()).toEqual(Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, String(v)])));
    }));
  });
});

// https://developers.google.com/apps-script/reference/cache/cache
describe('CacheService', () => {
  const make = () => {
    const clock = new RuntimeClock({ now: () => new Date('2025-06-01T00:00:00Z') });
    return { clock, cache: new CacheServiceStandIn(new CacheStores(), clock, 'doc', 'a@example.com').getScriptCache() };
  };

  it('expires after the default 600 s and after a custom ttl, capped at 21600 s', () => {
    const { clock, cache } = make();
    cache.put('a', 'x');
    cache.put('b', 'y', 30);
    cache.put('c', 'z', 100_000);
    clock.advance(30_000);
    expect(cache.getAll(['a', 'b', 'c', 'd'])).toEqual({ a: 'x', c: 'z' });
    clock.advance(570_000);
    expect(cache.get('a')).toBeNull();
    clock.advance(21_600_000 - 600_000 - 1);
    expect(cache.get('c')).toBe('z');
    clock.advance(1);
    expect(cache.get('c')).toBeNull();
  });

  it('enforces the 250-character key and 100 KB value limits', () => {
    const { cache } = make();
    cache.put('k'.repeat(250), 'ok');
    expect(() => cache.put('k'.repeat(251), 'x')).toThrow(/too large: key/);
    expect(() => cache.put('v', 'x'.repeat(100 * 1024 + 1))).toThrow(/too large: value/);
  });

  it('putAll, remove, removeAll', () => {
    const { cache } = make();
    cache.putAll({ a: '1', b: 2, c: '3' });
    cache.remove('a');
    cache.removeAll(['b']);
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ c: '3' });
  });
});
