import fc from 'fast-check';
import { PropertiesStore, splitUtf8, CHUNK_BYTES, type PropertiesApi } from '../../../src/gas/adapters/properties';

/** PropertiesService stand-in enforcing the 9 KB value limit and counting calls. */
function fakeProps(): PropertiesApi & { map: Map<string, string>; writes: number } {
  const map = new Map<string, string>();
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  const check = (k: string, v: string) => {
    if (bytes(k) + bytes(v) > 9216) throw new Error('Argument too large: value');
  };
  const p = {
    map,
    writes: 0,
    getProperty: (k: string) => map.get(k) ?? null,
    setProperty: (k: string, v: string) => {
      check(k, v);
      p.writes += 1;
      map.set(k, v);
    },
    setProperties: (o: Record<string, string>) => {
      Object.entries(o).forEach(([k, v]) => check(k, v));
      p.writes += 1;
      Object.entries(o).forEach(([k, v]) => map.set(k, v));
    },
    deleteProperty: (k: string) => void map.delete(k),
  };
  return p;
}

describe('PropertiesStore', () => {
  it('stores small values directly and large ones in chunks under the 9 KB limit', () => {
    const props = fakeProps();
    const store = new PropertiesStore(props);
    store.set('small', 'hello');
    expect(props.map.get('small')).toBe('hello');
    const big = 'é漢😀x'.repeat(5000); // multi-byte characters, ~50 KB of UTF-8
    store.set('cp', big);
    expect(store.get('cp')).toBe(big);
    expect(props.map.size).toBeGreaterThan(3);
    // Shrinking removes stale chunks; deleting removes all.
    store.set('cp', 'tiny');
    expect(store.get('cp')).toBe('tiny');
    expect([...props.map.keys()].sort()).toEqual(['cp', 'small']);
    store.set('cp', big);
    store.delete('cp');
    expect([...props.map.keys()]).toEqual(['small']);
    expect(store.get('cp')).toBeNull();
  });

  it('reports a missing chunk instead of returning a truncated value', () => {
    const props = fakeProps();
    const store = new PropertiesStore(props);
    store.set('cp', 'x'.repeat(20_000));
    props.map.delete('cp#1');
    expect(() => store.get('cp')).toThrow('property cp: chunk 1 of 3 is missing');
  });

  it('round-trips any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 6000 }), (s) => {
        const store = new PropertiesStore(fakeProps());
        store.set('k', s);
        expect(store.get('k')).toBe(s);
      }),
      { numRuns: 60 },
    );
  });

  it('splits UTF-8 on character boundaries within the byte limit (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 4, max: 50 }), (s, max) => {
        const parts = splitUtf8(s, max);
        expect(parts.join('')).toBe(s);
        for (const p of parts) expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(max);
        for (const p of parts) expect(p).not.toMatch(/^[\uDC00-\uDFFF]/);
      }),
    );
    expect(CHUNK_BYTES).toBeLessThan(9216);
  });
});
