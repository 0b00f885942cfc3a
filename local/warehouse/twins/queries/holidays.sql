-- DuckDB twin of sql/queries/holidays.sql (parameters and columns documented there).
-- Casts keep a NULL bound typed (DuckDB cannot pick year() for an untyped NULL).
SELECT
  h.holiday_date,
  h.holiday_name,
  h.holiday_type,
  h.significance,
  h.saturation_impact_factor
FROM eros_scheduling_brain.holiday_calendar AS h
WHERE h.holiday_year BETWEEN year(CAST($week_start AS DATE)) AND year(CAST($week_end AS DATE))
  AND h.holiday_date >= CAST($week_start AS DATE)
  AND h.holiday_date < CAST($week_end AS DATE)
ORDER BY h.holiday_date, h.holiday_name;
