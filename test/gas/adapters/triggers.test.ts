import { installAutomation, removeAutomation, followUpScheduler, type TriggerApi, type ClockTriggerBuilderLike, type TriggerLike } from '../../../src/gas/adapters/triggers';

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
