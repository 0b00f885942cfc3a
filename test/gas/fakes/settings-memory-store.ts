// A KeyValueStore in memory, standing in for document properties.
import type { KeyValueStore } from '../../../src/core/run/ports';

export function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: (k) => data.get(k) ?? null,
    set: (k, v) => {
      data.set(k, v);
    },
    delete: (k) => {
      data.delete(k);
    },
  };
}
