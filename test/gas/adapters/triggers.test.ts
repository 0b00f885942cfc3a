import {
  automationInstalled, followUpScheduler, installAutomation, removeAutomation, TriggerRegistry, FOLLOW_UP_AFTER_MS,
  type ClockTriggerBuilderLike, type TriggerApi, type TriggerLike,
} from '../../../src/gas/adapters/triggers';
import type { PropertiesApi } from '../../../src/gas/adapters/properties';

/** A ScriptApp trigger stand-in that records builder calls; `source` is what getInstallationSource answers. */
function fakeTriggers(initial: string[] = [], source: 'NONE' | 'WEB_STORE_ADD_ON' = 'WEB_STORE_ADD_ON') {
  let id = 0;
  const triggers: Array<TriggerLike & { spec: string[] }> = [];
  const add = (handler: string, spec: string[]) => {
    const uid = `t${++id}`;
    triggers.push({ spec, getHandlerFunction: () => handler, getUniqueId: () => uid });
    return triggers[triggers.length - 1]!;
  };
  initial.forEach((h) => add(h, ['existing']));
  const api: TriggerApi = {
    getProjectTriggers: () => [...triggers],
    deleteTrigger: (t) => {
      const i = triggers.findIndex((x) => x.getUniqueId() === t.getUniqueId());
      if (i >= 0) triggers.splice(i, 1);
    },
    newTrigger: (handler) => ({
      timeBased: () => {
        const spec: string[] = [];
        const b: ClockTriggerBuilderLike = {
          everyHours: (n) => (spec.push(`everyHours ${n}`), b),
          after: (ms) => (spec.push(`after ${ms}`), b),
          create: () => add(handler, spec),
        };
        return b;
      },
    }),
    getInstallationSource: () => source,
    InstallationSource: { NONE: 'NONE' },
  };
  const list = () => triggers.map((t) => [t.getHandlerFunction(), t.spec.join(', ')]);
  return { api, list };
}

function memoryProperties(): PropertiesApi & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getProperty: (k) => data.get(k) ?? null,
    setProperty: (k, v) => data.set(k, v),
    setProperties: (o) => Object.entries(o).forEach(([k, v]) => data.set(k, v)),
    deleteProperty: (k) => void data.delete(k),
  };
}

describe('the automation: one hourly trigger per document', () => {
  it('installs one hourly trigger once; a second install changes nothing; other triggers stay', () => {
    const t = fakeTriggers(['somebodyElse']);
    const registry = new TriggerRegistry(memoryProperties());
    expect(installAutomation(t.api, registry, 'docA')).toEqual({ created: true, replaced: 0 });
    expect(t.list()).toEqual([['somebodyElse', 'existing'], ['dispatchAutomation', 'everyHours 1']]);
    expect(installAutomation(t.api, registry, 'docA')).toEqual({ created: false, replaced: 0 });
    expect(t.list()).toHaveLength(2);
    expect(automationInstalled(t.api, registry, 'docA')).toBe(true);
    expect(registry.documentOf(registry.get('docA')!.uid)).toBe('docA');
  });

  it('install and remove touch only this document\'s trigger, though getProjectTriggers lists every document\'s', () => {
    const t = fakeTriggers();
    const registry = new TriggerRegistry(memoryProperties());
    installAutomation(t.api, registry, 'docA');
    installAutomation(t.api, registry, 'docB');
    expect(t.list()).toEqual([['dispatchAutomation', 'everyHours 1'], ['dispatchAutomation', 'everyHours 1']]);
    const bUid = registry.get('docB')!.uid;
    expect(removeAutomation(t.api, registry, 'docA')).toBe(1);
    expect(t.api.getProjectTriggers().map((x) => x.getUniqueId())).toEqual([bUid]);
    expect(registry.get('docA')).toBeNull();
    expect(removeAutomation(t.api, registry, 'docA')).toBe(0);
    expect(automationInstalled(t.api, registry, 'docB')).toBe(true);
  });

  it('a trigger deleted by hand is made again on install', () => {
    const t = fakeTriggers();
    const registry = new TriggerRegistry(memoryProperties());
    installAutomation(t.api, registry, 'docA');
    t.api.deleteTrigger(t.api.getProjectTriggers()[0]!);
    expect(automationInstalled(t.api, registry, 'docA')).toBe(false);
    expect(installAutomation(t.api, registry, 'docA').created).toBe(true);
    expect(t.list()).toEqual([['dispatchAutomation', 'everyHours 1']]);
  });

  it('an earlier build\'s three triggers are replaced in a bound script only (an add-on cannot tell whose they are)', () => {
    const bound = fakeTriggers(['runDailyAutomation', 'runPerformanceUpdate', 'runLockSweep', 'onEdit'], 'NONE');
    expect(installAutomation(bound.api, new TriggerRegistry(memoryProperties()), 'doc')).toEqual({ created: true, replaced: 3 });
    expect(bound.list()).toEqual([['onEdit', 'existing'], ['dispatchAutomation', 'everyHours 1']]);
    const addon = fakeTriggers(['runDailyAutomation']);
    expect(installAutomation(addon.api, new TriggerRegistry(memoryProperties()), 'doc')).toEqual({ created: true, replaced: 0 });
    expect(addon.list()).toHaveLength(2);
  });
});

describe('the follow-up of a run', () => {
  it('without the automation: a one-off trigger after 10 minutes, replaced at each execution, deleted when the run finishes', () => {
    const t = fakeTriggers();
    const registry = new TriggerRegistry(memoryProperties());
    const f = followUpScheduler(t.api, registry, 'docA');
    f.arm();
    expect(t.list()).toEqual([['resumeDailyAutomation', `after ${FOLLOW_UP_AFTER_MS}`]]);
    const first = registry.get('docA')!.uid;
    f.arm();
    expect(t.list()).toHaveLength(1);
    expect(registry.get('docA')!.uid).not.toBe(first);
    f.disarm();
    expect(t.list()).toEqual([]);
    expect(registry.get('docA')).toBeNull();
  });

  it('with the automation: its hourly trigger is the follow-up, and finishing a run leaves it', () => {
    const t = fakeTriggers();
    const registry = new TriggerRegistry(memoryProperties());
    installAutomation(t.api, registry, 'docA');
    const f = followUpScheduler(t.api, registry, 'docA');
    f.arm();
    f.disarm();
    expect(t.list()).toEqual([['dispatchAutomation', 'everyHours 1']]);
  });

  it('installing while a follow-up is pending replaces it (an add-on has one clock trigger per document)', () => {
    const t = fakeTriggers();
    const registry = new TriggerRegistry(memoryProperties());
    followUpScheduler(t.api, registry, 'docA').arm();
    followUpScheduler(t.api, registry, 'docB').arm();
    expect(installAutomation(t.api, registry, 'docA')).toEqual({ created: true, replaced: 1 });
    expect(t.list()).toEqual([['resumeDailyAutomation', `after ${FOLLOW_UP_AFTER_MS}`], ['dispatchAutomation', 'everyHours 1']]);
  });

  it('a damaged registry entry is treated as absent', () => {
    const props = memoryProperties();
    props.setProperty('eros.trigger.docA', '{not json');
    expect(new TriggerRegistry(props).get('docA')).toBeNull();
  });
});
