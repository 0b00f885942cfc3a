// Logger over console (Cloud Logging in Apps Script): one line per event, data as JSON.
import type { Logger } from '../../core/ports';

export interface ConsoleLike {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export function consoleLogger(out: ConsoleLike = console, prefix = '[EROS]'): Logger {
  const line = (m: string, d?: Record<string, unknown>) => (d ? `${prefix} ${m} ${JSON.stringify(d)}` : `${prefix} ${m}`);
  return {
    info: (m, d) => out.info(line(m, d)),
    warn: (m, d) => out.warn(line(m, d)),
    error: (m, d) => out.error(line(m, d)),
  };
}
