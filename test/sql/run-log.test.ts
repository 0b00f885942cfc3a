/**
 * How the GoogleSQL writes automation_run_log, read from ZetaSQL's parse of every procedure and
 * runtime script (no BigQuery here to watch the clock): inside a transaction CURRENT_TIMESTAMP()
 * is the transaction's start (cloud.google.com/bigquery/docs/transactions), so a run row written
 * there has the wrong finished_at; a procedure without an exception handler writes no row when it
 * fails. So: every write of a procedure's run row goes through log_automation_run, outside any
 * transaction, and every procedure that logs its run logs FAILED (with @@error.message) in a
 * handler and raises the error again.
 */
import { loadSqlFiles, type SqlFile } from '../../tools/sql/files';
import { findKey, nodeKinds, nodeRange, type Node } from '../../tools/sql/zetasql/ast';
import { startZetaSql, type ZetaService } from '../../tools/sql/zetasql/service';

let svc: ZetaService;
beforeAll(async () => { svc = await startZetaSql(); }, 60_000);
afterAll(() => svc?.stop());

interface Step { kind: string; text: string; inTransaction: boolean; inHandler: boolean }

/** The statements of a script in text order (blocks and handlers flattened), with the transaction state. */
async function steps(sql: string): Promise<Step[]> {
  const res = await svc.rpc<Node>('parse', { sqlStatement: sql, options: svc.languageOptions, allowScript: true });
  const out: Step[] = [];
  let inTransaction = false;
  const walk = (statements: Node[], inHandler: boolean): void => {
    for (const stmt of statements) {
      const kinds = nodeKinds(stmt);
      const kind = kinds[1] ?? kinds[0] ?? '';
      if (kind === 'astBeginEndBlockNode') {
        const block = findKey(stmt, kind) as Node;
        walk((findKey(block.statementListNode, 'statementList') as Node[] | undefined) ?? [], inHandler);
        for (const h of (findKey(block.handlerList, 'exceptionHandlerList') as Node[] | undefined) ?? []) {
          walk((findKey(h.statementList, 'statementList') as Node[] | undefined) ?? [], true);
        }
        continue;
      }
      const r = nodeRange(stmt);
      const text = r ? Buffer.from(sql, 'utf8').subarray(r.start, r.end).toString('utf8') : '';
      if (kind === 'astBeginStatementNode') inTransaction = true;
      out.push({ kind, text, inTransaction, inHandler });
      if (kind === 'astCommitStatementNode' || kind === 'astRollbackStatementNode') inTransaction = false;
    }
  };
  walk((findKey(res, 'statementList') as Node[] | undefined) ?? [], false);
  return out;
}

const body = (f: SqlFile): string => {
  const m = /\)\s*BEGIN\b([\s\S]*)\bEND;\s*$/.exec(f.text);
  if (!m) throw new Error(`${f.relPath}: no BEGIN ... END body`);
  return m[1] as string;
};

const procedures = loadSqlFiles(undefined, ['procedures']).filter((f) => !['log_automation_run', 'fail_run'].includes(f.name));
const failRun = loadSqlFiles(undefined, ['procedures']).find((f) => f.name === 'fail_run')!;
const scripts = loadSqlFiles(undefined, ['queries']).filter((f) => /\bautomation_run_log\b|log_automation_run/.test(f.text.replace(/--[^\n]*/g, '')));
const logs = (s: Step): boolean => /^CALL\s+eros_scheduling_brain\.(log_automation_run|fail_run)\b/i.test(s.text);
const writesLog = (s: Step): boolean => /^(INSERT\s+(INTO\s+)?|UPDATE\s+|DELETE\s+(FROM\s+)?|MERGE\s+(INTO\s+)?)eros_scheduling_brain\.automation_run_log\b/i.test(s.text);

test('procedures and scripts write their run row after the transaction, through log_automation_run', async () => {
  const problems: string[] = [];
  let calls = 0;
  for (const f of [...procedures, ...scripts]) {
    const list = await steps(f.kind === 'procedures' ? body(f) : f.text);
    for (const s of list) {
      if (logs(s)) calls += 1;
      if (logs(s) && s.inTransaction) problems.push(`${f.relPath}: logs the run inside a transaction: ${s.text.slice(0, 60)}`);
      // log_exports is the script's own log job: the client sends finished_at.
      if (writesLog(s) && f.name !== 'log_exports') problems.push(`${f.relPath}: writes automation_run_log itself: ${s.text.slice(0, 60)}`);
    }
  }
  expect(problems).toEqual([]);
  expect(calls).toBeGreaterThanOrEqual(7);
  // The walk does see transactions (the stats MERGE is inside one).
  const perf = await steps(body(procedures.find((f) => f.name === 'update_caption_performance')!));
  expect(perf.filter((s) => s.inTransaction).map((s) => s.text.split(/\s/)[0])).toContain('MERGE');
});

test('a procedure that owns its run row logs FAILED with @@error.message in its handler (fail_run), then raises the error again', async () => {
  const owners = procedures.filter((f) => /log_automation_run/.test(f.text));
  expect(owners.map((f) => f.name).sort()).toEqual(['run_daily_automation', 'sweep_expired_caption_locks', 'undo_generation', 'update_caption_performance']);
  for (const f of owners) {
    const handler = (await steps(body(f))).filter((s) => s.inHandler);
    expect({ file: f.relPath, error: handler.some((s) => /@@error\.message/.test(s.text)), fails: handler.some((s) => /^CALL\s+eros_scheduling_brain\.fail_run\b/.test(s.text)) })
      .toEqual({ file: f.relPath, error: true, fails: true });
  }
  // fail_run logs FAILED, then raises the text it was given.
  const fail = await steps(body(failRun));
  expect(fail.map((s) => s.kind)).toEqual(['astCallStatementNode', 'astRaiseStatementNode']);
  expect(fail[0]!.text).toMatch(/log_automation_run\(.*'FAILED'/s);
  expect(fail[1]!.text).toBe('RAISE USING MESSAGE = failure');
});
