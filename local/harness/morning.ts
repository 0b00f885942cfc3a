// The demo's morning, as `npm start` runs it: the menu opens, the automation is installed (one
// hourly trigger), the clock runs hour by hour until that trigger has started the day's run at its
// first tick after 03:00 Los Angeles and finished it (later ticks continue a paused run), then a
// scheduler saves an override from the sidebar, regenerates that page and runs the health check.
// Shared by `npm start` and the preview's browser test, which checks the very workbook npm start writes.
import { SingleBar, Presets } from 'cli-progress';
import type { FiredTrigger } from '../runtime/index';
import { checkpointKey, LAST_FULL_RUN_KEY } from '../../src/core/run/daily/checkpoint';
import { tabRecords, type Demo } from './demo';

export interface Morning {
  fired: FiredTrigger[];
  failed: FiredTrigger[];
  /** The day's run finished (no checkpoint left, the day's run recorded). */
  finished: boolean;
  runMs: number;
  jobsOfRun: number;
  sheetsOfRun: number;
  /** The sidebar override and its regeneration (null when no page was generated). */
  override: { page: string; ok: boolean; before: number; after: number } | null;
}

export function runMorning(demo: Demo, options: { progress?: boolean } = {}): Morning {
  const { runtime, bigQuery, clock } = demo;
  runtime.call('onOpen', { authMode: 'FULL' });
  runtime.call('installAutomation');
  const bar = options.progress ? new SingleBar({ format: 'Daily run {bar} {value}/{total} executions', clearOnComplete: true }, Presets.shades_classic) : null;
  bar?.start(1, 0);
  const run0 = Date.now();
  const fired: FiredTrigger[] = [];
  const doc = runtime.services.properties.store(`document:${demo.book.id}`);
  const finished = () => doc[LAST_FULL_RUN_KEY] !== undefined && doc[checkpointKey('DAILY')] === undefined;
  for (let hour = 0; hour < 24 && !finished(); hour++) {
    clock.advance(3_600_000);
    fired.push(...runtime.fireDueTriggers());
    bar?.setTotal(Math.max(fired.length, 1));
    bar?.update(fired.length);
  }
  bar?.stop();
  const runMs = Date.now() - run0;
  const jobsOfRun = bigQuery.jobs.length;
  const sheetsOfRun = runtime.services.counter.total('SpreadsheetApp');

  const first = tabRecords(runtime, 'Overview').find((r) => r.Status === 'GENERATED');
  let override: Morning['override'] = null;
  if (first) {
    const page = String(first.Page);
    const saved = runtime.call('saveOverrides', page, { volumeMultiplier: 0.5, allowedHours: { start: 10, end: 23 }, notes: 'Demo: a lighter week' }) as { ok: boolean };
    const ss = runtime.services.SpreadsheetApp.getActiveSpreadsheet();
    ss.setActiveSheet(ss.getSheetByName(page)!);
    runtime.call('generateScheduleForActivePage');
    override = { page, ok: saved.ok, before: Number(first.Messages), after: tabRecords(runtime, page).length };
  }
  runtime.call('runHealthCheck');
  return { fired, failed: fired.filter((f) => f.error), finished: finished(), runMs, jobsOfRun, sheetsOfRun, override };
}
