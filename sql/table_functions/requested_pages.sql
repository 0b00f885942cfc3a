-- requested_pages(page_names): the pages a run asks about that it may plan: each ACTIVE page of
-- creators named in page_names, once; an empty or NULL array = every active page. Unknown or
-- inactive names give no row. The analysis table functions start from it.
CREATE OR REPLACE TABLE FUNCTION eros_scheduling_brain.requested_pages(page_names ARRAY<STRING>)
AS (
  SELECT DISTINCT c.page_name
  FROM eros_scheduling_brain.creators AS c
  WHERE c.is_active
    AND (IFNULL(ARRAY_LENGTH(page_names), 0) = 0 OR c.page_name IN UNNEST(page_names))
);
