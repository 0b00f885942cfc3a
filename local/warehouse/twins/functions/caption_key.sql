-- DuckDB twin of sql/functions/caption_key.sql.
CREATE OR REPLACE MACRO eros_scheduling_brain.caption_key(caption_text) AS
  eros_scheduling_brain.caption_key_v2(caption_text);
