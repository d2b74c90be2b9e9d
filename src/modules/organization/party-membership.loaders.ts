import { defineNode, unarchivedColumns, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import { Capability } from '../../core/auth/capabilities';
import type { MembershipStatus, OrganizationRelation } from './organization.enums';

export interface PartyMembershipRow extends TenantRow {
  personId: number;
  branchId: number | null;
  organizationRelation: OrganizationRelation;
  status: MembershipStatus;
  homeOrganization: string | null;
  joinedOn: string | null;
  endedOn: string | null;
  /** The person's place, for scope checks. */
  path: string | null;
  orgPath: string | null;
}

export const PartyMembershipSpec = registerNodeSpec(
  defineNode<PartyMembershipRow>({
    type: 'PartyMembership',
    table: 'party_membership',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      personId: 't.person_id',
      branchId: 't.branch_id',
      organizationRelation: 't.organization_relation',
      status: 't.status',
      homeOrganization: 't.home_organization',
      joinedOn: 't.joined_on',
      endedOn: 't.ended_on',
      path: '(select p.path::text from person p where p.id = t.person_id)',
      orgPath: '(select p.org_path::text from person p where p.id = t.person_id)',
    },
  }),
  Capability.READ_PERSONS,
);

export const CURRENT_MEMBERSHIP = { key: 'current', sql: 't.ended_on is null', params: [] as unknown[] };
