// Contract tests of the stand-in's scripts with exception handlers and CALLs
// (local/runtime/bigquery/program.ts), against BigQuery's procedural language
// (cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language): "If any of the
// statements encounter an error, the remainder of the block is skipped and the statements in the
// EXCEPTION clause are executed"; @@error.message "Specifies a human-readable error message";
// RAISE USING MESSAGE raises with exactly that text; @@row_count is the rows the last DML statement
// changed; CALL binds arguments by position to the procedure's parameters; a transaction still open
// when the handler runs is rolled back (cloud.google.com/bigquery/docs/transactions).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createBigQueryStandIn, type BigQueryStandIn } from '../../../local/runtime/bigquery/index';
import { parseProgram } from '../../../local/runtime/bigquery/program';

function fixtureRegistry(): { sqlDir: string; twinsDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bq-program-'));
  const files: Record<string, string> = {
    'sql/procedures/note.sql': 'CREATE OR REPLACE PROCEDURE eros_scheduling_brain.note(what STRING, n INT64) BEGIN SELECT 1; END',
    'twins/procedures/note.sql': `INSERT INTO eros_scheduling_brain.notes VALUES ($what, $n);
SELECT $what AS what, $n AS n;`,
    'sql/procedures/guarded.sql': 'CREATE OR REPLACE PROCEDURE eros_scheduling_brain.guarded(fail BOOL) BEGIN SELECT 1; END',
    'twins/procedures/guarded.sql': `-- BEGIN
BEGIN TRANSACTION;
INSERT INTO eros_scheduling_brain.notes VALUES ('inside', 1);
SELECT CASE WHEN $fail THEN error('boom: ' || 'no table') ELSE 1 END AS x;
COMMIT;
CALL eros_scheduling_brain.note('done', 2);
-- EXCEPTION WHEN ERROR THEN
CALL eros_scheduling_brain.note(getvariable('bq_failure'), -1);
SELECT error(getvariable('bq_failure'));
-- END`,
    'sql/procedures/outer.sql': 'CREATE OR REPLACE PROCEDURE eros_scheduling_brain.outer() BEGIN SELECT 1; END',
    'twins/procedures/outer.sql': `-- BEGIN
CALL eros_scheduling_brain.guarded(true);
-- EXCEPTION WHEN ERROR THEN
SET VARIABLE handled = getvariable('bq_failure');
-- END
UPDATE eros_scheduling_brain.notes SET n = n + 10 WHERE n > 0;
SELECT getvariable('handled') AS handled, getvariable('bq_row_count') AS row_count;`,
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return { sqlDir: path.join(root, 'sql'), twinsDir: path.join(root, 'twins') };
}

let bq: BigQueryStandIn;
beforeAll(() => {
  bq = createBigQueryStandIn({ registry: fixtureRegistry(), now: () => new Date('2026-11-28T11:05:00Z') });
  bq.sql('CREATE SCHEMA IF NOT EXISTS eros_scheduling_brain; CREATE TABLE eros_scheduling_brain.notes (what VARCHAR, n BIGINT); SELECT 1 AS ok');
});
afterAll(() => bq.close());
beforeEach(() => bq.sql('DELETE FROM eros_scheduling_brain.notes; SELECT 1 AS ok'));

const call = (sql: string): Record<string, any> => // eslint-disable-line @typescript-eslint/no-explicit-any
  bq.service.Jobs.query({ query: sql, useLegacySql: false }, 'p') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const notes = (): Array<[string, number]> =>
  bq.sql('SELECT what, n FROM eros_scheduling_brain.notes ORDER BY n').map((r) => [String(r.what), Number(r.n)]);

test('a block that succeeds skips its handler; CALL binds arguments by position, typed as declared', () => {
  const res = call('CALL eros_scheduling_brain.guarded(FALSE)');
  expect(res.rows).toEqual([{ f: [{ v: 'done' }, { v: '2' }] }]);
  expect(res.schema.fields.map((f: { name: string; type: string }) => [f.name, f.type])).toEqual([['what', 'STRING'], ['n', 'INTEGER']]);
  expect(notes()).toEqual([['inside', 1], ['done', 2]]);
});

test('an error skips the rest of the block, rolls back the open transaction, runs the handler with @@error.message, and RAISE keeps the text', () => {
  expect(() => call('CALL eros_scheduling_brain.guarded(TRUE)')).toThrow(/failed with error: Invalid Input Error: boom: no table$/);
  // The transaction's insert is gone; the handler's row (outside any transaction) stays.
  expect(notes()).toEqual([['Invalid Input Error: boom: no table', -1]]);
});

test('an error raised in a called procedure reaches the caller\'s handler; a handler that does not raise ends the block; @@row_count follows DML', () => {
  const res = call('CALL eros_scheduling_brain.outer()');
  expect(res.rows).toEqual([{ f: [{ v: 'Invalid Input Error: boom: no table' }, { v: '0' }] }]);
  expect(notes()).toEqual([['Invalid Input Error: boom: no table', -1]]);
});

test('markers must balance', () => {
  expect(() => parseProgram('-- BEGIN\nSELECT 1;')).toThrow(/BEGIN without -- END/);
  expect(() => parseProgram('SELECT 1;\n-- END')).toThrow(/END without -- BEGIN/);
  expect(() => parseProgram('-- EXCEPTION WHEN ERROR THEN\nSELECT 1;')).toThrow(/outside a block/);
});
