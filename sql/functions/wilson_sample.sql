-- wilson_sample(successes, failures): one Thompson-sampling draw for a caption, in [0, 1].
-- BigQuery has no Beta random generator, so this approximates a draw from Beta(s + 1, f + 1)
-- (uniform prior) by a normal draw with the same mean and variance,
--   mean = a / (a + b),  var = a b / ((a + b)^2 (a + b + 1)),  a = s + 1, b = f + 1,
-- using Box-Muller on RAND() (1 - RAND() is in (0, 1], so LN never sees 0), clipped to [0, 1].
-- The in-script selector (src/core) draws exact Beta samples; this is the SQL approximation.
-- Bad input: NULL counts are treated as 0; a negative count gives NULL.
CREATE OR REPLACE FUNCTION eros_scheduling_brain.wilson_sample(successes INT64, failures INT64)
RETURNS FLOAT64
AS ((
  SELECT
    IF(a < 1 OR b < 1, NULL,
      LEAST(1.0, GREATEST(0.0,
        a / (a + b)
        + SQRT(a * b / ((a + b) * (a + b) * (a + b + 1)))
          * SQRT(-2 * LN(1 - RAND())) * COS(2 * ACOS(-1) * RAND()))))
  FROM (SELECT IFNULL(successes, 0) + 1 AS a, IFNULL(failures, 0) + 1 AS b)
));
