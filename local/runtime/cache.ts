// CacheService: short-lived string cache with expiry by the runtime clock.
// https://developers.google.com/apps-script/reference/cache/cache
// Limits from that page: key ≤ 250 characters, value ≤ 100 KB, expiration 1 s … 21600 s
// (default 600 s). The error wording for an over-limit key or value is not printed by Google's
// pages; "Argument too large: <name>" follows the Properties service's style (unverified).
import { ServiceError } from './errors';
import type { ClockLike } from './clock';

export const CACHE_KEY_LIMIT_CHARS = 250;
export const CACHE_VALUE_LIMIT_BYTES = 100 * 1024;
export const CACHE_DEFAULT_TTL_SECONDS = 600;
export const CACHE_MAX_TTL_SECONDS = 21_600;

interface Entry {
  value: string;
  expiresAt: number;
}

/** All caches of one script ("script", "document:<id>", "user:<email>"); shareable. */
export class CacheStores {
  private readonly scopes = new Map<string, Map<string, Entry>>();

  scope(name: string): Map<string, Entry> {
    let s = this.scopes.get(name);
    if (!s) this.scopes.set(name, (s = new Map()));
    return s;
  }
}

export class Cache {
  static readonly apiName = 'CacheService.Cache';

  constructor(
    private readonly _entries: Map<string, Entry>,
    private readonly _clock: ClockLike,
  ) {}

  get(key: string): string | null {
    const k = checkKey(key);
    const e = this._entries.get(k);
    if (!e) return null;
    if (e.expiresAt <= this._clock.now().getTime()) {
      this._entries.delete(k);
      return null;
    }
    return e.value;
  }

  /** Only keys found (and not expired) appear in the result. */
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }

  put(key: string, value: unknown, expirationInSeconds = CACHE_DEFAULT_TTL_SECONDS): void {
    const k = checkKey(key);
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > CACHE_VALUE_LIMIT_BYTES) throw new ServiceError('Argument too large: value');
    const ttl = Math.min(CACHE_MAX_TTL_SECONDS, Math.max(1, Math.floor(Number(expirationInSeconds))));
    this._entries.set(k, { value: v, expiresAt: this._clock.now().getTime() + ttl * 1000 });
  }

  putAll(values: Record<string, unknown>, expirationInSeconds = CACHE_DEFAULT_TTL_SECONDS): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }

  remove(key: string): void {
    this._entries.delete(checkKey(key));
  }

  removeAll(keys: string[]): void {
    for (const k of keys) this.remove(k);
  }
}

function checkKey(key: unknown): string {
  const k = String(key);
  if (k.length > CACHE_KEY_LIMIT_CHARS) throw new ServiceError('Argument too large: key');
  return k;
}

export class CacheServiceStandIn {
  static readonly apiName = 'CacheService';

  constructor(
    private readonly _stores: CacheStores,
    private readonly _clock: ClockLike,
    private readonly _documentId: string | null | (() => string | null),
    private readonly _userEmail: string,
  ) {}

  getScriptCache(): Cache {
    return new Cache(this._stores.scope('script'), this._clock);
  }

  /** null when the script is not bound to a document. */
  getDocumentCache(): Cache | null {
    const id = typeof this._documentId === 'function' ? this._documentId() : this._documentId;
    return id === null ? null : new Cache(this._stores.scope(`document:${id}`), this._clock);
  }

  getUserCache(): Cache {
    return new Cache(this._stores.scope(`user:${this._userEmail}`), this._clock);
  }
}
