// Two writers at once. The stand-in runs one job at a time, so a test says which job runs "at the
// same time" as another: `alongside(writer, { match })` runs the writer (a scheduled query, say)
// when the next job matching `match` starts, then applies BigQuery's rule
// (cloud.google.com/bigquery/docs/transactions): "If a transaction mutates (update or deletes)
// rows in a table, then other transactions or DML statements that mutate rows in the same table
// cannot run concurrently. Conflicting transactions are cancelled. Conflicting DML statements that
// run outside of a transaction are queued to run later". The stand-in takes the worse order for
// the matched job: the writer commits first; the matched job, if a transaction of it mutates a
// table the writer mutated, is cancelled at its COMMIT (its exception handler, if any, runs) with
// the text BigQuery gives ("Transaction is aborted due to concurrent update against table
// P:D.T"); DML of the matched job outside transactions simply runs after the writer. Appends
// (INSERT) never conflict.

export interface ConcurrentWriter {
  /** The writer's GoogleSQL (answered by its twin like any job). */
  sql: string;
  /** Named query parameters in the REST shape. */
  queryParameters?: unknown[];
  /** The job it runs alongside: SQL containing this text or matching this pattern. */
  match: string | RegExp;
}

import { splitStatements } from './program';

const TARGET = /^\s*(?:UPDATE|DELETE\s+FROM|MERGE\s+INTO)\s+eros_scheduling_brain\.([A-Za-z_]\w*)/i;
const BEGIN = /^\s*BEGIN(\s+TRANSACTION)?\s*$/i;
const END = /^\s*(COMMIT|ROLLBACK)(\s+TRANSACTION)?\s*$/i;

/** Tables a job's statements mutate (UPDATE, DELETE, MERGE), and those it mutates inside a transaction. */
export function mutations(statements: readonly string[]): { any: Set<string>; inTransaction: Set<string> } {
  const any = new Set<string>();
  const inTransaction = new Set<string>();
  let open = false;
  for (const text of statements) {
    for (const raw of splitStatements(text)) {
      const stmt = raw.split('\n').filter((l) => !l.trim().startsWith('--')).join('\n');
      if (BEGIN.test(stmt)) open = true;
      else if (END.test(stmt)) open = false;
      const m = TARGET.exec(stmt);
      if (!m) continue;
      const table = (m[1] as string).toLowerCase();
      any.add(table);
      if (open) inTransaction.add(table);
    }
  }
  return { any, inTransaction };
}

export class Concurrency {
  private pending: ConcurrentWriter[] = [];

  /** Runs `writer` at the start of the next job matching `writer.match` (once). */
  alongside(writer: ConcurrentWriter): this {
    this.pending.push(writer);
    return this;
  }

  clear(): void {
    this.pending = [];
  }

  /** The writer waiting for a job with this SQL, taken off the list. */
  take(sql: string): ConcurrentWriter | undefined {
    const i = this.pending.findIndex((w) => (typeof w.match === 'string' ? sql.includes(w.match) : w.match.test(sql)));
    return i < 0 ? undefined : this.pending.splice(i, 1)[0];
  }
}

/** The abort a job meets at its COMMIT when the writer changed a table its transaction changes, or null. */
export function conflict(job: readonly string[], writer: readonly string[], qualify: (table: string) => string, transactionId: string): string | null {
  const mine = mutations(job).inTransaction;
  const theirs = mutations(writer).any;
  const table = [...mine].sort().find((t) => theirs.has(t));
  return table === undefined ? null : `Query error: Transaction is aborted due to concurrent update against table ${qualify(table)}. Transaction ID: ${transactionId}`;
}
