// Java SimpleDateFormat patterns (what Utilities.formatDate takes) rendered with luxon in a real
// time zone. Quoted text ('at') and '' are literal; an unknown letter is refused like Java does.
import { DateTime } from 'luxon';
import { ServiceError } from './errors';

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function offset(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

function field(letter: string, count: number, t: DateTime): string {
  switch (letter) {
    case 'y': return count === 2 ? pad(t.year % 100, 2) : pad(t.year, count);
    case 'M':
      if (count >= 4) return t.toFormat('MMMM');
      if (count === 3) return t.toFormat('MMM');
      return pad(t.month, count);
    case 'd': return pad(t.day, count);
    case 'H': return pad(t.hour, count);
    case 'k': return pad(t.hour === 0 ? 24 : t.hour, count);
    case 'h': return pad(t.hour % 12 === 0 ? 12 : t.hour % 12, count);
    case 'K': return pad(t.hour % 12, count);
    case 'm': return pad(t.minute, count);
    case 's': return pad(t.second, count);
    case 'S': return pad(t.millisecond, count);
    case 'E': return count >= 4 ? t.toFormat('cccc') : t.toFormat('ccc');
    case 'u': return pad(t.weekday, count);
    case 'a': return t.hour < 12 ? 'AM' : 'PM';
    case 'D': return pad(t.ordinal, count);
    case 'Z': return offset(t.offset, false);
    case 'X':
      if (t.offset === 0) return 'Z';
      return count === 1 ? offset(t.offset, false).slice(0, 3) : offset(t.offset, count >= 3);
    case 'z': return count >= 4 ? t.toFormat('ZZZZZ') : t.toFormat('ZZZZ');
    default: throw new ServiceError(`Illegal pattern character '${letter}'`);
  }
}

/** Java falls back to GMT for a time zone id it does not know; so does this. */
export function normalizeZone(timeZone: string): string {
  const tz = String(timeZone).replace(/^GMT(?=[+-])/, 'UTC');
  return DateTime.now().setZone(tz).isValid ? tz : 'UTC';
}

export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const t = DateTime.fromJSDate(date, { zone: normalizeZone(timeZone) }).setLocale('en-US');
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      if (end < 0) throw new ServiceError('Unterminated quote');
      out += pattern.slice(i + 1, end).replace(/''/g, "'");
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      let n = 1;
      while (pattern[i + n] === ch) n++;
      out += field(ch, n, t);
      i += n;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
