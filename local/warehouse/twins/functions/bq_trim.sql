-- bq_trim(s): GoogleSQL's TRIM(s), where DuckDB's trim differs (a stand-in with no file in sql/).
-- GoogleSQL removes "all leading and trailing whitespace characters (as defined by the Unicode
-- standard)": tab, LF, VT, FF, CR, space, U+0085, U+00A0, U+1680, U+2000-200A, U+2028, U+2029,
-- U+202F, U+205F, U+3000 (measured in ZetaSQL; not U+200B or U+FEFF). DuckDB's trim(s) removes
-- only the space separators (category Zs): no tab, no newline.
CREATE OR REPLACE MACRO eros_scheduling_brain.bq_trim(s) AS
  trim(s, chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(32) || chr(133) || chr(160) || chr(5760)
    || chr(8192) || chr(8193) || chr(8194) || chr(8195) || chr(8196) || chr(8197) || chr(8198) || chr(8199)
    || chr(8200) || chr(8201) || chr(8202) || chr(8232) || chr(8233) || chr(8239) || chr(8287) || chr(12288));
