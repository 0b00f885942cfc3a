-- DuckDB twin of sql/queries/bytes_billed_7d.sql: reads the local jobs_by_project table that the
-- BigQuery stand-in fills instead of `region-<location>`.INFORMATION_SCHEMA.JOBS_BY_PROJECT.
SELECT
  CAST(j.creation_time AT TIME ZONE 'America/Los_Angeles' AS DATE) AS job_date,
  count(*) AS jobs,
  CAST(sum(coalesce(j.total_bytes_billed, 0)) AS BIGINT) AS bytes_billed,
  sum(coalesce(j.total_bytes_billed, 0)) / pow(2, 40) AS tib_billed
FROM eros_scheduling_brain.jobs_by_project AS j
WHERE j.creation_time >= $since
GROUP BY job_date
ORDER BY job_date DESC;
