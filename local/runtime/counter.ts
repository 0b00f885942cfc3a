// Counts service calls by full name ("SpreadsheetApp.Range.setValues") so the bench and demo can
// report "Sheets calls" and tests can assert a constant number of calls per tab.

export class ServiceCallCounter {
  readonly counts = new Map<string, number>();

  add(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  /** Calls whose name is `prefix` or starts with `prefix.` (e.g. "SpreadsheetApp"); all if omitted. */
  total(prefix?: string): number {
    let n = 0;
    for (const [name, c] of this.counts) if (prefix === undefined || name === prefix || name.startsWith(`${prefix}.`)) n += c;
    return n;
  }

  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  reset(): void {
    this.counts.clear();
  }

  /** Sorted "name count" lines, for a report. */
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}
