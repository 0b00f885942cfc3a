-- Mass-message history, generated in DuckDB. Every random draw is hash(seed, page, day, k, salt)
-- mapped to [0, 1), so the result does not depend on row order or threads.
-- Parameters: $seed BIGINT, $start DATE (first day), $days INTEGER, $scale DOUBLE (volume factor),
-- $ppv_captions / $bump_captions INTEGER (bank sizes per type, for the pool pick).
-- Chained re-hashing (xor the next key, hash again): DuckDB's multi-argument hash() combines its
-- arguments too weakly (draws with different salts came out correlated).
CREATE OR REPLACE TEMP MACRO mix(h, x) AS hash(xor(h, x::UBIGINT));
CREATE OR REPLACE TEMP MACRO rnd(s, a, b, c, salt) AS
  (mix(mix(mix(mix(hash(s::UBIGINT), a), b), c), salt) / 18446744073709551616.0);

CREATE OR REPLACE TEMP TABLE gen_captions AS
SELECT
  caption_type,
  (row_number() OVER (PARTITION BY caption_type ORDER BY caption_id) - 1)::INTEGER AS idx,
  caption_id, caption_text, suggested_price, a.appeal
FROM eros_scheduling_brain.caption_bank
JOIN eros_scheduling_brain_hidden.caption_appeal a USING (caption_id);

-- Page-days: weekday rhythm, day-to-day noise and occasional "blast" days (the over-sending
-- that fatigue punishes).
CREATE OR REPLACE TEMP TABLE gen_days AS
WITH d AS (
  SELECT p.*, t.day::INTEGER AS day, ($start::DATE + t.day::INTEGER) AS dt
  FROM eros_scheduling_brain_hidden.page_profile p, range($days) t(day)
  WHERE t.day >= p.start_day
)
SELECT
  page_idx, day, dt, isodow(dt) AS dow,
  greatest(0, round(ppv_rate * $scale
    * (CASE isodow(dt) WHEN 5 THEN 1.1 WHEN 6 THEN 1.2 WHEN 7 THEN 1.15 WHEN 1 THEN 0.85 ELSE 1.0 END)
    * (0.55 + 0.9 * rnd($seed, page_idx, day, 0, 1))
    * (CASE WHEN rnd($seed, page_idx, day, 0, 2) < 0.08 THEN 1.9 ELSE 1.0 END)))::INTEGER AS n_ppv,
  greatest(0, round(bump_rate * $scale * (0.5 + rnd($seed, page_idx, day, 0, 3))))::INTEGER AS n_bump
FROM d;

