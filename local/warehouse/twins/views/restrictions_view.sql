-- DuckDB twin of sql/views/restrictions_view.sql. TRIM and LOWER are GoogleSQL's
-- (twins/functions/bq_trim.sql, bq_lower.sql: DuckDB's trim keeps tabs and newlines, its lower
-- differs on İ and a final sigma).
CREATE OR REPLACE VIEW eros_scheduling_brain.restrictions_view AS
WITH latest AS (
  SELECT r.*
  FROM eros_scheduling_brain.page_restrictions AS r
  QUALIFY row_number() OVER (PARTITION BY r.page_name ORDER BY r.updated_at DESC NULLS LAST) = 1
),
pages AS (
  SELECT page_name FROM eros_scheduling_brain.creators
  UNION
  SELECT page_name FROM latest
)
SELECT
  p.page_name,
  coalesce(list_sort(list_distinct(list_filter(
    list_transform(l.restricted_categories, x -> eros_scheduling_brain.bq_lower(eros_scheduling_brain.bq_trim(x))),
    x -> x IS NOT NULL AND x <> ''))), CAST([] AS VARCHAR[])) AS restricted_categories,
  coalesce(list_sort(list_distinct(list_filter(
    list_transform(l.restricted_keywords, x -> eros_scheduling_brain.bq_lower(eros_scheduling_brain.bq_trim(x))),
    x -> x IS NOT NULL AND x <> ''))), CAST([] AS VARCHAR[])) AS restricted_keywords,
  CASE WHEN l.price_floor < 0 THEN NULL ELSE l.price_floor END AS price_floor,
  CASE WHEN l.price_ceiling < 0 THEN NULL ELSE l.price_ceiling END AS price_ceiling,
  l.updated_at
FROM pages AS p
LEFT JOIN latest AS l ON l.page_name = p.page_name
WHERE p.page_name IS NOT NULL;
