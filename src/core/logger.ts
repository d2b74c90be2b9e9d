import pino, { type DestinationStream } from 'pino';

/**
 * Structured log records on stderr through pino: one JSON object a line (what log shippers read),
 * or, in development, pino-pretty's one-line text when that dev dependency is installed. The
 * interface stays (message, fields) so modules never depend on pino itself.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'pretty';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/*
 * Credentials never reach a log line, whatever a caller passes by mistake. Personal values are kept
 * out by what is logged (ids and codes, never names, variables or answers), not by redaction.
 */
const REDACT = ['password', 'token', 'authorization', 'secret', '*.password', '*.token', '*.authorization', '*.secret'];

/** pino-pretty as a stream in this process (no worker thread), or undefined when it is not installed. */
function prettyStream(): DestinationStream | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a dev dependency: absent in a production install
    const pretty = require('pino-pretty') as (options: Record<string, unknown>) => DestinationStream;
    return pretty({ destination: 2, sync: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  } catch {
    return undefined;
  }
}

export interface LoggerOptions {
  /** json (the default) or pretty (falls back to json without pino-pretty). */
  format?: LogFormat;
}

/**
 * A logger at `level`. `write` receives each record as one JSON line (tests capture them); without it
 * records go to stderr, synchronously, so the last line before an exit is never lost.
 */
export function createLogger(level: LogLevel = 'info', write?: (line: string) => void, options: LoggerOptions = {}): Logger {
  const destination: DestinationStream = write
    ? { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) }
    : (options.format === 'pretty' && prettyStream()) || pino.destination({ dest: 2, sync: true });
  const base = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    destination,
  );
  const log =
    (lvl: LogLevel) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (fields) base[lvl](fields, message);
      else base[lvl](message);
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** For tests and scripts that want silence unless something is wrong. */
export const quietLogger: Logger = createLogger('error');
