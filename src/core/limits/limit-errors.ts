import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ApiError } from '../errors/errors';
import type { LimitName } from './validation-rules';

/**
 * Too much, too soon: the caller's budget, its share of the pool or its sign-in attempts are used
 * up. HTTP 429 with `Retry-After` (whole seconds); `extensions.retryAfter` says the same.
 */
export class ThrottledError extends ApiError {
  constructor(message: string, retryAfterSeconds: number, extensions: Record<string, unknown> = {}) {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    super('THROTTLED', message, {
      ...extensions,
      retryAfter,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) },
    });
  }
}

/** A statement ran past the statement timeout: the request was rolled back (HTTP 503). */
export const TIMEOUT_MESSAGE =
  'The request took too long and was cancelled; nothing it did was kept. Ask for less (smaller pages, fewer levels) or try again later.';

/** A query over a static limit (cost), refused before anything ran: HTTP 400 like the validation limits. */
export function limitExceeded(limit: LimitName, message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, ...extensions, http: { status: 400, headers: new HeaderMap() } },
  });
}

/** PostgreSQL's "canceling statement due to statement timeout", however deep a driver or ORM wrapped it. */
export function isStatementTimeout(error: unknown): boolean {
  for (let e = error as { code?: unknown; originalError?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 8; depth++) {
    if (e.code === '57014') return true;
    e = (e.originalError ?? e.cause) as typeof e;
  }
  return false;
}
