// Logger and console: recorded (and echoed on request) so tests and the CLI can read the log.
// https://developers.google.com/apps-script/reference/base/logger
// https://developers.google.com/apps-script/guides/logging
import { format } from 'node:util';

export interface LogEntry {
  source: 'Logger' | 'console';
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
}

export class LogRecorder {
  readonly entries: LogEntry[] = [];
  constructor(private readonly echo: boolean) {}

  add(entry: LogEntry): void {
    this.entries.push(entry);
    if (this.echo) process.stderr.write(`[${entry.source}.${entry.level}] ${entry.message}\n`);
  }
}

export class LoggerService {
  static readonly apiName = 'Logger';
  constructor(private readonly _rec: LogRecorder) {}

  /** log(message) or log(format, ...values) with %s placeholders, like Google's. */
  log(data: unknown, ...values: unknown[]): this {
    this._rec.add({ source: 'Logger', level: 'log', message: format(typeof data === 'string' ? data : String(data), ...values) });
    return this;
  }

  getLog(): string {
    return this._rec.entries.filter((e) => e.source === 'Logger').map((e) => e.message).join('\n');
  }

  clear(): void {
    for (let i = this._rec.entries.length - 1; i >= 0; i--) if (this._rec.entries[i]?.source === 'Logger') this._rec.entries.splice(i, 1);
  }
}

export class ConsoleService {
  static readonly apiName = 'console';
  constructor(private readonly _rec: LogRecorder) {}
  log(...args: unknown[]): void { this._add('log', args); }
  info(...args: unknown[]): void { this._add('info', args); }
  warn(...args: unknown[]): void { this._add('warn', args); }
  error(...args: unknown[]): void { this._add('error', args); }

  private _add(level: LogEntry['level'], args: unknown[]): void {
    this._rec.add({ source: 'console', level, message: format(...args) });
  }
}
