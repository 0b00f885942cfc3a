-- bq_lower(s): GoogleSQL's LOWER(s), where DuckDB's lower differs (a stand-in with no file in
-- sql/). GoogleSQL maps by the Unicode Character Database with its context rules: 'İ' (U+0130) ->
-- 'i' + U+0307, and a capital sigma ending a word -> 'ς' (after a letter, its combining marks
-- skipped; not before another letter, marks and . : ' · skipped). DuckDB's lower gives 'i' and
-- 'σ'. Other letters agree (test/sql/differential.test.ts compares them).
CREATE OR REPLACE MACRO eros_scheduling_brain.bq_lower(s) AS
  lower(regexp_replace(replace(s, chr(304), 'i' || chr(775)),
    '(\p{L}[\p{Mn}\p{Me}]*)Σ([\p{Mn}\p{Me}.:''·]*(?:[^\p{L}\p{Mn}\p{Me}.:''·]|$))', '\1ς\2', 'g'));
