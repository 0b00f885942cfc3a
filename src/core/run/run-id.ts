// The one run_id format of automation_run_log, for every kind of run and every writer: the kind in
// lower case, '-', the start in UTC to the millisecond, 'Z' (e.g. 'sweep-20261128T105000123Z').
// sql/functions/run_id_for.sql builds the same text inside BigQuery, so a run started by the
// add-on and one a procedure starts for itself read alike and join to their rows.

export function runIdFor(kind: string, startedAt: Date): string {
  return `${kind.toLowerCase()}-${startedAt.toISOString().replace(/[-:.]/g, '')}`;
}
