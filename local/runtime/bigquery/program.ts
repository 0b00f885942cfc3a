// Twins of BigQuery scripts that handle errors and call procedures. A twin marks a block
//   -- BEGIN
//   ...statements...
//   -- EXCEPTION WHEN ERROR THEN
//   ...handler...
//   -- END
// and may CALL eros_scheduling_brain.<procedure>(<DuckDB expressions>); — DuckDB has neither. The
// runner here gives them BigQuery's meaning
// (cloud.google.com/bigquery/docs/reference/standard-sql/procedural-language):
//   - "If any of the statements encounter an error, the remainder of the block is skipped and the
//     statements in the EXCEPTION clause are executed"; an open transaction is rolled back first
//     (what the GoogleSQL handler does with ROLLBACK TRANSACTION);
//   - @@error.message is getvariable('bq_failure') in the handler; a handler that ends with
//     SELECT error(getvariable('bq_failure')) raises it again with the same text (RAISE USING
//     MESSAGE = ...), and an error the handler does not raise again is handled;
//   - @@row_count is getvariable('bq_row_count') after a DML statement;
//   - CALL runs the procedure's twin with its arguments bound by position to the procedure's
//     declared parameters (read from sql/procedures), its blocks and handlers included.
// Plain data only: the tree crosses to the DuckDB worker by structured clone.
import { splitTopLevel } from './sql-text';
import type { Block, ParamType, ProgramItem as Item } from './types';

export type { Block } from './types';

/** What the runner needs of a procedure twin. */
export interface ProcedureSource {
  text: string;
  params: Array<{ name: string; type?: ParamType }>;
}

const MARKER = /^\s*--\s*(BEGIN|EXCEPTION WHEN ERROR THEN|END)\s*$/i;
const CALL_HEAD = /^\s*CALL\s+eros_scheduling_brain\.([A-Za-z_]\w*)\s*\(/i;

/** Statements of `text` split on top-level semicolons (quotes and comments respected). */
export function splitStatements(text: string): string[] {
  return splitTopLevel(text, ';').filter((s) => s.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('--')));
}

/** The items of a run of SQL text: CALL statements on their own, the rest grouped. */
function itemsOf(text: string): Item[] {
  const items: Item[] = [];
  let group: string[] = [];
  const flush = (): void => {
    if (group.length > 0) items.push({ kind: 'sql', text: `${group.join(';\n')};` });
    group = [];
  };
  for (const stmt of splitStatements(text)) {
    const code = stmt.split('\n').filter((l) => !l.trim().startsWith('--')).join('\n').trim();
    const head = CALL_HEAD.exec(code);
    if (!head) {
      group.push(stmt);
      continue;
    }
    flush();
    const inner = code.slice(head[0].length).replace(/\)\s*$/, '');
    items.push({ kind: 'call', procedure: head[1] as string, args: splitTopLevel(inner) });
  }
  flush();
  return items;
}

/** Reads a twin into its block tree; throws on unbalanced markers. */
export function parseProgram(text: string): Block {
  const root: Block = { body: [], handler: null };
  const stack: Array<{ block: Block; inHandler: boolean }> = [{ block: root, inHandler: false }];
  let lines: string[] = [];
  const top = () => stack[stack.length - 1] as { block: Block; inHandler: boolean };
  const flush = (): void => {
    const t = top();
    const list = t.inHandler ? (t.block.handler as Item[]) : t.block.body;
    list.push(...itemsOf(lines.join('\n')));
    lines = [];
  };
  for (const line of text.split('\n')) {
    const m = MARKER.exec(line);
    if (!m) {
      lines.push(line);
      continue;
    }
    flush();
    const word = (m[1] as string).toUpperCase();
    if (word === 'BEGIN') {
      const block: Block = { body: [], handler: null };
      const t = top();
      (t.inHandler ? (t.block.handler as Item[]) : t.block.body).push({ kind: 'block', block });
      stack.push({ block, inHandler: false });
    } else if (word === 'END') {
      if (stack.length === 1) throw new Error('twin: -- END without -- BEGIN');
      stack.pop();
    } else {
      const t = top();
      if (stack.length === 1 || t.inHandler) throw new Error('twin: -- EXCEPTION WHEN ERROR THEN outside a block, or twice');
      t.block.handler = [];
      t.inHandler = true;
    }
  }
  flush();
  if (stack.length !== 1) throw new Error('twin: -- BEGIN without -- END');
  return root;
}

/** True when the twin needs the runner (blocks or CALL), not a plain run of its statements. */
export function needsRunner(block: Block): boolean {
  return block.handler !== null || block.body.some((i) => i.kind !== 'sql');
}

