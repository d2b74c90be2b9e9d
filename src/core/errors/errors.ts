import { GraphQLError } from 'graphql';

/*
 * Errors that reach clients outside mutation payloads. Each carries `extensions.code`; anything
 * else thrown is masked as INTERNAL_SERVER_ERROR by formatError (the detail goes to the log).
 */

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'THROTTLED'
  | 'TIMEOUT'
  | 'UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'THROTTLED',
  'TIMEOUT',
  'UNAVAILABLE',
]);

export class ApiError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class NotFoundError extends ApiError {
  constructor(what = 'object', extensions: Record<string, unknown> = {}) {
    super('NOT_FOUND', `No ${what} with that ID`, extensions);
  }
}

export class BadUserInputError extends ApiError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', message, extensions);
  }
}

export class ConflictError extends ApiError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('CONFLICT', message, extensions);
  }
}

export class ForbiddenError extends ApiError {
  constructor(message = 'You may not do this here', extensions: Record<string, unknown> = {}) {
    super('FORBIDDEN', message, extensions);
  }
}

export class UnauthenticatedError extends ApiError {
  constructor(message = 'The credentials are missing, invalid or expired', extensions: Record<string, unknown> = {}) {
    super('UNAUTHENTICATED', message, extensions);
  }
}
