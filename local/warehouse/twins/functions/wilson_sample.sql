-- DuckDB twin of sql/functions/wilson_sample.sql: the same normal approximation of
-- Beta(s + 1, f + 1) by Box-Muller on random(), clipped to [0, 1]; NULL for a negative count.
-- One expression, no subquery: DuckDB evaluates a macro's scalar subquery once per distinct
-- arguments, which would give every new caption (0, 0) of a query the same draw.
CREATE OR REPLACE MACRO eros_scheduling_brain.wilson_sample(successes, failures) AS (
  CASE WHEN coalesce(successes, 0) < 0 OR coalesce(failures, 0) < 0 THEN NULL ELSE
    least(1.0, greatest(0.0,
      (coalesce(successes, 0) + 1.0) / (coalesce(successes, 0) + coalesce(failures, 0) + 2.0)
      + sqrt((coalesce(successes, 0) + 1.0) * (coalesce(failures, 0) + 1.0)
        / ((coalesce(successes, 0) + coalesce(failures, 0) + 2.0) ^ 2 * (coalesce(successes, 0) + coalesce(failures, 0) + 3.0)))
        * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::DOUBLE
  END
);
