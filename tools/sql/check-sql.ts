/** `node --import tsx tools/sql/check-sql.ts`: analyzes every file in sql/ with ZetaSQL, prints findings. */
import { loadSqlFiles } from './files';
import { SqlChecker } from './zetasql/checker';
import { startZetaSql } from './zetasql/service';

async function main(): Promise<void> {
  const svc = await startZetaSql();
  try {
    const findings = await new SqlChecker(svc).checkAll(loadSqlFiles());
    for (const f of findings) console.log(`${f.file}:${f.line}:${f.column}: ${f.message}`);
    console.log(findings.length === 0 ? 'all SQL statements analyze cleanly' : `${findings.length} finding(s)`);
    process.exitCode = findings.length === 0 ? 0 : 1;
  } finally {
    svc.stop();
  }
}

void main();
