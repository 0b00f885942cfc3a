-- restrictions_view: one row per known page (every creator, plus any page that only has a
-- restrictions row) with its current restrictions, normalized so readers never meet a NULL:
--   * the latest page_restrictions row per page wins (by updated_at; NULL updated_at is oldest);
--   * categories and keywords are lower-cased, trimmed, de-duplicated and sorted; NULL arrays,
--     NULL elements and blank strings become an empty array / are dropped;
--   * a page without a restrictions row gets empty arrays and NULL price limits;
--   * a negative price_floor / price_ceiling is ignored (NULL = no limit).
CREATE OR REPLACE VIEW eros_scheduling_brain.restrictions_view AS
WITH latest AS (
  SELECT r.*
  FROM eros_scheduling_brain.page_restrictions AS r
  WHERE TRUE
  QUALIFY ROW_NUMBER() OVER (PARTITION BY r.page_name ORDER BY r.updated_at DESC) = 1
),
pages AS (
  SELECT page_name FROM eros_scheduling_brain.creators
  UNION DISTINCT
  SELECT page_name FROM latest
)
SELECT
  p.page_name,
  ARRAY(
    SELECT DISTINCT LOWER(TRIM(x)) FROM UNNEST(l.restricted_categories) AS x
    WHERE x IS NOT NULL AND TRIM(x) != '' ORDER BY 1
  ) AS restricted_categories,
  ARRAY(
    SELECT DISTINCT LOWER(TRIM(x)) FROM UNNEST(l.restricted_keywords) AS x
    WHERE x IS NOT NULL AND TRIM(x) != '' ORDER BY 1
  ) AS restricted_keywords,
  IF(l.price_floor < 0, NULL, l.price_floor) AS price_floor,
  IF(l.price_ceiling < 0, NULL, l.price_ceiling) AS price_ceiling,
  l.updated_at
FROM pages AS p
LEFT JOIN latest AS l ON l.page_name = p.page_name
WHERE p.page_name IS NOT NULL;
