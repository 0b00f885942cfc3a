-- DuckDB twin of sql/tables/holiday_calendar.sql.
CREATE TABLE IF NOT EXISTS eros_scheduling_brain.holiday_calendar (
  holiday_date DATE NOT NULL,
  holiday_year BIGINT NOT NULL,
  holiday_name VARCHAR NOT NULL,
  holiday_type VARCHAR NOT NULL,
  significance VARCHAR NOT NULL,
  saturation_impact_factor DOUBLE NOT NULL
);
