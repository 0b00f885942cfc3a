-- caption_candidate_pool(page_names, week_start, week_end, cooldown_days, per_page): for each
-- requested ACTIVE page (empty or NULL array = all active pages), the top per_page captions it may
-- use in the Los Angeles week [week_start, week_end), ranked deterministically in SQL.
-- Excluded: inactive captions, captions with a negative or absurd (> 10 000) suggested_price;
-- stats rows with negative or absurd (> 1e9) successes/failures are ignored. Also excluded: the page's restricted categories and keywords (case-insensitive;
-- a keyword excludes a caption whose text contains it); PPV captions whose suggested_price is
-- outside the page's [price_floor, price_ceiling] (a NULL limit or price never excludes);
-- captions locked by ANOTHER page with a lock (active, or released early as PAST_SEND_DATE) whose window
-- [scheduled_send_time - 7 days, lock_window_end) overlaps the week, except locks of requested
-- pages sent inside the week (the schedules this generation replaces); captions the page sent in
-- the cooldown_days before week_start (NULL or negative cooldown = none).
-- Ranking score: posterior mean of the page's record with the caption's record on other pages as
-- a weak prior (weight 0.2): (s + 1 + 0.2 gs) / (s + f + 2 + 0.2 (gs + gf)), plus a jitter in
-- [0, 0.3) fixed per (page, caption) -- k * 6 / 199460, k = MOD(MOD(MOD(caption_id, 9973) * 2654435761
-- + MOD(h, 9973) * 40503, 9973) * (MOD(h, 9972) + 1), 9973), h = SUM(code point * (position + 1))
-- of page_name: each page its own permutation of caption ids mod 9973 -- so pages of
-- one run (which lock each other's picks) draw from different good captions rather than one
-- global list (at 0.15, 40 of 92 pages of a 100-page run starved; at 0.3, 16: the deal below does the rest), and new captions
-- are explored on different pages, so the bank learns faster; it depends on the page and caption only (a resumed run ranks alike); ties by caption_id.
-- Home captions: each week the bank is dealt out among the ACTIVE pages (all of them, not only
-- the requested ones, so a resumed run that asks for fewer pages deals alike). A caption's home is
-- page number MOD(MOD(MOD(caption_id, 1000003) * m, 1000003), n) of the n active pages in
-- page_name order (from 0), m = MOD(UNIX_DATE(week_start) * 40503, 1000002) + 1: a new deal every
-- week, so a page is not held to the same captions. A home caption scores 1 more, so each page
-- lists (nearly) every caption dealt to it; the in-script selection prefers them in a run of
-- several pages, so the pages of a run do not all reach for one list of favourites (without the
-- deal, 16 of 92 pages of a 100-page run and about half of a 500-page run run out of PPV
-- captions; with a 0.3 bonus, 36 of 462; with 1, none). Column is_home.
-- Split (integer arithmetic, no float rounding): ceil(70 %) of per_page for PPV captions, the rest for BUMP (any other type), and within
-- each type ceil(20 %) reserved for captions the page has never used (no stats row); a share
-- that cannot be filled is given to the best remaining captions. per_page NULL or < 1 = no rows.
-- Partition filters: active_caption_assignments.scheduled_send_date, DATE(mass_messages.sending_time),
-- DATE(caption_bandit_stats.last_updated) up to week_end (stats older than 365 days before week_start are
-- forgotten; when a (page, caption) has several rows the latest wins).
CREATE OR REPLACE TABLE FUNCTION eros_scheduling_brain.caption_candidate_pool(
  page_names ARRAY<STRING>, week_start DATE, week_end DATE, cooldown_days INT64, per_page INT64)
AS (
  WITH active_pages AS (
    SELECT
      d.page_name,
      ROW_NUMBER() OVER (ORDER BY d.page_name) - 1 AS page_number,
      COUNT(*) OVER () AS page_count
    FROM (SELECT DISTINCT c.page_name FROM eros_scheduling_brain.creators AS c WHERE c.is_active) AS d
  ),
  pages AS (
    SELECT
      d.page_name, d.page_number, d.page_count,
      IFNULL((SELECT SUM(cp * (o + 1)) FROM UNNEST(TO_CODE_POINTS(d.page_name)) AS cp WITH OFFSET o), 0) AS page_hash
    FROM active_pages AS d
    WHERE IFNULL(ARRAY_LENGTH(page_names), 0) = 0 OR d.page_name IN UNNEST(page_names)
  ),
  captions AS (
    SELECT
      b.*,
      IF(UPPER(TRIM(b.caption_type)) = 'PPV', 'PPV', 'BUMP') AS slot_type
    FROM eros_scheduling_brain.caption_bank AS b
    WHERE b.is_active
      AND NOT IFNULL(b.suggested_price < 0 OR b.suggested_price > 10000, FALSE)
  ),
  stats AS (
    SELECT s.page_name, s.caption_id, s.successes, s.failures, s.avg_emv, s.last_used
    FROM eros_scheduling_brain.caption_bandit_stats AS s
    WHERE DATE(s.last_updated) BETWEEN DATE_SUB(week_start, INTERVAL 365 DAY) AND week_end
      -- A negative or absurd record is dropped, not summed into other pages' priors.
      AND s.successes BETWEEN 0 AND 1000000000
      AND s.failures BETWEEN 0 AND 1000000000
    QUALIFY ROW_NUMBER() OVER (PARTITION BY s.page_name, s.caption_id ORDER BY s.last_updated DESC) = 1
  ),
  caption_totals AS (
    SELECT caption_id, SUM(successes) AS successes, SUM(failures) AS failures
    FROM stats
    GROUP BY caption_id
  ),
  locked AS (
    SELECT DISTINCT a.page_name, a.caption_id
    FROM eros_scheduling_brain.active_caption_assignments AS a
    WHERE a.scheduled_send_date BETWEEN DATE_SUB(week_start, INTERVAL 15 DAY) AND DATE_ADD(week_end, INTERVAL 8 DAY)
      -- The sweep releases a lock whose send date passed (PAST_SEND_DATE) before its window
      -- ends; the window still holds the caption for the other pages.
      AND (a.is_active OR a.deactivation_reason = 'PAST_SEND_DATE')
      AND TIMESTAMP_SUB(a.scheduled_send_time, INTERVAL 7 DAY) < TIMESTAMP(week_end, 'America/Los_Angeles')
      AND a.lock_window_end > TIMESTAMP(week_start, 'America/Los_Angeles')
      -- The requested pages' own locks in this week belong to the schedules this generation
      -- replaces (a resume after the write, a same-day re-run): not other pages' locks.
      AND NOT (a.page_name IN (SELECT q.page_name FROM pages AS q)
        AND a.scheduled_send_time >= TIMESTAMP(week_start, 'America/Los_Angeles')
        AND a.scheduled_send_time < TIMESTAMP(week_end, 'America/Los_Angeles'))
  ),
  recently_used AS (
    SELECT DISTINCT m.page_name, m.caption_id
    FROM eros_scheduling_brain.mass_messages AS m
    WHERE DATE(m.sending_time) BETWEEN DATE_SUB(week_start, INTERVAL GREATEST(IFNULL(cooldown_days, 0), 0) DAY) AND week_start
      AND m.sending_time >= TIMESTAMP(DATE_SUB(week_start, INTERVAL GREATEST(IFNULL(cooldown_days, 0), 0) DAY), 'America/Los_Angeles')
      AND m.sending_time < TIMESTAMP(week_start, 'America/Los_Angeles')
      AND m.caption_id IS NOT NULL
  ),
  eligible AS (
    SELECT
      p.page_name,
      c.caption_id, c.caption_text, c.caption_type, c.slot_type, c.content_category, c.price_tier,
      c.suggested_price, c.has_urgency, c.psychological_trigger,
      IFNULL(s.successes, 0) AS successes,
      IFNULL(s.failures, 0) AS failures,
      s.avg_emv,
      s.last_used,
      IFNULL(t.successes, 0) - IFNULL(s.successes, 0) AS global_successes,
      IFNULL(t.failures, 0) - IFNULL(s.failures, 0) AS global_failures,
      s.caption_id IS NULL AS is_new,
      -- Non-negative for any caption_id; no INT64 overflow (every product < 9973 * 2654435761).
      MOD(MOD(MOD(MOD(c.caption_id, 9973) + 9973, 9973) * 2654435761 + MOD(p.page_hash, 9973) * 40503, 9973)
        * (MOD(p.page_hash, 9972) + 1), 9973) AS jitter_key,
      MOD(MOD(MOD(MOD(c.caption_id, 1000003) + 1000003, 1000003)
        * (MOD(UNIX_DATE(week_start) * 40503, 1000002) + 1), 1000003), p.page_count) = p.page_number AS is_home
    FROM pages AS p
    CROSS JOIN captions AS c
    LEFT JOIN eros_scheduling_brain.restrictions_view AS r ON r.page_name = p.page_name
    LEFT JOIN stats AS s ON s.page_name = p.page_name AND s.caption_id = c.caption_id
    LEFT JOIN caption_totals AS t ON t.caption_id = c.caption_id
    WHERE NOT IFNULL(LOWER(c.content_category) IN UNNEST(r.restricted_categories), FALSE)
      AND NOT EXISTS (
        SELECT 1 FROM UNNEST(r.restricted_keywords) AS k
        WHERE STRPOS(LOWER(c.caption_text), k) > 0
      )
      AND NOT (c.slot_type = 'PPV' AND IFNULL(c.suggested_price < r.price_floor, FALSE))
      AND NOT (c.slot_type = 'PPV' AND IFNULL(c.suggested_price > r.price_ceiling, FALSE))
      AND NOT EXISTS (
        SELECT 1 FROM locked AS l
        WHERE l.caption_id = c.caption_id AND l.page_name != p.page_name
      )
      AND NOT EXISTS (
        SELECT 1 FROM recently_used AS u
        WHERE u.caption_id = c.caption_id AND u.page_name = p.page_name
      )
  ),
  scored AS (
    SELECT
      e.*,
      (e.successes + 1 + 0.2 * e.global_successes)
        / (e.successes + e.failures + 2 + 0.2 * (e.global_successes + e.global_failures))
        + e.jitter_key * 6 / 199460 + IF(e.is_home, 1, 0) AS score,
      IF(e.slot_type = 'PPV', DIV(per_page * 7 + 9, 10), per_page - DIV(per_page * 7 + 9, 10)) AS type_quota
    FROM eligible AS e
    WHERE per_page >= 1
  ),
  reserved AS (
    SELECT
      s.*,
      ROW_NUMBER() OVER (PARTITION BY s.page_name, s.slot_type, s.is_new ORDER BY s.score DESC, s.caption_id) AS group_rank,
      IF(s.is_new, DIV(s.type_quota + 4, 5), s.type_quota - DIV(s.type_quota + 4, 5)) AS group_quota
    FROM scored AS s
  ),
  typed AS (
    SELECT
      r.*,
      ROW_NUMBER() OVER (
        PARTITION BY r.page_name, r.slot_type
        ORDER BY IF(r.group_rank <= r.group_quota, 0, 1), r.score DESC, r.caption_id) AS type_rank
    FROM reserved AS r
  ),
  ranked AS (
    SELECT
      t.*,
      ROW_NUMBER() OVER (
        PARTITION BY t.page_name
        ORDER BY IF(t.type_rank <= t.type_quota, 0, 1), t.score DESC, t.caption_id) AS candidate_rank
    FROM typed AS t
  )
  SELECT
    page_name, caption_id, caption_text, caption_type, content_category, price_tier, suggested_price,
    has_urgency, psychological_trigger, successes, failures, avg_emv, last_used,
    global_successes, global_failures, candidate_rank, is_home
  FROM ranked
  WHERE candidate_rank <= per_page
);
