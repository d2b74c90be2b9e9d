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
    },
    // Opened in Node, so masking (and whoever may read them) sees the plain values; never in SQL.
    // Opened when a resolver first reads them, not per row loaded.
    convert: (row) => {
      openOnRead(row, 'phone');
      openOnRead(row, 'idNumber');
    },
  }),
  Capability.READ_PERSONS,
);
