import { UserErrorCode, userError, type UserError } from '../validation/user-error';

/*
 * Database constraints that a well-formed input can still break (a duplicate name in a race):
 * each maps to the input field it is about, so the violation reaches the client as a user error.
 */
const unique = new Map<string, { field: string[]; message: string }>();

export function registerUniqueConstraint(constraint: string, field: string | string[], message: string): void {
  unique.set(constraint, { field: Array.isArray(field) ? field : [field], message });
}

export function userErrorForUniqueViolation(constraint: string | undefined): UserError | undefined {
  const known = constraint ? unique.get(constraint) : undefined;
  return known ? userError(known.field, UserErrorCode.TAKEN, known.message) : undefined;
}

/**
 * A row the statement needed was not there, or is still needed by others: a reference that does not
 * exist (23503), or a delete of a row others still point at with ON DELETE RESTRICT, which
 * PostgreSQL 15 also reports as 23503 and PostgreSQL 18 as restrict_violation (23001). Both are
 * NOT_FOUND to the client, whichever server the deployment runs.
 */
export function isReferenceViolation(code: string | undefined): boolean {
  return code === '23503' || code === '23001';
}

/**
 * Two transactions each waiting for the other (40P01, PostgreSQL aborts one) or a serialization
 * failure (40001): nothing was written, and the same mutation sent again normally succeeds. The
 * client gets CONFLICT, as for a row changed at the same moment.
 */
export function isConcurrencyConflict(code: string | undefined): boolean {
  return code === '40P01' || code === '40001';
}