/** DuckDB's spelling of a parameter type (the runner casts CALL arguments to it). */
export function duckTypeText(t: ParamType | undefined): string {
  if (!t) return 'VARCHAR';
  switch (t.kind) {
    case 'STRING': return 'VARCHAR';
    case 'INT64': return 'BIGINT';
    case 'FLOAT64': return 'DOUBLE';
    case 'NUMERIC': return 'DECIMAL(38, 9)';
    case 'BOOL': return 'BOOLEAN';
    case 'DATE': return 'DATE';
    case 'TIMESTAMP': return 'TIMESTAMPTZ';
    case 'ARRAY': return `${duckTypeText(t.element)}[]`;
    case 'STRUCT': return `STRUCT(${t.fields.map((f) => `"${f.name}" ${duckTypeText(f.type)}`).join(', ')})`;
  }
}

function mapItems(items: Item[], fn: (item: Item) => Item): Item[] {
  return items.map((i) => (i.kind === 'block' ? { kind: 'block', block: mapBlock(i.block, fn) } : fn(i)));
}

function mapBlock(block: Block, fn: (item: Item) => Item): Block {
  return { body: mapItems(block.body, fn), handler: block.handler ? mapItems(block.handler, fn) : null };
}

/**
 * Fills every CALL with its procedure's block: its $parameters become variables
 * (`<procedure>__<parameter>`) that the runner sets from the arguments, cast to the declared type.
 */
export function resolveCalls(block: Block, read: (procedure: string) => ProcedureSource | undefined, depth = 0): Block {
  if (depth > 8) throw new Error('twin: CALL nested more than 8 deep');
  return mapBlock(block, (item) => {
    if (item.kind !== 'call') return item;
    const source = read(item.procedure);
    if (!source) throw new Error(`Not found: Procedure eros_scheduling_brain.${item.procedure}`);
    if (source.params.length !== item.args.length) {
      throw new Error(`procedure ${item.procedure} takes ${source.params.length} argument(s), the CALL passes ${item.args.length}`);
    }
    let text = source.text;
    const bind = source.params.map((p, i) => {
      const variable = `${item.procedure}__${p.name}`;
      text = text.replace(new RegExp(`\\$${p.name}\\b`, 'g'), `getvariable('${variable}')`);
      return `SET VARIABLE ${variable} = CAST((${item.args[i] as string}) AS ${duckTypeText(p.type)})`;
    });
    return { ...item, bind, block: resolveCalls(parseProgram(text), read, depth + 1) };
  });
}

/** Runs statements on the warehouse; on a failure it rolls back an open transaction and throws. */
export interface StatementRunner {
  run(text: string): Promise<void>;
}

/** DuckDB's error text, on one line as BigQuery's @@error.message is. */
export function failureText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return (text.split('\n')[0] ?? text).trim();
}

const quoted = (s: string): string => `'${s.replace(/'/g, "''")}'`;

async function runItems(items: Item[], runner: StatementRunner): Promise<void> {
  for (const item of items) {
    if (item.kind === 'sql') await runner.run(item.text);
    else if (item.kind === 'block') await runBlock(item.block, runner);
    else {
      if (!item.block || !item.bind) throw new Error(`twin: CALL ${item.procedure} was not resolved`);
      for (const b of item.bind) await runner.run(b);
      await runBlock(item.block, runner);
    }
  }
}

/** Runs a block with BigQuery's exception semantics (see the file header). */
export async function runBlock(block: Block, runner: StatementRunner): Promise<void> {
  try {
    await runItems(block.body, runner);
  } catch (e) {
    if (!block.handler) throw e;
    const failure = failureText(e);
    await runner.run(`SET VARIABLE bq_failure = ${quoted(failure)}`);
    try {
      await runItems(block.handler, runner);
    } catch (raised) {
      // error(x) reports "Invalid Input Error: x": a RAISE of the caught text keeps it as it was.
      const text = failureText(raised);
      throw text === `Invalid Input Error: ${failure}` ? new Error(failure) : raised;
    }
  }
}

/** Every SQL text of the tree (for the tables a job names). */
export function programTexts(block: Block): string[] {
  const out: string[] = [];
  const walk = (items: Item[]): void => {
    for (const i of items) {
      if (i.kind === 'sql') out.push(i.text);
      else if (i.kind === 'block') { walk(i.block.body); walk(i.block.handler ?? []); }
      else if (i.block) { walk(i.block.body); walk(i.block.handler ?? []); }
    }
  };
  walk(block.body);
  walk(block.handler ?? []);
  return out;
}
