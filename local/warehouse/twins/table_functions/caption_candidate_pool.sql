-- DuckDB twin of sql/table_functions/caption_candidate_pool.sql (rules documented there).
-- The rules and ranking of sql/table_functions/caption_candidate_pool.sql, computed without the
-- pages × captions cross product the GoogleSQL makes: at 500 pages × 50 000 captions that is 25M
-- rows through three windows, more memory than a laptop has. Three facts:
--  1. A row ranked below per_page inside its (page, type, used-before) group is never chosen:
--     every better row of its group precedes it in all three orderings. So each group needs only
--     its top per_page rows.
--  2. For a caption the page never used (no stats row) the score is a base that depends on the
--     caption alone plus the page's jitter in [0, 0.3). Order captions by base per type and take
--     a prefix of L = 2 × per_page plus the captions the page used (which leave the group). If
--     at least per_page of the prefix pass the page's filters, let k be the per_page-th best
--     score among them: beyond the prefix the page needs only captions scoring >= k (their base
--     is >= k - 0.3: a band of the order). A page whose filters leave the prefix short takes the
--     whole order. The band is wide on a large bank (500 pages × 50 000 captions: 8 s -> 25 s).
--  3. A page's home captions (dealt to it this week, 1 more) are about 1/n of the bank: they
--     are joined directly, like the captions it used, and stay out of the prefix and the band.
-- TIMESTAMP(d, 'America/Los_Angeles') is timezone('America/Los_Angeles', d::TIMESTAMP);
-- DIV is //; a restricted keyword matches with strpos as in the original; the page hash
-- SUM(code point * (position + 1)) over TO_CODE_POINTS is a list_sum over unicode(substr(...)).
-- % and MOD agree (sign of the dividend; every operand here is non-negative anyway).
-- UNIX_DATE(week_start) is week_start - DATE '1970-01-01' (whole days).
-- pool_allows(page_name, r, c), a helper of this twin: the pool's exclusions for one (page, caption)
-- pair, written once for the prefix and the band. r is the page's restrictions_view row (NULL:
-- none); c the caption's caption_facts row (its holders and senders lists).
CREATE OR REPLACE MACRO eros_scheduling_brain.pool_allows(page_name, r, c) AS
  NOT coalesce(list_contains(r.restricted_categories, eros_scheduling_brain.bq_lower(c.content_category)), false)
  AND NOT coalesce(len(list_filter(r.restricted_keywords, k -> strpos(eros_scheduling_brain.bq_lower(c.caption_text), k) > 0)) > 0, false)
  AND NOT (c.slot_type = 'PPV' AND coalesce(c.suggested_price < r.price_floor, false))
  AND NOT (c.slot_type = 'PPV' AND coalesce(c.suggested_price > r.price_ceiling, false))
  AND NOT coalesce(len(list_filter(c.holders, h -> h <> page_name)) > 0, false)
  AND NOT coalesce(list_contains(c.senders, page_name), false);

