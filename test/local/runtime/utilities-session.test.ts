// Contract tests for Utilities and Session.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createRuntime, RuntimeClock, UtilitiesService } from '../../../local/runtime';

const utils = () => new UtilitiesService(new RuntimeClock({ now: () => new Date('2025-01-01T00:00:00Z') }));

// https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
describe('Utilities.formatDate (SimpleDateFormat patterns in real time zones)', () => {
  const u = utils();
  it('formats the patterns the scheduler uses', () => {
    const d = new Date('2025-07-04T16:05:09Z');
    expect(u.formatDate(d, 'America/Los_Angeles', "yyyy-MM-dd HH:mm:ss")).toBe('2025-07-04 09:05:09');
    expect(u.formatDate(d, 'America/Los_Angeles', "EEE, EEEE h:mm a")).toBe('Fri, Friday 9:05 AM');
    expect(u.formatDate(d, 'America/Los_Angeles', "Z XXX z")).toBe('-0700 -07:00 PDT');
    expect(u.formatDate(d, 'UTC', "yyyy-MM-dd'T'HH:mm:ssXXX")).toBe('2025-07-04T16:05:09Z');
    expect(u.formatDate(d, 'Asia/Kolkata', "HH:mm Z")).toBe('21:35 +0530');
  });

  it('crosses DST both ways in America/Los_Angeles', () => {
    // Spring forward 2025-03-09 02:00 PST → 03:00 PDT.
    expect(u.formatDate(new Date('2025-03-09T09:59:00Z'), 'America/Los_Angeles', 'HH:mm z')).toBe('01:59 PST');
    expect(u.formatDate(new Date('2025-03-09T10:00:00Z'), 'America/Los_Angeles', 'HH:mm z')).toBe('03:00 PDT');
    // Fall back 2025-11-02 02:00 PDT → 01:00 PST: 01:30 happens twice.
    expect(u.formatDate(new Date('2025-11-02T08:30:00Z'), 'America/Los_Angeles', 'HH:mm Z')).toBe('01:30 -0700');
    expect(u.formatDate(new Date('2025-11-02T09:30:00Z'), 'America/Los_Angeles', 'HH:mm Z')).toBe('01:30 -0800');
  });

  it('falls back to GMT for an unknown zone, as Java does; refuses an unknown pattern letter', () => {
    expect(u.formatDate(new Date('2025-01-01T12:00:00Z'), 'Not/AZone', 'HH:mm')).toBe('12:00');
    expect(() => u.formatDate(new Date(), 'UTC', 'yyyy-qq')).toThrow("Illegal pattern character 'q'");
  });

  it('agrees with Intl for every instant (property)', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    fc.assert(fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }), (d) => {
      expect(u.formatDate(d, 'America/Los_Angeles', 'yyyy-MM-dd, HH:mm')).toBe(intl.format(d));
    }), { numRuns: 500 });
  });
});

// https://developers.google.com/apps-script/reference/utilities/utilities#computeDigest(DigestAlgorithm,String,Charset)
describe('Utilities digests, base64, uuid, sleep', () => {
  it('computeDigest returns signed bytes (-128..127) like Java', () => {
    const u = utils();
    const bytes = u.computeDigest(u.DigestAlgorithm.SHA_256, 'café', u.Charset.UTF_8);
    const expected = [...createHash('sha256').update('café', 'utf8').digest()].map((b) => (b > 127 ? b - 256 : b));
    expect(bytes).toEqual(expected);
    expect(bytes.some((b) => b < 0)).toBe(true);
    expect(u.computeDigest(u.DigestAlgorithm.MD5, 'abc')).toHaveLength(16);
  });

  it('base64Encode takes strings or signed byte arrays', () => {
    const u = utils();
    expect(u.base64Encode('hello')).toBe('aGVsbG8=');
    expect(u.base64Encode(u.computeDigest(u.DigestAlgorithm.MD5, 'abc'))).toBe(createHash('md5').update('abc').digest('base64'));
    expect(u.base64Decode('aGVsbG8=')).toEqual([104, 101, 108, 108, 111]);
  });

  it('getUuid gives RFC 4122 v4 ids; sleep is virtual and recorded', () => {
    const clock = new RuntimeClock({ now: () => new Date(0) });
    const u = new UtilitiesService(clock);
    expect(u.getUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const t0 = Date.now();
    u.sleep(60_000);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(clock.sleptMs).toBe(60_000);
    expect(clock.now().getTime()).toBe(60_000);
  });
});

// https://developers.google.com/apps-script/reference/base/session
describe('Session', () => {
  it('reads the script time zone from appsscript.json; users come from options', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eros-session-'));
    try {
      writeFileSync(join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'Europe/Berlin' }));
      const code = 'function who() { return [Session.getScriptTimeZone(), Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getTemporaryActiveUserKey().length > 20]; }';
      const rt = createRuntime({ code, assetsDir: dir, activeUserEmail: 'sam@agency.test', effectiveUserEmail: 'owner@agency.test' });
      expect(rt.call('who')).toEqual(['Europe/Berlin', 'sam@agency.test', 'owner@agency.test', true]);
      expect(createRuntime({ code, assetsDir: join(dir, 'none') }).call('who')).toEqual(['America/Los_Angeles', 'scheduler@example.com', 'scheduler@example.com', true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
