import { ref, type Ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { findByGlobalId } from '../../core/graphql/lookup';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Person } from '../people/person.entity';

/**
 * Resolves an optional person ID in an input (a secretary, a leader) to a reference, requiring the
 * person to be on record in `communityId`. undefined: not given; null: clear.
 */
export async function personOfCommunity(
  em: EntityManager,
  id: string | null | undefined,
  communityId: number,
  field: string,
): Promise<Ref<Person> | null | undefined> {
  if (id === undefined || id === null) return id;
  const person = await findByGlobalId(em, Person, 'Person', id, field);
  if (person.community.id !== communityId) refuse(field, UserErrorCode.MISMATCH, 'The person must be on record in this community');
  if (person.archivedAt) refuse(field, UserErrorCode.ARCHIVED, 'The person is archived');
  return ref(person);
}
