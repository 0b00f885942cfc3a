-- caption_key(caption_text): compatibility wrapper kept for older callers; same as caption_key_v2.
CREATE OR REPLACE FUNCTION eros_scheduling_brain.caption_key(caption_text STRING)
RETURNS STRING
AS (
  eros_scheduling_brain.caption_key_v2(caption_text)
);
