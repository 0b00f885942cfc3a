-- DuckDB twin of sql/table_functions/requested_pages.sql.
CREATE OR REPLACE MACRO eros_scheduling_brain.requested_pages(page_names) AS TABLE
SELECT DISTINCT c.page_name
FROM eros_scheduling_brain.creators AS c
WHERE c.is_active
  AND (coalesce(len(page_names), 0) = 0 OR list_contains(page_names, c.page_name));
