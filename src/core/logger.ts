/**
 * One-line structured log records on stderr. Deliberately tiny: a line per event, JSON fields after
 * the message, so both people and log shippers can read it.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const threshold = order[level];
  const log = (lvl: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (order[lvl] < threshold) return;
    const extra = fields && Object.keys(fields).length > 0 ? ' ' + JSON.stringify(fields) : '';
    write(`${new Date().toISOString()} ${lvl.toUpperCase()} ${message}${extra}`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** For tests and scripts that want silence unless something is wrong. */
export const quietLogger: Logger = createLogger('error');
