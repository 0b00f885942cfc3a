-- Input: per-page restrictions kept by account managers (edited by hand, so NULLs happen).
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.page_restrictions (
  page_name STRING NOT NULL,
  restricted_categories ARRAY<STRING>,
  restricted_keywords ARRAY<STRING>,
  price_floor FLOAT64,
  price_ceiling FLOAT64,
  updated_at TIMESTAMP
);
