import { baseColumns, defineNode, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';

export interface MemberHouseholdRow extends TenantRow {
  householdId: number;
  designatedOn: string;
  undesignatedOn: string | null;
  displaysPlate: boolean;
  duties: string | null;
  pledge: string | null;
  specialties: string | null;
  path: string;
  orgPath: string | null;
}

export const MemberHouseholdSpec = registerNodeSpec(
  defineNode<MemberHouseholdRow>({
    type: 'MemberHousehold',
    table: 'member_household',
    columns: {
      ...baseColumns,
      communityId: 't.community_id',
      householdId: 't.household_id',
      designatedOn: 't.designated_on',
      undesignatedOn: 't.undesignated_on',
      displaysPlate: 't.displays_plate',
      duties: 't.duties',
      pledge: 't.pledge',
      specialties: 't.specialties',
      path: 't.path::text',
      orgPath: 't.org_path::text',
    },
  }),
);

/** Active designations: not un-designated. */
export const ACTIVE_DESIGNATION = { key: 'active', sql: 't.undesignated_on is null', params: [] as unknown[] };
