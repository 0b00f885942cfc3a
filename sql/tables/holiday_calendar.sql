-- Holidays that move buying behaviour; seeded from the date-holidays library (sql/seed).
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.holiday_calendar (
  holiday_date DATE NOT NULL,
  holiday_year INT64 NOT NULL,
  holiday_name STRING NOT NULL,
  holiday_type STRING NOT NULL,       -- FEDERAL, COMMERCIAL, OBSERVANCE
  significance STRING NOT NULL,       -- major, moderate, minor
  saturation_impact_factor FLOAT64 NOT NULL  -- multiplies the day's PPV volume
)
PARTITION BY RANGE_BUCKET(holiday_year, GENERATE_ARRAY(2020, 2041, 1));
