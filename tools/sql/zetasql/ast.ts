/** Small helpers over the JSON the ZetaSQL service returns (proto-loader objects). */

export type Node = Record<string, unknown>;

export interface Range { start: number; end: number }

/** The byte range a parse-tree node covers: the union of every location range under it. */
export function nodeRange(node: unknown): Range | undefined {
  let start = Infinity;
  let end = -Infinity;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) { n.forEach(walk); return; }
    if (!n || typeof n !== 'object') return;
    const o = n as Node;
    const r = o.parseLocationRange as { start?: number; end?: number } | undefined;
    if (r && typeof r.start === 'number' && typeof r.end === 'number') {
      start = Math.min(start, r.start);
      end = Math.max(end, r.end);
    }
    for (const v of Object.values(o)) if (v && typeof v === 'object') walk(v);
  };
  walk(node);
  return start === Infinity ? undefined : { start, end };
}

/** First value under `key` in a depth-first walk (the outermost one). */
export function findKey(node: unknown, key: string): unknown {
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = findKey(n, key);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!node || typeof node !== 'object') return undefined;
  const o = node as Node;
  if (key in o && o[key] !== null && o[key] !== undefined) return o[key];
  for (const v of Object.values(o)) {
    if (v && typeof v === 'object') {
      const found = findKey(v, key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The chain of oneof discriminators ('node' fields) from the outside in. */
export function nodeKinds(node: unknown): string[] {
  const kinds: string[] = [];
  let cur = node as Node | undefined;
  while (cur && typeof cur.node === 'string') {
    kinds.push(cur.node);
    cur = cur[cur.node] as Node | undefined;
  }
  return kinds;
}
