// Security, scopes: appsscript.json asks for exactly the minimal set of OAuth scopes, each one
// justified by what the built bundle (dist/Code.js) really calls, and no service the bundle calls
// needs a scope that is missing. The full spreadsheets scope, not spreadsheets.currentonly:
// an Editor add-on's time-driven trigger has no active spreadsheet to rely on, so it opens its own
// document by id, and openById needs the full scope (currentonly does not cover it, not even for
// the current file's own id); the code opens no other file than the one its trigger was made in.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'appsscript.json'), 'utf8')) as {
  oauthScopes?: string[];
  dependencies?: { enabledAdvancedServices?: Array<{ userSymbol: string; serviceId: string; version: string }> };
};
const bundle = fs.readFileSync(path.join(ROOT, 'dist', 'Code.js'), 'utf8');
const G = 'https://www.googleapis.com/auth/';

/** Each scope asked for: why, and the calls in the bundle that need it (at least one must occur). */
const JUSTIFIED: Record<string, { why: string; needs: RegExp }> = {
  [`${G}spreadsheets`]: {
    why: 'read and write tabs of the spreadsheet in use; its own trigger opens it by id (openById needs this scope)',
    needs: /SpreadsheetApp\.openById\(/,
  },
  [`${G}script.container.ui`]: {
    why: 'the EROS Scheduler menu, the overrides sidebar and the settings dialog',
    needs: /\.getUi\(\)|showSidebar|showModalDialog|createAddonMenu/,
  },
  [`${G}script.scriptapp`]: {
    why: "install and remove the spreadsheet's hourly trigger, and a paused run's follow-up trigger",
    needs: /newTrigger|deleteTrigger|getProjectTriggers/,
  },
  [`${G}bigquery`]: {
    why: 'insert query, DML and load jobs (bigquery.readonly cannot write schedules or locks)',
    needs: /\.Jobs\.insert\(|Jobs\.insert/,
  },
};

/** Broader or extra scopes that must NOT be asked for, and the calls that would need them. */
const REFUSED: Record<string, RegExp> = {
  [`${G}spreadsheets.currentonly`]: /(?!)/,
  [`${G}drive`]: /DriveApp\.|Drive\.Files/,
  [`${G}script.external_request`]: /UrlFetchApp\./,
  [`${G}script.send_mail`]: /MailApp\.|GmailApp\./,
  [`${G}cloud-platform`]: /(?!)/,
  [`${G}documents`]: /DocumentApp\./,
  [`${G}forms`]: /FormApp\./,
  [`${G}calendar`]: /CalendarApp\./,
};

/** Services that need no scope of their own, or whose scope is in JUSTIFIED. */
const SERVICES_WITHOUT_EXTRA_SCOPE = new Set([
  'SpreadsheetApp', 'ScriptApp', 'HtmlService', 'PropertiesService', 'LockService', 'CacheService', 'Utilities',
  'Logger', 'BigQuery', 'Session',
]);
const ALL_SERVICES = /\b(SpreadsheetApp|ScriptApp|HtmlService|PropertiesService|LockService|CacheService|Utilities|Session|UrlFetchApp|DriveApp|Drive|GmailApp|MailApp|DocumentApp|CalendarApp|FormApp|SlidesApp|ContactsApp|GroupsApp|LanguageApp|Maps|Charts|XmlService|ContentService|CardService|Logger|BigQuery)\.[A-Za-z]+/g;

describe('OAuth scopes (appsscript.json)', () => {
  it('asks for exactly the justified minimal set', () => {
    expect([...(manifest.oauthScopes ?? [])].sort()).toEqual(Object.keys(JUSTIFIED).sort());
    const table = Object.entries(JUSTIFIED).map(([scope, j]) => {
      const used = j.needs.test(bundle);
      return { scope: scope.replace(G, ''), used, why: j.why };
    });
    console.log(`Scopes and why:\n${table.map((t) => `  ${t.scope.padEnd(26)} ${t.used ? 'needed' : 'UNUSED'}  ${t.why}`).join('\n')}`);
    expect(table.filter((t) => !t.used)).toEqual([]);
  });

  it('opens no spreadsheet but by the id its own trigger recorded: no openByUrl, open or create', () => {
    expect(bundle.match(/SpreadsheetApp\.(openByUrl|open|create)\(/g)).toBeNull();
    expect(bundle.match(/SpreadsheetApp\.openById\(/g)).toHaveLength(1);
  });

  it('asks for no broader scope, and the bundle calls nothing that would need one', () => {
    for (const [scope, calls] of Object.entries(REFUSED)) {
      expect(manifest.oauthScopes ?? []).not.toContain(scope);
      expect({ scope, uses: bundle.match(calls)?.[0] ?? null }).toEqual({ scope, uses: null });
    }
    const used = new Set([...bundle.matchAll(ALL_SERVICES)].map((m) => m[1] as string));
    expect([...used].filter((s) => !SERVICES_WITHOUT_EXTRA_SCOPE.has(s))).toEqual([]);
  });

  it('reads the user only where it may fail: Session.getActiveUser (userinfo.email is not requested) is caught', () => {
    // Without userinfo.email, getActiveUser() throws or answers ''; the only caller (updated_by of
    // the Overrides tab) catches that and writes ''. Asking for the scope just for an audit column
    // would widen the consent screen.
    expect(manifest.oauthScopes ?? []).not.toContain(`${G}userinfo.email`);
    const calls = [...bundle.matchAll(/Session\.getActiveUser\(\)/g)].map((m) => m.index ?? 0);
    for (const at of calls) expect(bundle.slice(Math.max(0, at - 200), at)).toMatch(/try\s*\{[^}]*$/);
    expect(bundle).not.toMatch(/Session\.getEffectiveUser\(\)/);
  });

  it('enables only the BigQuery v2 advanced service', () => {
    expect(manifest.dependencies?.enabledAdvancedServices).toEqual([{ userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' }]);
  });
});
