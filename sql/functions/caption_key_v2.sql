-- caption_key_v2(caption_text): the de-duplication key of a caption: lower-case SHA-256 hex of
-- the normalized text (lower-cased, runs of whitespace collapsed to one space, trimmed).
-- NULL text gives NULL. Two captions that differ only in case or spacing share a key.
CREATE OR REPLACE FUNCTION eros_scheduling_brain.caption_key_v2(caption_text STRING)
RETURNS STRING
AS (
  TO_HEX(SHA256(TRIM(REGEXP_REPLACE(LOWER(caption_text), r'\s+', ' '))))
);
