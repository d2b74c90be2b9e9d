/*
 * The database went away under a request: PostgreSQL restarting or failing over, a connection cut,
 * the pool unable to connect. The request did not complete, and nothing it wrote was committed
 * unless the connection dropped after COMMIT was sent: a query can be retried as it is, a mutation
 * with the same Idempotency-Key (a stored answer is replayed; a missing one means it did not commit).
 * Answered as UNAVAILABLE with `retryable: true` rather than as an internal error.
 */

/** SQLSTATE classes and codes of a database that is not there (class 08: connection exceptions). */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Socket errors of a connection that broke or never opened. */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
/** The pg driver's and knex's words for a connection that ended or could not be had. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /Timeout acquiring a connection/,
  // knex, on a statement sent after the connection under its transaction was cut.
  /Transaction query already complete/,
  /the database system is (starting up|shutting down|in recovery mode)/,
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  originalError?: unknown;
  cause?: unknown;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as ErrorLike | undefined, depth = 0; e && typeof e === 'object' && depth < 8; depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(e!.message as string))) return true;
    e = (e.originalError ?? e.cause) as ErrorLike | undefined;
  }
  return false;
}

export const UNAVAILABLE_MESSAGE =
  'The database is unavailable for a moment; retry (a mutation with the same Idempotency-Key, so it cannot apply twice)';
