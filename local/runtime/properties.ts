// PropertiesService: three string-only key-value stores with Google's size limits.
// https://developers.google.com/apps-script/reference/properties/properties
// https://developers.google.com/apps-script/guides/services/quotas ("Properties value size
// 9 KB / val", "Properties total storage 500 KB / property store").
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as z from 'zod';
import { ServiceError } from './errors';

/** 9 KB per value; Google counts key and value together (measured by others at ≈8 KB usable). */
export const PROPERTY_VALUE_LIMIT_BYTES = 9 * 1024;
export const PROPERTY_STORE_LIMIT_BYTES = 500 * 1024;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

// The wording of both messages is the one people report seeing; Google's pages do not print
// them, so they could not be verified against a reference page.
const VALUE_TOO_LARGE = 'Argument too large: value';
const QUOTA_EXCEEDED = 'You have exceeded the property storage quota. Please remove some properties and try again.';

const FileSchema = z.record(z.string(), z.record(z.string(), z.string()));

/**
 * Every store of one script, keyed "script", "document:<id>", "user:<email>". Share one instance
 * between runtimes to simulate two executions of the same script; give it a path to persist.
 */
export class PropertyStores {
  // Null-prototype maps: a key such as "__proto__" is an ordinary property, as in Google's store.
  private readonly stores: Record<string, Record<string, string>> = Object.create(null);

  constructor(private readonly path?: string) {
    if (path && existsSync(path)) {
      const parsed = FileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (!parsed.success) throw new Error(`properties file ${path}: ${z.prettifyError(parsed.error)}`);
      for (const [name, data] of Object.entries(parsed.data)) this.stores[name] = Object.assign(Object.create(null), data);
    }
  }

  store(name: string): Record<string, string> {
    return (this.stores[name] ??= Object.create(null));
  }

  /** Called after every write: a killed execution keeps what it already wrote, as in Google. */
  persist(): void {
    if (this.path) writeFileSync(this.path, JSON.stringify(this.stores, null, 2) + '\n');
  }
}

export class Properties {
  static readonly apiName = 'PropertiesService.Properties';

  constructor(
    private readonly _stores: PropertyStores,
    private readonly _name: string,
    private readonly _onRead?: (read: string) => void,
  ) {}

  getProperty(key: string): string | null {
    this._onRead?.(`${this._name}:${String(key)}`);
    return this._data()[String(key)] ?? null;
  }

  /** A copy: changing it does not change the store. */
  getProperties(): Record<string, string> {
    this._onRead?.(`${this._name}:*`);
    return { ...this._data() };
  }

  getKeys(): string[] {
    this._onRead?.(`${this._name}:*`);
    return Object.keys(this._data());
  }

  setProperty(key: string, value: unknown): this {
    return this._write({ [String(key)]: String(value) }, false);
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    const next: Record<string, string> = Object.create(null);
    for (const [k, v] of Object.entries(properties)) next[k] = String(v);
    return this._write(next, deleteAllOthers);
  }

  deleteProperty(key: string): this {
    delete this._data()[String(key)];
    this._stores.persist();
    return this;
  }

  deleteAllProperties(): this {
    const data = this._data();
    for (const k of Object.keys(data)) delete data[k];
    this._stores.persist();
    return this;
  }

  private _write(entries: Record<string, string>, replace: boolean): this {
    for (const [k, v] of Object.entries(entries)) {
      if (bytes(k) + bytes(v) > PROPERTY_VALUE_LIMIT_BYTES) throw new ServiceError(VALUE_TOO_LARGE);
    }
    const data = this._data();
    const after: Record<string, string> = Object.assign(Object.create(null), replace ? {} : data, entries);
    const total = Object.entries(after).reduce((n, [k, v]) => n + bytes(k) + bytes(v), 0);
    if (total > PROPERTY_STORE_LIMIT_BYTES) throw new ServiceError(QUOTA_EXCEEDED);
    for (const k of Object.keys(data)) if (!(k in after)) delete data[k];
    Object.assign(data, after);
    this._stores.persist();
    return this;
  }

  private _data(): Record<string, string> {
    return this._stores.store(this._name);
  }
}

export class PropertiesServiceStandIn {
  static readonly apiName = 'PropertiesService';

  /**
   * `documentId`: the execution's document (a function when it changes from one execution to the
   * next); `onRead` hears every read as "<store>:<key>".
   */
  constructor(
    private readonly _stores: PropertyStores,
    private readonly _documentId: string | null | (() => string | null),
    private readonly _userEmail: string,
    private readonly _onRead?: (read: string) => void,
  ) {}

  getScriptProperties(): Properties {
    return new Properties(this._stores, 'script', this._onRead);
  }

  /** null when the execution has no document (Google's documented behaviour). */
  getDocumentProperties(): Properties | null {
    const id = typeof this._documentId === 'function' ? this._documentId() : this._documentId;
    return id === null ? null : new Properties(this._stores, `document:${id}`, this._onRead);
  }

  getUserProperties(): Properties {
    return new Properties(this._stores, `user:${this._userEmail}`, this._onRead);
  }
}
