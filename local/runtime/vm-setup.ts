// What a runtime reads and installs before the bundle runs: the manifest (time zone, scopes), the
// clock-reading Date of the vm context, and the event object of a time-driven trigger.
// https://developers.google.com/apps-script/guides/triggers/events#time-driven-events
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vm from 'node:vm';
import * as z from 'zod';
import type { RuntimeClock } from './clock';

const ManifestSchema = z.object({ timeZone: z.string().optional(), oauthScopes: z.array(z.string()).optional() }).loose();

export function readManifest(dir: string): z.infer<typeof ManifestSchema> {
  const path = join(dir, 'appsscript.json');
  if (!existsSync(path)) return {};
  const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Replaces the context's Date so the bundle's `new Date()` / `Date.now()` read the runtime clock. */
export function installClockDate(context: vm.Context, clock: RuntimeClock): void {
  // As the bundle reads the wall clock in Apps Script; otherwise a fixed demo clock would reach
  // ScriptApp and Utilities but not the run. Same prototype, so `instanceof Date` still holds.
  (vm.runInContext(
    `(function (nowMs) {
      var D = Date;
      function ClockDate() {
        if (!new.target) return String(new D(nowMs()));
        return arguments.length === 0 ? new D(nowMs()) : Reflect.construct(D, arguments);
      }
      ClockDate.prototype = D.prototype;
      ClockDate.now = function () { return nowMs(); };
      ClockDate.parse = D.parse;
      ClockDate.UTC = D.UTC;
      Object.defineProperty(ClockDate, 'length', { value: 7 });
      Object.defineProperty(globalThis, 'Date', { value: ClockDate, writable: true, configurable: true, enumerable: false });
    })`,
    context,
  ) as (nowMs: () => number) => void)(() => clock.now().getTime());
}

/** The event object of a time-driven trigger (no `source`: a clock has no document to give). */
export function clockEvent(at: Date, triggerUid: string): Record<string, unknown> {
  return {
    authMode: 'FULL', triggerUid, year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, 'day-of-month': at.getUTCDate(),
    hour: at.getUTCHours(), minute: at.getUTCMinutes(), second: at.getUTCSeconds(), timezone: 'UTC',
  };
}

