-- DuckDB twin of sql/table_functions/caption_candidate_pool.sql (rules documented there).
-- TIMESTAMP(d, 'America/Los_Angeles') is timezone('America/Los_Angeles', d::TIMESTAMP);
-- DIV is //; a restricted keyword matches with strpos as in the original; the page hash
-- SUM(code point * (position + 1)) over TO_CODE_POINTS is a list_sum over unicode(substr(...)).
-- % and MOD agree (sign of the dividend; every operand here is non-negative anyway).
-- UNIX_DATE(week_start) is week_start - DATE '1970-01-01' (whole days).
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
    d.page_name, d.page_number, d.page_count,
    CAST(coalesce(list_sum(list_transform(range(1, length(d.page_name) + 1),
      i -> unicode(substr(d.page_name, i, 1)) * i)), 0) AS BIGINT) AS page_hash
  FROM active_pages AS d
  WHERE coalesce(len(page_names), 0) = 0 OR list_contains(page_names, d.page_name)
),
captions AS (
  SELECT b.*, CASE WHEN upper(eros_scheduling_brain.bq_trim(b.caption_type)) = 'PPV' THEN 'PPV' ELSE 'BUMP' END AS slot_type
  FROM eros_scheduling_brain.caption_bank AS b
  WHERE b.is_active
    AND NOT coalesce(b.suggested_price < 0 OR b.suggested_price > 10000, false)
),
stats AS (
  SELECT s.page_name, s.caption_id, s.successes, s.failures, s.avg_emv, s.last_used
  FROM eros_scheduling_brain.caption_bandit_stats AS s
  WHERE CAST(s.last_updated AT TIME ZONE 'UTC' AS DATE) >= CAST(week_start AS DATE) - 365
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
eligible AS (
  SELECT
    p.page_name,
    c.caption_id, c.caption_text, c.caption_type, c.slot_type, c.content_category, c.price_tier,
    c.suggested_price, c.has_urgency, c.psychological_trigger,
    coalesce(s.successes, 0) AS successes,
    coalesce(s.failures, 0) AS failures,
    s.avg_emv,
    s.last_used,
    coalesce(t.successes, 0) - coalesce(s.successes, 0) AS global_successes,
    coalesce(t.failures, 0) - coalesce(s.failures, 0) AS global_failures,
    s.caption_id IS NULL AS is_new,
    ((c.caption_id % 9973 + 9973) % 9973 * 2654435761 + p.page_hash % 9973 * 40503) % 9973
      * (p.page_hash % 9972 + 1) % 9973 AS jitter_key,
    ((c.caption_id % 1000003 + 1000003) % 1000003
      * (CAST(CAST(week_start AS DATE) - DATE '1970-01-01' AS BIGINT) * 40503 % 1000002 + 1) % 1000003) % p.page_count = p.page_number AS is_home
  FROM pages AS p
  CROSS JOIN captions AS c
  LEFT JOIN eros_scheduling_brain.restrictions_view AS r ON r.page_name = p.page_name
  LEFT JOIN stats AS s ON s.page_name = p.page_name AND s.caption_id = c.caption_id
  LEFT JOIN caption_totals AS t ON t.caption_id = c.caption_id
  WHERE NOT coalesce(list_contains(r.restricted_categories, eros_scheduling_brain.bq_lower(c.content_category)), false)
    AND NOT coalesce(len(list_filter(r.restricted_keywords, k -> strpos(eros_scheduling_brain.bq_lower(c.caption_text), k) > 0)) > 0, false)
    AND NOT (c.slot_type = 'PPV' AND coalesce(c.suggested_price < r.price_floor, false))
    AND NOT (c.slot_type = 'PPV' AND coalesce(c.suggested_price > r.price_ceiling, false))
    AND NOT EXISTS (SELECT 1 FROM locked AS l WHERE l.caption_id = c.caption_id AND l.page_name <> p.page_name)
    AND NOT EXISTS (SELECT 1 FROM recently_used AS u WHERE u.caption_id = c.caption_id AND u.page_name = p.page_name)
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
typed AS (
  SELECT
    r.*,
    row_number() OVER (
      PARTITION BY r.page_name, r.slot_type
      ORDER BY CASE WHEN r.group_rank <= r.group_quota THEN 0 ELSE 1 END, r.score DESC, r.caption_id) AS type_rank
  FROM reserved AS r
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
