-- DuckDB twin of sql/functions/wilson_sample.sql: the same normal approximation of
-- Beta(s + 1, f + 1) by Box-Muller on random(), clipped to [0, 1]; NULL for a negative count.
CREATE OR REPLACE MACRO eros_scheduling_brain.wilson_sample(successes, failures) AS (
  SELECT
    CASE WHEN a < 1 OR b < 1 THEN NULL ELSE
      least(1.0, greatest(0.0,
        a / (a + b)
        + sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)))
          * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::DOUBLE
    END
  FROM (SELECT CAST(coalesce(successes, 0) + 1 AS DOUBLE) AS a, CAST(coalesce(failures, 0) + 1 AS DOUBLE) AS b)
);
