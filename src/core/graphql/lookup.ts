import type { EntityName, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError } from '../errors/errors';
import { decodeGlobalId } from '../ids/global-id';

/**
 * Loads the entity an input ID names, or fails with NOT_FOUND. An ID of another type, of a missing
 * row, or (under row-level security) of another community's row all fail the same way.
 */
export async function findByGlobalId<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  type: string,
  id: string,
  field: string,
): Promise<T> {
  const decoded = decodeGlobalId(id);
  const found = decoded && decoded.type === type ? await em.findOne(entity, { id: decoded.pk } as FilterQuery<T>) : null;
  if (!found) throw new NotFoundError(type, { field });
  return found;
}
