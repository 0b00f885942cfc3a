-- holidays: the holidays of the week being generated, for the plan's holiday adjustment.
-- @param week_start DATE
-- @param week_end DATE
--   week_start  Los Angeles Monday of the week being generated (inclusive)
--   week_end    end of that week, exclusive (week_start + 7 days)
-- Reads holiday_calendar (filled by sql/seed/holiday_calendar.sql); partition filter: holiday_year
-- between the years of week_start and week_end (RANGE_BUCKET on holiday_year), so a week that
-- straddles New Year reads both years.
-- A NULL bound or week_end <= week_start gives no rows; so does a week outside the seeded years.
-- Columns: holiday_date DATE, holiday_name STRING, holiday_type STRING (FEDERAL | COMMERCIAL |
--   OBSERVANCE), significance STRING (major | moderate | minor), saturation_impact_factor FLOAT64
--   (multiplies the day's PPV volume).
-- Ordered by holiday_date, holiday_name.
SELECT
  h.holiday_date,
  h.holiday_name,
  h.holiday_type,
  h.significance,
  h.saturation_impact_factor
FROM eros_scheduling_brain.holiday_calendar AS h
WHERE h.holiday_year BETWEEN EXTRACT(YEAR FROM @week_start) AND EXTRACT(YEAR FROM @week_end)
  AND h.holiday_date >= @week_start
  AND h.holiday_date < @week_end
ORDER BY h.holiday_date, h.holiday_name;
