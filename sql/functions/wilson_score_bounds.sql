-- wilson_score_bounds(successes, failures): 95 % Wilson score interval (z = 1.96) on the success
-- rate successes / (successes + failures).
-- Defined results for bad input:
--   NULL count          -> treated as 0;
--   no observations     -> (lower_bound 0, upper_bound 1): nothing is known yet;
--   any negative count  -> NULL (a corrupt counter must not look like evidence).
-- Bounds are clipped to [0, 1] against rounding.
CREATE OR REPLACE FUNCTION eros_scheduling_brain.wilson_score_bounds(successes INT64, failures INT64)
RETURNS STRUCT<lower_bound FLOAT64, upper_bound FLOAT64>
AS ((
  SELECT
    CASE
      WHEN s < 0 OR f < 0 THEN NULL
      WHEN s + f = 0 THEN STRUCT(CAST(0 AS FLOAT64) AS lower_bound, CAST(1 AS FLOAT64) AS upper_bound)
      ELSE STRUCT(
        GREATEST(0.0, ((s / (s + f)) + 3.8416 / (2 * (s + f))
          - 1.96 * SQRT((s / (s + f)) * (1 - s / (s + f)) / (s + f) + 3.8416 / (4 * (s + f) * (s + f))))
          / (1 + 3.8416 / (s + f))) AS lower_bound,
        LEAST(1.0, ((s / (s + f)) + 3.8416 / (2 * (s + f))
          + 1.96 * SQRT((s / (s + f)) * (1 - s / (s + f)) / (s + f) + 3.8416 / (4 * (s + f) * (s + f))))
          / (1 + 3.8416 / (s + f))) AS upper_bound)
    END
  FROM (SELECT IFNULL(successes, 0) AS s, IFNULL(failures, 0) AS f)
));
