import fc from 'fast-check';
import { PropertiesStore, splitUtf8, CHUNK_BYTES, type PropertiesApi } from '../../src/gas/adapters/properties';
import { ScriptRunLock } from '../../src/gas/adapters/lock';
import { consoleLogger } from '../../src/gas/adapters/logger';
import { installAutomation, removeAutomation, followUpScheduler, type TriggerApi, type ClockTriggerBuilderLike, type TriggerLike } from '../../src/gas/adapters/triggers';

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

describe('ScriptRunLock and logger', () => {
  it('maps tryLock and releases only when held', () => {
    const calls: string[] = [];
    let held = false;
    const lock = new ScriptRunLock({
      tryLock: (ms) => (calls.push(`try ${ms}`), (held = ms > 0)),
      releaseLock: () => void calls.push('release'),
      hasLock: () => held,
    });
    expect(lock.tryAcquire(0)).toBe(false);
    lock.release();
    expect(lock.tryAcquire(500)).toBe(true);
    lock.release();
    expect(calls).toEqual(['try 0', 'try 500', 'release']);
  });
  it('logs one line per event with JSON data', () => {
    const out: string[] = [];
    const log = consoleLogger({ info: (m) => out.push(`I ${m}`), warn: (m) => out.push(`W ${m}`), error: (m) => out.push(`E ${m}`) });
    log.info('run done', { pages: 3 });
    log.error('boom');
    expect(out).toEqual(['I [EROS] run done {"pages":3}', 'E [EROS] boom']);
  });
});

/** A ScriptApp trigger stand-in that records builder calls. */
function fakeTriggers(initial: string[] = []) {
  let id = 0;
  const triggers: Array<TriggerLike & { id: number; spec: string[] }> = [];
  const add = (handler: string, spec: string[]) => triggers.push({ id: ++id, spec, getHandlerFunction: () => handler });
  initial.forEach((h) => add(h, ['existing']));
  const api: TriggerApi = {
    getProjectTriggers: () => [...triggers],
    deleteTrigger: (t) => {
      const i = triggers.indexOf(t as (typeof triggers)[number]);
      if (i >= 0) triggers.splice(i, 1);
    },
    newTrigger: (handler) => ({
      timeBased: () => {
        const spec: string[] = [];
        const b: ClockTriggerBuilderLike = {
          atHour: (h) => (spec.push(`atHour ${h}`), b),
          nearMinute: (m) => (spec.push(`nearMinute ${m}`), b),
          everyDays: (n) => (spec.push(`everyDays ${n}`), b),
          everyHours: (n) => (spec.push(`everyHours ${n}`), b),
          inTimezone: (tz) => (spec.push(`inTimezone ${tz}`), b),
          after: (ms) => (spec.push(`after ${ms}`), b),
          create: () => {
            add(handler, spec);
            return triggers[triggers.length - 1]!;
          },
        };
        return b;
      },
    }),
  };
  const list = () => triggers.map((t) => [t.getHandlerFunction(), t.spec.join(', ')]);
  return { api, list };
}

describe('triggers', () => {
  it('installs the three schedules once; a second install changes nothing', () => {
    const t = fakeTriggers(['somebodyElse']);
    expect(installAutomation(t.api)).toEqual({ created: ['runDailyAutomation', 'runPerformanceUpdate', 'runLockSweep'], kept: [], removedDuplicates: 0 });
    expect(t.list()).toEqual([
      ['somebodyElse', 'existing'],
      ['runDailyAutomation', 'atHour 3, nearMinute 5, everyDays 1, inTimezone America/Los_Angeles'],
      ['runPerformanceUpdate', 'everyHours 6'],
      ['runLockSweep', 'everyHours 1'],
    ]);
    const before = t.list();
    expect(installAutomation(t.api).created).toEqual([]);
    expect(t.list()).toEqual(before);
  });
  it('removes duplicates on install, and removal deletes only ours', () => {
    const t = fakeTriggers(['runLockSweep', 'runLockSweep', 'onEdit']);
    expect(installAutomation(t.api).removedDuplicates).toBe(1);
    followUpScheduler(t.api).scheduleResume(60_000);
    expect(removeAutomation(t.api)).toBe(4);
    expect(t.list()).toEqual([['onEdit', 'existing']]);
  });
  it('keeps at most one pending follow-up', () => {
    const t = fakeTriggers();
    const f = followUpScheduler(t.api);
    f.scheduleResume(60_000);
    f.scheduleResume(90_000);
    expect(t.list()).toEqual([['resumeDailyAutomation', 'after 90000']]);
  });
});
