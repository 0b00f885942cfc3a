// The text the bundle carries for a .sql file: what BigQuery reads, nothing more. Comments
// (--, #, /* */) are dropped and whitespace outside string literals and quoted identifiers is
// squeezed: one space between two words, none next to , ( ) = < > + * / ; [ ] |. The add-on is
// held at 300 KB and the queries are a tenth of it. tools/build.mjs loads .sql files through it;
// tests read it to send what the bundle sends.
'use strict';

const TIGHT = /[,()=<>+*/;[\]|]/;

/** @param {string} text @returns {string} */
function bundledSqlText(text) {
  let out = '';
  let space = false;
  let i = 0;
  const put = (s) => {
    if (space && out !== '' && !TIGHT.test(out[out.length - 1]) && !TIGHT.test(s[0])) out += ' ';
    space = false;
    out += s;
  };
  while (i < text.length) {
    const ch = text[i];
    const two = text.slice(i, i + 2);
    if (two === '--' || ch === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      space = true;
    } else if (two === '/*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
      space = true;
    } else if (/\s/.test(ch)) {
      i += 1;
      space = true;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      const close = ch !== '`' && text.slice(i, i + 3) === ch.repeat(3) ? ch.repeat(3) : ch;
      let j = i + close.length;
      while (j < text.length && text.slice(j, j + close.length) !== close) j += text[j] === '\\' ? 2 : 1;
      put(text.slice(i, j + close.length));
      i = j + close.length;
    } else {
      let j = i + 1;
      while (j < text.length && !/[\s'"`#]/.test(text[j]) && text.slice(j, j + 2) !== '--' && text.slice(j, j + 2) !== '/*') j += 1;
      put(text.slice(i, j));
      i = j;
    }
  }
  return `${out}\n`;
}

module.exports = { bundledSqlText };
