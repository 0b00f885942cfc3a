-- bytes_billed_7d: BigQuery bytes billed per day, for the Health tab's cost line.
-- @param since TIMESTAMP
-- Reads BigQuery's `region-us`.INFORMATION_SCHEMA.JOBS_BY_PROJECT. The region qualifier is an
-- identifier, not a parameter: the bundle replaces `region-us` with `region-<location>` built
-- from the validated location setting (^[A-Za-z0-9-]+$, lower-cased) before sending the query.
-- Locally the DuckDB twin reads eros_scheduling_brain.jobs_by_project, filled by the stand-in.
-- One row per LA day with jobs since @since, newest first: job_date DATE, jobs INT64,
-- bytes_billed INT64 (NULL bytes count as 0), tib_billed FLOAT64.
SELECT
  DATE(j.creation_time, 'America/Los_Angeles') AS job_date,
  COUNT(*) AS jobs,
  SUM(IFNULL(j.total_bytes_billed, 0)) AS bytes_billed,
  SUM(IFNULL(j.total_bytes_billed, 0)) / POW(2, 40) AS tib_billed
FROM `region-us`.INFORMATION_SCHEMA.JOBS_BY_PROJECT AS j
WHERE j.creation_time >= @since
GROUP BY job_date
ORDER BY job_date DESC;
