// Colours as Sheets takes them: "CSS notation (like '#ffffff' or 'white')", null to reset.
// https://developers.google.com/apps-script/reference/spreadsheet/range#setBackground(String)
import cssNames from 'color-name';
import { ServiceError } from '../errors';

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** '#ABC', 'abc', 'white' → '#aabbcc' / '#ffffff'; anything else is refused (Sheets cannot parse it). */
export function cssHex(color: string): string {
  const text = String(color).trim().toLowerCase();
  const named = cssNames[text];
  if (named) return `#${named.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  const m = HEX.exec(text);
  if (!m) throw new ServiceError(`Invalid color: ${String(color)}`);
  const hex = m[1] as string;
  return `#${hex.length === 3 ? hex.split('').map((c) => c + c).join('') : hex}`;
}

/** A Sheets colour → exceljs ARGB ('FFRRGGBB'). */
export function argb(color: string): string {
  return `FF${cssHex(color).slice(1).toUpperCase()}`;
}

/** exceljs ARGB (or RGB) → '#rrggbb'; undefined when there is none. */
export function fromArgb(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return `#${value.slice(-6).toLowerCase()}`;
}
