-- DuckDB twin of sql/tables/page_restrictions.sql.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.page_restrictions (
  page_name VARCHAR NOT NULL,
  restricted_categories VARCHAR[],
  restricted_keywords VARCHAR[],
  price_floor DOUBLE,
  price_ceiling DOUBLE,
  updated_at TIMESTAMPTZ
);
