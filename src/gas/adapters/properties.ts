// KeyValueStore over PropertiesService. A property value is limited to 9 KB, so larger values
// are split into chunks under `<key>#<i>` with a marker under `<key>`; stale chunks are removed.
import type { KeyValueStore } from '../../core/run/ports';

/** The part of GoogleAppsScript.Properties.Properties used here. */
export interface PropertiesApi {
  getProperty(key: string): string | null;
  setProperty(key: string, value: string): unknown;
  setProperties(properties: Record<string, string>): unknown;
  deleteProperty(key: string): unknown;
}

export const CHUNK_BYTES = 8000;
const MARKER = '~~eros-chunked~~:';

/** UTF-8 byte length of one UTF-16 code point starting at s[i] (and its width in code units). */
function codePoint(s: string, i: number): { bytes: number; units: number } {
  const c = s.charCodeAt(i);
  if (c < 0x80) return { bytes: 1, units: 1 };
  if (c < 0x800) return { bytes: 2, units: 1 };
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) return { bytes: 4, units: 2 };
  return { bytes: 3, units: 1 };
}

/** UTF-8 byte length of a string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; ) {
    const cp = codePoint(s, i);
    n += cp.bytes;
    i += cp.units;
  }
  return n;
}

/** Splits a string into pieces of at most maxBytes UTF-8 bytes, never inside a character. */
export function splitUtf8(s: string, maxBytes: number): string[] {
  const out: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < s.length; ) {
    const cp = codePoint(s, i);
    if (bytes + cp.bytes > maxBytes) {
      out.push(s.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += cp.bytes;
    i += cp.units;
  }
  out.push(s.slice(start));
  return out;
}

const chunkKey = (key: string, i: number): string => `${key}#${i}`;

export class PropertiesStore implements KeyValueStore {
  constructor(private readonly props: PropertiesApi) {}

  private chunkCount(key: string): number {
    const head = this.props.getProperty(key);
    return head !== null && head.startsWith(MARKER) ? Number(head.slice(MARKER.length)) || 0 : 0;
  }

  get(key: string): string | null {
    const head = this.props.getProperty(key);
    if (head === null || !head.startsWith(MARKER)) return head;
    const n = Number(head.slice(MARKER.length));
    const parts: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const part = this.props.getProperty(chunkKey(key, i));
      if (part === null) throw new Error(`property ${key}: chunk ${i} of ${n} is missing; the stored value is incomplete`);
      parts.push(part);
    }
    return parts.join('');
  }

  set(key: string, value: string): void {
    const before = this.chunkCount(key);
    const pieces = splitUtf8(value, CHUNK_BYTES);
    if (pieces.length === 1 && !value.startsWith(MARKER)) {
      this.props.setProperty(key, value);
      this.dropChunks(key, 0, before);
      return;
    }
    // Chunks first, marker last: a reader never sees a marker pointing at missing chunks.
    const batch: Record<string, string> = {};
    pieces.forEach((p, i) => (batch[chunkKey(key, i)] = p));
    this.props.setProperties(batch);
    this.props.setProperty(key, `${MARKER}${pieces.length}`);
    this.dropChunks(key, pieces.length, before);
  }

  delete(key: string): void {
    const before = this.chunkCount(key);
    this.props.deleteProperty(key);
    this.dropChunks(key, 0, before);
  }

  private dropChunks(key: string, from: number, to: number): void {
    for (let i = from; i < to; i += 1) this.props.deleteProperty(chunkKey(key, i));
  }
}