CREATE OR REPLACE TEMP TABLE gen_messages AS
WITH m AS (
  SELECT g.page_idx, g.day, g.dt, g.dow, g.n_ppv, unnest(range(g.n_ppv + g.n_bump))::INTEGER AS k
  FROM gen_days g
  WHERE g.n_ppv + g.n_bump > 0
),
drawn AS (
  SELECT
    m.*, p.page_name, p.subscribers, p.base_conversion, p.view_rate, p.price_mult, p.comfort, p.evening,
    (m.k < m.n_ppv) AS is_ppv,
    rnd($seed, m.page_idx, m.day, m.k, 10) AS u_mix,
    sqrt(-2 * ln(greatest(rnd($seed, m.page_idx, m.day, m.k, 11), 1e-12))) * cos(2 * pi() * rnd($seed, m.page_idx, m.day, m.k, 12)) AS z_hour,
    sqrt(-2 * ln(greatest(rnd($seed, m.page_idx, m.day, m.k, 13), 1e-12))) * cos(2 * pi() * rnd($seed, m.page_idx, m.day, m.k, 14)) AS z_buy,
    CASE WHEN m.k < m.n_ppv
      THEN (p.ppv_pool_offset + floor(rnd($seed, m.page_idx, m.day, m.k, 15) * p.ppv_pool_size))::INTEGER
      ELSE (p.bump_pool_offset + floor(rnd($seed, m.page_idx, m.day, m.k, 15) * p.bump_pool_size))::INTEGER
    END AS pool_pick
  FROM m JOIN eros_scheduling_brain_hidden.page_profile p USING (page_idx)
),
timed AS (
  -- Local (Los Angeles) hour: evening peak, afternoon shoulder, thin mornings.
  SELECT *,
    CASE
      WHEN u_mix < evening THEN 20.3 + 1.3 * z_hour
      WHEN u_mix < evening + 0.27 THEN 14.0 + 2.0 * z_hour
      ELSE 9.5 + 1.5 * z_hour
    END AS hour_f
  FROM drawn
),
placed AS (
  SELECT *,
    (((floor(hour_f * 60)::INTEGER % 1440) + 1440) % 1440) AS minute_of_day
  FROM timed
),
priced AS (
  SELECT pl.*, c.caption_id, c.caption_text, c.appeal,
    CASE WHEN pl.is_ppv
      THEN greatest(3, round(coalesce(c.suggested_price, 15) * pl.price_mult * (0.85 + 0.3 * rnd($seed, pl.page_idx, pl.day, pl.k, 16)))) - 0.01
      ELSE CASE WHEN rnd($seed, pl.page_idx, pl.day, pl.k, 16) < 0.7 THEN 0.0 ELSE NULL END
    END AS price,
    minute_of_day // 60 AS local_hour
  FROM placed pl
  JOIN gen_captions c
    ON c.caption_type = CASE WHEN pl.is_ppv THEN 'PPV' ELSE 'BUMP' END
   AND c.idx = pl.pool_pick % (CASE WHEN pl.is_ppv THEN $ppv_captions ELSE $bump_captions END)
),
reached AS (
  SELECT *,
    round(subscribers * (0.8 + 0.2 * day / greatest($days, 1)) * (0.93 + 0.07 * rnd($seed, page_idx, day, k, 17)))::BIGINT AS sent,
    CASE WHEN local_hour BETWEEN 18 AND 23 THEN 1.25 WHEN local_hour < 3 THEN 1.1 WHEN local_hour < 12 THEN 0.8 ELSE 1.0 END AS hour_eff,
    CASE dow WHEN 5 THEN 1.1 WHEN 6 THEN 1.15 WHEN 7 THEN 1.1 WHEN 1 THEN 0.9 ELSE 1.0 END AS dow_eff
  FROM priced
),
bought AS (
  SELECT *,
    round(sent * view_rate * (CASE WHEN local_hour BETWEEN 18 AND 23 THEN 1.1 WHEN local_hour < 12 THEN 0.9 ELSE 1.0 END)
      * (0.85 + 0.3 * rnd($seed, page_idx, day, k, 18)))::BIGINT AS viewed,
    -- Purchase probability per view: caption appeal × time × weekday × fatigue × price elasticity.
    least(0.9, base_conversion * appeal * hour_eff * dow_eff
      * exp(-0.12 * greatest(0, n_ppv - comfort))
      * power(greatest(coalesce(price, 15), 3) / 15.0, -0.7)) AS p_buy
  FROM reached
)
SELECT
  printf('mm%04d%05d%03d', page_idx, day, k) AS message_id,
  page_name,
  timezone('America/Los_Angeles', dt::TIMESTAMP + to_minutes(minute_of_day)
    + to_seconds((rnd($seed, page_idx, day, k, 19) * 60)::INTEGER)) AS sending_time,
  CASE WHEN is_ppv THEN 'PPV' ELSE 'BUMP' END AS message_type,
  caption_id::BIGINT AS caption_id,
  caption_text,
  price,
  sent AS sent_count,
  viewed AS viewed_count,
  CASE WHEN is_ppv
    THEN greatest(0, round(viewed * p_buy + sqrt(viewed * p_buy * (1 - p_buy)) * z_buy))::BIGINT
    ELSE 0::BIGINT
  END AS purchased_count
FROM bought;

INSERT INTO eros_scheduling_brain.mass_messages
SELECT message_id, page_name, sending_time, message_type, caption_id, caption_text, price,
  sent_count, viewed_count, least(purchased_count, viewed_count) AS purchased_count,
  CASE WHEN message_type = 'PPV' THEN round(least(purchased_count, viewed_count) * price * 0.8, 2) ELSE 0.0 END AS earnings
FROM gen_messages;
