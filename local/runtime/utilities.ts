// Utilities: sleep, dates, digests, base64, uuids.
// https://developers.google.com/apps-script/reference/utilities/utilities
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { types } from 'node:util';
import type { RuntimeClock } from './clock';
import { formatDate } from './dateformat';
import { ServiceError } from './errors';

export const DigestAlgorithm = {
  MD2: 'MD2', MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_384: 'SHA_384', SHA_512: 'SHA_512',
} as const;
export const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;

const NODE_HASH: Record<string, string> = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };

/** Java bytes are signed: Apps Script returns -128..127, not 0..255. */
function signed(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

/** A string (in a charset) or a Byte[] (signed or not) → raw bytes. */
function toBytes(value: unknown, charset?: string): Buffer {
  if (Array.isArray(value)) return Buffer.from(value.map((b: number) => b & 0xff));
  return Buffer.from(String(value), charset === Charset.US_ASCII ? 'latin1' : 'utf8');
}

export class UtilitiesService {
  static readonly apiName = 'Utilities';
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly Charset = Charset;

  /** Sleeps move `_clock`; `_uuid` may be fixed by a test. */
  constructor(private readonly _clock: RuntimeClock, private readonly _uuid: () => string = randomUUID) {}

  /** Virtual unless the runtime was created with realSleep: moves the clock, costs no time. */
  sleep(milliseconds: number): void {
    this._clock.sleep(milliseconds);
  }

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!types.isDate(date)) throw new ServiceError("The parameters don't match the method signature for Utilities.formatDate.");
    return formatDate(date, timeZone, format);
  }

  getUuid(): string {
    return this._uuid();
  }

  computeDigest(algorithm: string, value: unknown, charset?: string): number[] {
    const name = NODE_HASH[algorithm];
    if (!name) throw new ServiceError(`Unsupported digest algorithm: ${algorithm}`);
    return signed(createHash(name).update(toBytes(value, charset)).digest());
  }

  computeHmacSha256Signature(value: unknown, key: unknown, charset?: string): number[] {
    return signed(createHmac('sha256', toBytes(key, charset)).update(toBytes(value, charset)).digest());
  }

  base64Encode(data: unknown, charset?: string): string {
    return toBytes(data, charset).toString('base64');
  }

  base64EncodeWebSafe(data: unknown, charset?: string): string {
    return toBytes(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string): number[] {
    return signed(Buffer.from(String(encoded), 'base64'));
  }

  newBlob(data: unknown, contentType?: string, name?: string): Blob {
    return new Blob(toBytes(data), contentType ?? null, name ?? null);
  }
}

/** Just enough of Blob for text round trips. */
export class Blob {
  static readonly apiName = 'Utilities.Blob';
  constructor(
    private readonly _bytes: Buffer,
    private readonly _type: string | null,
    private readonly _name: string | null,
  ) {}

  getBytes(): number[] { return signed(this._bytes); }
  getDataAsString(charset?: string): string { return this._bytes.toString(charset === Charset.US_ASCII ? 'latin1' : 'utf8'); }
  getContentType(): string | null { return this._type; }
  getName(): string | null { return this._name; }
}
