-- DuckDB twin of sql/functions/caption_key_v2.sql: sha256() already returns lower-case hex; TRIM
-- and LOWER are GoogleSQL's (twins/functions/bq_trim.sql, bq_lower.sql). \s is RE2's in both: [\t\n\f\r ].
CREATE OR REPLACE MACRO eros_scheduling_brain.caption_key_v2(caption_text) AS
  sha256(eros_scheduling_brain.bq_trim(regexp_replace(eros_scheduling_brain.bq_lower(caption_text), '\s+', ' ', 'g')));
