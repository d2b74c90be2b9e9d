import {
  CheckConstraintViolationException,
  ForeignKeyConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { beginAudit, writeAudit } from '../audit/recorder';
import { bindDb, Db } from '../data/db';
import { ConflictError, NotFoundError } from '../errors/errors';
import { validateInput } from '../validation/rules';
import { UserInputRefused, type UserError } from '../validation/user-error';
import { isConcurrencyConflict, isReferenceViolation, userErrorForUniqueViolation } from './constraints';

export interface MutationOutcome<T> {
  value: T | null;
  userErrors: UserError[];
}

/**
 * Runs one mutation: field rules first (invalid input never reaches the database), then the work
 * inside a savepoint of the request transaction, with its audit entries. A refusal anywhere rolls the savepoint back, so a
 * failed mutation changes nothing. Known constraint violations become user errors; a reference
 * the database could not find (or that belongs to another community) is NOT_FOUND.
 */
export async function mutate<T>(ctx: RequestContext, input: object, work: (em: EntityManager) => Promise<T>): Promise<MutationOutcome<T>> {
  ctx.loaders.clearAll();
  const invalid = await validateInput(input, ctx.clock);
  if (invalid.length > 0) return { value: null, userErrors: invalid };
  try {
    const value = await ctx.em.transactional(async (tem) => {
      const em = tem;
      const db = bindDb(em, new Db(em, ctx.tally, ctx.db));
      try {
        beginAudit(ctx, em);
        const result = await work(em);
        await em.flush();
        await writeAudit(em); // in the same savepoint: the log and the change commit together
        return result;
      } finally {
        await db.settle();
      }
    });
    return { value, userErrors: [] };
  } catch (err) {
    if (err instanceof UserInputRefused) return { value: null, userErrors: err.userErrors };
    // A versioned row changed between reading and writing it: someone else acted first.
    if (err instanceof OptimisticLockError)
      throw new ConflictError('Someone else changed this at the same moment; reload it and try again');
    // Violations arrive as MikroORM's exceptions from a flush, or as the driver's error (SQLSTATE
    // in `code`) from set-based SQL; both mean the same.
    const { constraint, code } = err as { constraint?: string; code?: string };
    if (isConcurrencyConflict(code)) throw new ConflictError('Someone else changed this at the same moment; try again');
    if (err instanceof UniqueConstraintViolationException || code === '23505') {
      const known = userErrorForUniqueViolation(constraint);
      if (known) return { value: null, userErrors: [known] };
    }
    const foreignKey = err instanceof ForeignKeyConstraintViolationException || isReferenceViolation(code);
    const check = err instanceof CheckConstraintViolationException || code === '23514';
    if (foreignKey || (check && constraint?.endsWith('_same_community'))) {
      throw new NotFoundError('object', { reason: 'reference' });
    }
    throw err;
  } finally {
    ctx.loaders.clearAll();
  }
}
