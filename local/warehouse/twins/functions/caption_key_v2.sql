-- DuckDB twin of sql/functions/caption_key_v2.sql: sha256() already returns lower-case hex.
CREATE OR REPLACE MACRO eros_scheduling_brain.caption_key_v2(caption_text) AS
  sha256(trim(regexp_replace(lower(caption_text), '\s+', ' ', 'g')));