CREATE OR REPLACE MACRO eros_scheduling_brain.caption_candidate_pool(page_names, week_start, week_end, cooldown_days, per_page) AS TABLE
WITH active_pages AS (
  SELECT
    d.page_name,
    row_number() OVER (ORDER BY d.page_name) - 1 AS page_number,
    count(*) OVER () AS page_count
  FROM (SELECT DISTINCT c.page_name FROM eros_scheduling_brain.creators AS c WHERE c.is_active) AS d
),
pages AS (
  SELECT
    d.page_name, d.page_number,
    CAST(coalesce(list_sum(list_transform(range(1, length(d.page_name) + 1),
      i -> unicode(substr(d.page_name, i, 1)) * i)), 0) AS BIGINT) AS page_hash
  FROM active_pages AS d
  WHERE coalesce(len(page_names), 0) = 0 OR list_contains(page_names, d.page_name)
),
captions AS (
  SELECT b.*, CASE WHEN upper(eros_scheduling_brain.bq_trim(b.caption_type)) = 'PPV' THEN 'PPV' ELSE 'BUMP' END AS slot_type,
    -- The page number this caption is dealt to this week (the pool's is_home).
    ((b.caption_id % 1000003 + 1000003) % 1000003
      * (CAST(CAST(week_start AS DATE) - DATE '1970-01-01' AS BIGINT) * 40503 % 1000002 + 1) % 1000003)
      % (SELECT max(page_count) FROM active_pages) AS home_number
  FROM eros_scheduling_brain.caption_bank AS b
  WHERE b.is_active
    AND NOT coalesce(b.suggested_price < 0 OR b.suggested_price > 10000, false)
),
stats AS (
  SELECT s.page_name, s.caption_id, s.successes, s.failures, s.avg_emv, s.last_used
  FROM eros_scheduling_brain.caption_bandit_stats AS s
  WHERE CAST(s.last_updated AT TIME ZONE 'UTC' AS DATE) BETWEEN CAST(week_start AS DATE) - 365 AND CAST(week_end AS DATE)
    AND s.successes BETWEEN 0 AND 1000000000
    AND s.failures BETWEEN 0 AND 1000000000
  QUALIFY row_number() OVER (PARTITION BY s.page_name, s.caption_id ORDER BY s.last_updated DESC) = 1
),
caption_totals AS (
  SELECT caption_id, CAST(sum(successes) AS BIGINT) AS successes, CAST(sum(failures) AS BIGINT) AS failures
  FROM stats
  GROUP BY caption_id
),
locked AS (
  SELECT DISTINCT a.page_name, a.caption_id
  FROM eros_scheduling_brain.active_caption_assignments AS a
  WHERE a.scheduled_send_date BETWEEN CAST(week_start AS DATE) - 15 AND CAST(week_end AS DATE) + 8
    AND (a.is_active OR a.deactivation_reason = 'PAST_SEND_DATE')
    AND a.scheduled_send_time - INTERVAL 7 DAY < timezone('America/Los_Angeles', CAST(week_end AS TIMESTAMP))
    AND a.lock_window_end > timezone('America/Los_Angeles', CAST(week_start AS TIMESTAMP))
    AND NOT (a.page_name IN (SELECT q.page_name FROM pages AS q)
      AND a.scheduled_send_time >= timezone('America/Los_Angeles', CAST(week_start AS TIMESTAMP))
      AND a.scheduled_send_time < timezone('America/Los_Angeles', CAST(week_end AS TIMESTAMP)))
),
recently_used AS (
  SELECT DISTINCT m.page_name, m.caption_id
  FROM eros_scheduling_brain.mass_messages AS m
  WHERE CAST(m.sending_time AT TIME ZONE 'UTC' AS DATE)
      BETWEEN CAST(week_start AS DATE) - CAST(greatest(coalesce(cooldown_days, 0), 0) AS INTEGER) AND CAST(week_start AS DATE)
    AND m.sending_time >= timezone('America/Los_Angeles',
      CAST(CAST(week_start AS DATE) - CAST(greatest(coalesce(cooldown_days, 0), 0) AS INTEGER) AS TIMESTAMP))
    AND m.sending_time < timezone('America/Los_Angeles', CAST(week_start AS TIMESTAMP))
    AND m.caption_id IS NOT NULL
),
-- Per caption, the pages that hold it and the pages that sent it in the cooldown (pool_allows).
caption_facts AS (
  SELECT c.*, h.holders, u.senders
  FROM captions AS c
  LEFT JOIN (SELECT caption_id, list(page_name) AS holders FROM locked GROUP BY caption_id) AS h ON h.caption_id = c.caption_id
  LEFT JOIN (SELECT caption_id, list(page_name) AS senders FROM recently_used GROUP BY caption_id) AS u ON u.caption_id = c.caption_id
),
-- The page's used captions (a stats row): few per page.
used_pairs AS (
  SELECT p.page_name, c.caption_id, c.slot_type, false AS is_new
  FROM pages AS p
  JOIN stats AS s ON s.page_name = p.page_name
  JOIN captions AS c ON c.caption_id = s.caption_id
),
-- The page's home captions it never used (fact 3).
home_pairs AS (
  SELECT p.page_name, c.caption_id, c.slot_type, true AS is_new
  FROM pages AS p
  JOIN captions AS c ON c.home_number = p.page_number
  WHERE NOT EXISTS (SELECT 1 FROM stats AS s WHERE s.page_name = p.page_name AND s.caption_id = c.caption_id)
),
-- Captions by the base score of a page that never used them (jitter aside), per type.
base_scores AS (
  SELECT
    c.caption_id, c.slot_type, c.home_number,
    (1 + 0.2 * coalesce(t.successes, 0)) / (2 + 0.2 * (coalesce(t.successes, 0) + coalesce(t.failures, 0))) AS base
  FROM captions AS c
  LEFT JOIN caption_totals AS t ON t.caption_id = c.caption_id
),
new_order AS (
  SELECT
    b.*,
    row_number() OVER (PARTITION BY b.slot_type ORDER BY b.base DESC, b.caption_id) AS g,
    count(*) OVER (PARTITION BY b.slot_type) AS type_total
  FROM base_scores AS b
),
limits AS (
  SELECT p.page_name, ty.slot_type, ty.type_total,
    2 * greatest(coalesce(per_page, 0), 0)
      + (SELECT count(*) FROM used_pairs AS u WHERE u.page_name = p.page_name AND u.slot_type = ty.slot_type) AS prefix_len
  FROM pages AS p
  CROSS JOIN (SELECT DISTINCT slot_type, type_total FROM new_order) AS ty
),
prefix_pairs AS (
  SELECT l.page_name, o.caption_id, o.slot_type, true AS is_new
  FROM limits AS l
  JOIN pages AS p ON p.page_name IS NOT DISTINCT FROM l.page_name
  JOIN (SELECT * FROM new_order WHERE g <= (SELECT coalesce(max(prefix_len), 0) FROM limits)) AS o
    ON o.slot_type = l.slot_type AND o.g <= l.prefix_len
  WHERE o.home_number IS DISTINCT FROM p.page_number
    AND NOT EXISTS (SELECT 1 FROM stats AS s WHERE s.page_name = l.page_name AND s.caption_id = o.caption_id)
),
-- The pool's exclusions, on the pairs of the prefix.
eligible_prefix AS (
  SELECT x.*
  FROM (SELECT * FROM used_pairs UNION ALL SELECT * FROM home_pairs UNION ALL SELECT * FROM prefix_pairs) AS x
  JOIN caption_facts AS c ON c.caption_id = x.caption_id
  LEFT JOIN eros_scheduling_brain.restrictions_view AS r ON r.page_name = x.page_name
  WHERE eros_scheduling_brain.pool_allows(x.page_name, r, c)
),
-- The per_page-th best score of the page's new captions in the prefix (fact 2's k), per type.
cutoff AS (
  SELECT page_name, slot_type, score AS k
  FROM (
    SELECT e.page_name, e.slot_type,
      o.base + ((e.caption_id % 9973 + 9973) % 9973 * 2654435761 + p.page_hash % 9973 * 40503) % 9973
        * (p.page_hash % 9972 + 1) % 9973 * 6 / 199460
        + CASE WHEN o.home_number = p.page_number THEN 1 ELSE 0 END AS score,
      row_number() OVER (PARTITION BY e.page_name, e.slot_type ORDER BY score DESC) AS r
    FROM eligible_prefix AS e
    JOIN new_order AS o ON o.caption_id = e.caption_id
    JOIN pages AS p ON p.page_name IS NOT DISTINCT FROM e.page_name
    WHERE e.is_new
  )
  WHERE r = per_page
),
-- Beyond the prefix: the band of a page with a cutoff; the whole rest of the order for a page
-- whose filters left fewer than per_page new captions in the prefix (no cutoff).
eligible_rest AS (
  SELECT x.*
  FROM (
    SELECT l.page_name, o.caption_id, o.slot_type, true AS is_new
    FROM limits AS l
    JOIN pages AS p ON p.page_name IS NOT DISTINCT FROM l.page_name
    LEFT JOIN cutoff AS k ON k.page_name IS NOT DISTINCT FROM l.page_name AND k.slot_type = l.slot_type
    JOIN new_order AS o ON o.slot_type = l.slot_type AND o.g > l.prefix_len
      AND (k.k IS NULL OR o.base >= k.k - 0.3)
    WHERE coalesce(per_page, 0) >= 1
      -- In the band, only a caption that scores (about) k or more can be needed.
      AND (k.k IS NULL OR o.base + ((o.caption_id % 9973 + 9973) % 9973 * 2654435761 + p.page_hash % 9973 * 40503) % 9973
        * (p.page_hash % 9972 + 1) % 9973 * 6 / 199460 >= k.k - 1e-6)
      AND o.home_number IS DISTINCT FROM p.page_number
      AND NOT EXISTS (SELECT 1 FROM stats AS s WHERE s.page_name = l.page_name AND s.caption_id = o.caption_id)
  ) AS x
  JOIN caption_facts AS c ON c.caption_id = x.caption_id
  LEFT JOIN eros_scheduling_brain.restrictions_view AS r ON r.page_name = x.page_name
  WHERE eros_scheduling_brain.pool_allows(x.page_name, r, c)
),
eligible AS (
  SELECT
    x.page_name,
    c.caption_id, c.caption_text, c.caption_type, c.slot_type, c.content_category, c.price_tier,
    c.suggested_price, c.has_urgency, c.psychological_trigger,
    coalesce(s.successes, 0) AS successes,
    coalesce(s.failures, 0) AS failures,
    s.avg_emv,
    s.last_used,
    coalesce(t.successes, 0) - coalesce(s.successes, 0) AS global_successes,
    coalesce(t.failures, 0) - coalesce(s.failures, 0) AS global_failures,
    x.is_new,
    ((c.caption_id % 9973 + 9973) % 9973 * 2654435761 + p.page_hash % 9973 * 40503) % 9973
      * (p.page_hash % 9972 + 1) % 9973 AS jitter_key,
    c.home_number = p.page_number AS is_home
  FROM (SELECT * FROM eligible_prefix UNION ALL SELECT * FROM eligible_rest) AS x
  JOIN pages AS p ON p.page_name IS NOT DISTINCT FROM x.page_name
  JOIN captions AS c ON c.caption_id = x.caption_id
  LEFT JOIN stats AS s ON s.page_name = x.page_name AND s.caption_id = x.caption_id
  LEFT JOIN caption_totals AS t ON t.caption_id = x.caption_id
),
scored AS (
  SELECT
    e.*,
    (e.successes + 1 + 0.2 * e.global_successes)
      / (e.successes + e.failures + 2 + 0.2 * (e.global_successes + e.global_failures))
      + e.jitter_key * 6 / 199460 + CASE WHEN e.is_home THEN 1 ELSE 0 END AS score,
    CASE WHEN e.slot_type = 'PPV' THEN (per_page * 7 + 9) // 10 ELSE per_page - (per_page * 7 + 9) // 10 END AS type_quota
  FROM eligible AS e
  WHERE per_page >= 1
),
reserved AS (
  SELECT
    s.*,
    row_number() OVER (PARTITION BY s.page_name, s.slot_type, s.is_new ORDER BY s.score DESC, s.caption_id) AS group_rank,
    CASE WHEN s.is_new THEN (s.type_quota + 4) // 5 ELSE s.type_quota - (s.type_quota + 4) // 5 END AS group_quota
  FROM scored AS s
),
kept AS (
  -- Fact 1: below per_page in its group a row is never chosen (dropping it changes no chosen rank).
  SELECT * FROM reserved WHERE group_rank <= per_page
),
typed AS (
  SELECT
    r.*,
    row_number() OVER (
      PARTITION BY r.page_name, r.slot_type
      ORDER BY CASE WHEN r.group_rank <= r.group_quota THEN 0 ELSE 1 END, r.score DESC, r.caption_id) AS type_rank
  FROM kept AS r
),
ranked AS (
  SELECT
    t.*,
    row_number() OVER (
      PARTITION BY t.page_name
      ORDER BY CASE WHEN t.type_rank <= t.type_quota THEN 0 ELSE 1 END, t.score DESC, t.caption_id) AS candidate_rank
  FROM typed AS t
)
SELECT
  page_name, caption_id, caption_text, caption_type, content_category, price_tier, suggested_price,
  has_urgency, psychological_trigger, CAST(successes AS BIGINT) AS successes, CAST(failures AS BIGINT) AS failures,
  avg_emv, last_used, CAST(global_successes AS BIGINT) AS global_successes,
  CAST(global_failures AS BIGINT) AS global_failures, CAST(candidate_rank AS BIGINT) AS candidate_rank, is_home
FROM ranked
WHERE candidate_rank <= per_page;
