-- DuckDB twin of sql/functions/wilson_score_bounds.sql (same defined results: NULL count = 0,
-- no observations = (0, 1), a negative count = NULL). Counts are cast to DOUBLE so no integer
-- arithmetic sneaks in; greatest/least only see non-NULL values here.
CREATE OR REPLACE MACRO eros_scheduling_brain.wilson_score_bounds(successes, failures) AS (
  SELECT
    CASE
      WHEN s < 0 OR f < 0 THEN NULL
      WHEN s + f = 0 THEN {'lower_bound': CAST(0 AS DOUBLE), 'upper_bound': CAST(1 AS DOUBLE)}
      ELSE {
        'lower_bound': greatest(0.0, ((s / (s + f)) + 3.8416 / (2 * (s + f))
          - 1.96 * sqrt((s / (s + f)) * (1 - s / (s + f)) / (s + f) + 3.8416 / (4 * (s + f) * (s + f))))
          / (1 + 3.8416 / (s + f)))::DOUBLE,
        'upper_bound': least(1.0, ((s / (s + f)) + 3.8416 / (2 * (s + f))
          + 1.96 * sqrt((s / (s + f)) * (1 - s / (s + f)) / (s + f) + 3.8416 / (4 * (s + f) * (s + f))))
          / (1 + 3.8416 / (s + f)))::DOUBLE
      }
    END
  FROM (SELECT CAST(coalesce(successes, 0) AS DOUBLE) AS s, CAST(coalesce(failures, 0) AS DOUBLE) AS f)
);
