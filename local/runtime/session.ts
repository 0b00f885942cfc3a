// Session: who runs the script and in which time zone.
// https://developers.google.com/apps-script/reference/base/session
import { createHash } from 'node:crypto';

export class User {
  static readonly apiName = 'Session.User';
  constructor(private readonly _email: string) {}
  /** '' when Google may not reveal the user (e.g. a trigger run by someone else). */
  getEmail(): string { return this._email; }
}

export interface SessionOptions {
  timeZone: string;
  activeUserEmail: string;
  effectiveUserEmail: string;
  locale?: string;
}

export class SessionService {
  static readonly apiName = 'Session';

  constructor(private readonly _options: SessionOptions) {}

  /** From appsscript.json "timeZone". */
  getScriptTimeZone(): string { return this._options.timeZone; }
  getActiveUser(): User { return new User(this._options.activeUserEmail); }
  getEffectiveUser(): User { return new User(this._options.effectiveUserEmail); }
  getActiveUserLocale(): string { return this._options.locale ?? 'en'; }

  /** A stable opaque key per user and script, as Google documents. */
  getTemporaryActiveUserKey(): string {
    return createHash('sha256').update(`key:${this._options.activeUserEmail}`).digest('base64').slice(0, 43) + '=';
  }
}
