// Contract tests of the stand-in's two writers at once (local/runtime/bigquery/concurrency.ts),
// against cloud.google.com/bigquery/docs/transactions: "If a transaction mutates (update or
// deletes) rows in a table, then other transactions or DML statements that mutate rows in the
// same table cannot run concurrently. Conflicting transactions are cancelled. Conflicting DML
// statements that run outside of a transaction are queued to run later"; "Operations that read
// or append new rows can run concurrently with the transaction". The text of the cancellation is
// BigQuery's as reported (github.com/estuary/connectors/issues/111).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createBigQueryStandIn, type BigQueryStandIn } from '../../../local/runtime/bigquery/index';
import { isTransient } from '../../../src/core/run/retry';

const SQL: Record<string, [string, string]> = {
  bump_in_txn: ['BEGIN TRANSACTION; UPDATE eros_scheduling_brain.notes SET n = n + 1 WHERE TRUE; COMMIT TRANSACTION;',
    'BEGIN TRANSACTION; UPDATE eros_scheduling_brain.notes SET n = n + 1 WHERE true; COMMIT;'],
  bump_alone: ['UPDATE eros_scheduling_brain.notes SET n = n + 100 WHERE TRUE',
    'UPDATE eros_scheduling_brain.notes SET n = n + 100 WHERE true'],
  add_in_txn: ["BEGIN TRANSACTION; INSERT INTO eros_scheduling_brain.notes VALUES ('added', 0); COMMIT TRANSACTION;",
    "BEGIN TRANSACTION; INSERT INTO eros_scheduling_brain.notes VALUES ('added', 0); COMMIT;"],
};

function fixtureRegistry(): { sqlDir: string; twinsDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bq-concurrency-'));
  for (const [name, [google, twin]] of Object.entries(SQL)) {
    for (const [dir, text] of [['sql', google], ['twins', twin]] as const) {
      fs.mkdirSync(path.join(root, dir, 'queries'), { recursive: true });
      fs.writeFileSync(path.join(root, dir, 'queries', `${name}.sql`), text);
    }
  }
  return { sqlDir: path.join(root, 'sql'), twinsDir: path.join(root, 'twins') };
}

let bq: BigQueryStandIn;
beforeAll(() => {
  bq = createBigQueryStandIn({ registry: fixtureRegistry() });
  bq.sql('CREATE SCHEMA IF NOT EXISTS eros_scheduling_brain; CREATE TABLE eros_scheduling_brain.notes (what VARCHAR, n BIGINT); SELECT 1 AS ok');
});
afterAll(() => bq.close());
beforeEach(() => bq.sql("DELETE FROM eros_scheduling_brain.notes; INSERT INTO eros_scheduling_brain.notes VALUES ('x', 0); SELECT 1 AS ok"));

const send = (name: string): unknown => bq.service.Jobs.query({ query: (SQL[name] as [string, string])[0], useLegacySql: false }, 'p');
const total = (): number => bq.sql('SELECT sum(n) AS n FROM eros_scheduling_brain.notes').map((r) => Number(r.n))[0] ?? 0;

test('a transaction that updates a table a concurrent DML statement updated is cancelled whole, with BigQuery\'s text', () => {
  bq.concurrency.alongside({ sql: (SQL.bump_alone as [string, string])[0], match: 'n + 1' });
  let error: Error | undefined;
  try {
    send('bump_in_txn');
  } catch (e) {
    error = e as Error;
  }
  expect(error?.message).toMatch(/^API call to bigquery\.jobs\.query failed with error: Query error: Transaction is aborted due to concurrent update against table p:eros_scheduling_brain\.notes\. Transaction ID: txn_\w+$/);
  // The writer's change stays; the cancelled transaction left nothing; sending it again is safe.
  expect(total()).toBe(100);
  expect(isTransient(error)).toBe(true);
  send('bump_in_txn');
  expect(total()).toBe(101);
});

test('a DML statement outside a transaction is queued behind a concurrent transaction, not cancelled', () => {
  bq.concurrency.alongside({ sql: (SQL.bump_in_txn as [string, string])[0], match: 'n + 100' });
  send('bump_alone');
  expect(total()).toBe(101);
});

test('appends run alongside a transaction that updates the table', () => {
  bq.concurrency.alongside({ sql: (SQL.bump_in_txn as [string, string])[0], match: 'added' });
  send('add_in_txn');
  expect(bq.sql('SELECT count(*) AS n FROM eros_scheduling_brain.notes').map((r) => Number(r.n))).toEqual([2]);
  expect(total()).toBe(1);
});
