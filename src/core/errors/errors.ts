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
    super(message, { extensions: { ...extensions, ...fieldPath(extensions.field), code } });
  }
}

/**
 * `extensions.field` is always a path from the mutation's arguments, as a list: ["input",
 * "custodians", "1", "personId"]. Errors are raised with a dotted name or a path within the input
 * ("custodians.1.personId", "scopeId"); clients get one shape.
 */
function fieldPath(field: unknown): { field?: string[] } {
  if (field === undefined) return {};
  const path = Array.isArray(field) ? field.map(String) : String(field).split('.');
  return { field: path[0] === 'input' ? path : ['input', ...path] };
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
