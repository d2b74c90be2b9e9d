import type { EntityManager } from '@mikro-orm/postgresql';
import { dbOf } from '../../core/data/db';

/** The compound a person lives in (null: no household on record). */
export async function compoundOfPerson(em: EntityManager, personId: number): Promise<number | null> {
  const rows = await dbOf(em).query<{ compound_id: number | null }>(
    'select h.compound_id from person p left join household h on h.id = p.household_id where p.id = $1',
    [personId],
  );
  return rows[0]?.compound_id ?? null;
}

/** Whether a person is a party member now (a current membership, local or external). */
export async function isPartyMember(em: EntityManager, personId: number): Promise<boolean> {
  const rows = await dbOf(em).query<{ yes: boolean }>(
    'select exists (select 1 from party_membership where person_id = $1 and ended_on is null) as yes',
    [personId],
  );
  return rows[0]?.yes === true;
}
