import { Logger as WorkerLogger } from 'graphile-worker';
import type { Logger } from '../logger';

/** graphile-worker's log, in the platform's (its levels are 'error', 'warning', 'info', 'debug'). */
export function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields = { ...scope, ...(meta ?? {}) } as Record<string, unknown>;
    if (level === 'error') logger.error(message, fields);
    else if (level === 'warning') logger.warn(message, fields);
    else if (level === 'info') logger.info(message, fields);
    else logger.debug(message, fields);
  });
}
