-- Pre-fills caption_bandit_stats from the generated history, the way update_caption_performance
-- defines it: a PPV send is a success when its earnings per recipient (EMV) beat the page's
-- median EMV. Rows a real export would make unusable (NULL page or caption, no recipients,
-- NULL earnings) are left out. Wilson 95 % bounds with z = 1.96.
-- Parameters: $as_of TIMESTAMPTZ (last_updated).
INSERT INTO eros_scheduling_brain.caption_bandit_stats
WITH valid AS (
  SELECT page_name, caption_id, sending_time, earnings, sent_count, earnings / sent_count AS emv
  FROM eros_scheduling_brain.mass_messages
  WHERE page_name IS NOT NULL AND caption_id IS NOT NULL AND sent_count > 0 AND earnings IS NOT NULL
    AND upper(trim(message_type)) = 'PPV'
),
med AS (SELECT page_name, median(emv) AS median_emv FROM valid GROUP BY page_name),
agg AS (
  SELECT v.page_name, v.caption_id,
    count_if(v.emv > m.median_emv) AS s, count(*) AS n,
    -- Exact decimal sums: a parallel float sum would change in the last bit from run to run.
    sum(CAST(v.earnings AS DECIMAL(18, 2)))::DOUBLE AS revenue, avg(CAST(v.emv AS DECIMAL(38, 12)))::DOUBLE AS avg_emv,
    max(v.sending_time) AS last_used
  FROM valid v JOIN med m USING (page_name)
  GROUP BY v.page_name, v.caption_id
),
w AS (
  SELECT *, s / n AS p, 1.96 AS z FROM agg
)
SELECT page_name, caption_id, s, n - s, n, round(revenue, 2), avg_emv,
  greatest(0.0, (p + z * z / (2 * n) - z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)),
  least(1.0, (p + z * z / (2 * n) + z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n)),
  last_used, $as_of
FROM w;

-- The feedback loop's watermark: the history above is already folded into the stats.
INSERT INTO eros_scheduling_brain.caption_performance_watermark
SELECT coalesce(max(sending_time), $as_of), $as_of, count(*), (SELECT count(*) FROM eros_scheduling_brain.caption_bandit_stats)
FROM eros_scheduling_brain.mass_messages;
