import { openOnRead } from '../../core/crypto/sealed';
import { baseColumns, defineNode, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import { Capability } from '../../core/auth/capabilities';
import type { Gender } from './people.enums';

export interface PersonRow extends TenantRow {
  householdId: number | null;
  name: string;
  gender: Gender | null;
  birthYear: number | null;
  /** Personal data: masked by the resolvers without a duty of care. */
  phone: string | null;
  idNumber: string | null;
  path: string;
  orgPath: string | null;
  /**
   * Whether the person has a current party membership the caller may see, read with the row: a
   * walk's persons would otherwise cost a statement of their own for it (800 keys on Q2).
   */
  isPartyMember: boolean;
}

export const PersonSpec = registerNodeSpec(
  defineNode<PersonRow>({
    type: 'Person',
    table: 'person',
    columns: {
      ...baseColumns,
      communityId: 't.community_id',
      householdId: 't.household_id',
      name: 't.name',
      gender: 't.gender',
      birthYear: 't.birth_year',
      phone: 't.phone_sealed',
      idNumber: 't.id_number_sealed',
      path: 't.path::text',
      orgPath: 't.org_path::text',
      // The membership table's own policy applies inside this subquery exactly as it does to a read
      // of the membership (same transaction, same grant): true only for a membership the caller may
      // see, as the separate read answered. The partial unique index on current memberships answers it.
      isPartyMember: 'exists (select 1 from party_membership m where m.person_id = t.id and m.ended_on is null)',
    },
    // A person of a household sits where the household does: person_paths sets both paths from the
    // household's and household_cascade re-paths its persons whenever the household's change, in the
    // same transaction. So a household's persons copy them from the household row read before them
    // (the statement of the level above, in the same request), instead of each row converting two
    // ltree values to text (Q2: 0.7 ms of PostgreSQL CPU for 800 persons, bench/RESULTS.md). Under
    // read committed a household moved between the two statements leaves its persons checked where
    // the answer shows the household, as if both had been read before the move.
    inherits: { household_id: ['path', 'orgPath'] },
    // Sealed values (≈ 100 characters each) are read in a list only when it shows them.
    onDemand: { phone: ['phone'], idNumber: ['idNumber'] },
    // Opened in Node, so masking (and whoever may read them) sees the plain values; never in SQL.
    // Opened when a resolver first reads them, not per row loaded.
    convert: (row) => {
      openOnRead(row, 'phone');
      openOnRead(row, 'idNumber');
    },
  }),
  Capability.READ_PERSONS,
);
