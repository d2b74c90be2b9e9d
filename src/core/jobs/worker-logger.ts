import { Logger as WorkerLogger } from 'graphile-worker';
import type { Logger } from '../logger';

/*
 * graphile-worker's log, in the platform's (its levels are 'error', 'warning', 'info', 'debug').
 * Its meta carries whole objects — the error, and with a pool's error the pg client itself, with
 * its connection parameters and statements: only an error's message and code are kept. A
 * connection that PostgreSQL ended because it is shutting down or restarting (a Ctrl-C reaches the
 * embedded database as well as the server) is a warning: the runner reconnects, or is being stopped.
 */

const SERVER_GOING_AWAY = new Set(['57P01', '57P02', '57P03']);

/** A connection PostgreSQL ended because it is shutting down or restarting. */
export function goingAway(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && SERVER_GOING_AWAY.has(code);
}

function compact(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return code === undefined ? { message: value.message } : { message: value.message, code };
  }
  return value;
}

/** `closing`: the instance is shutting down, when a connection ended by the database is expected (debug). */
export function workerLogger(logger: Logger, closing: () => boolean = () => false): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields: Record<string, unknown> = { ...scope };
    for (const [key, value] of Object.entries(meta ?? {})) if (key !== 'client') fields[key] = compact(value);
    const going = goingAway((meta as { error?: unknown } | undefined)?.error);
    if (going && closing()) logger.debug(message, fields);
    else if (level === 'error' && !going) logger.error(message, fields);
    else if (level === 'error' || level === 'warning') logger.warn(message, fields);
    else if (level === 'info') logger.info(message, fields);
    else logger.debug(message, fields);
  });
}
