import { Capability } from '../../core/auth/capabilities';
import { on } from '../../core/events';
import { defineModule } from '../../core/module';
import { CommunityCreated } from '../geography/geography.events';
import { BuildingCreated, CompoundCreated } from '../places/places.events';
import { BuildingGroup } from './building-group.entity';
import { CommunityCommittee } from './community-committee.entity';
import { CommunityCommitteeResolver, CommunityOrganizationResolver } from './community-committee.resolver';
import { communityCommitteeService } from './community-committee.service';
import { CompoundBranch } from './compound-branch.entity';
import { CompoundBranchAssignment } from './compound-branch-assignment.entity';
// The branch of a compound and the group of a building: mapped onto the places' entities.
import './coverage.mapping';
import { BuildingOrganizationResolver, CompoundOrganizationResolver, HouseholdOrganizationResolver } from './coverage.resolver';
import { MemberHousehold } from './member-household.entity';
import {
  BuildingGroupResolver,
  CompoundBranchAssignmentResolver,
  CompoundBranchResolver,
  MemberHouseholdResolver,
} from './organization.resolver';
import { OrganizationError } from './organization.errors';
import { organizationRules } from './organization.rules';
import { PartyMembership } from './party-membership.entity';
import { PartyMembershipResolver, PersonOrganizationResolver } from './party-membership.resolver';
import { placementService } from './placement.service';

/**
 * The four-level organization (社区党委 → 小区党支部 → 楼院党小组 → 党员中心户), which branch covers
 * which compound and which group which building (graduation included), and party memberships.
 */
export const organizationModule = defineModule({
  name: 'organization',
  entities: [CommunityCommittee, CompoundBranch, BuildingGroup, CompoundBranchAssignment, MemberHousehold, PartyMembership],
  resolvers: [
    CommunityOrganizationResolver,
    CommunityCommitteeResolver,
    CompoundBranchResolver,
    CompoundBranchAssignmentResolver,
    BuildingGroupResolver,
    MemberHouseholdResolver,
    CompoundOrganizationResolver,
    BuildingOrganizationResolver,
    HouseholdOrganizationResolver,
    PersonOrganizationResolver,
    PartyMembershipResolver,
  ],
  permissions: organizationRules,
  userErrors: OrganizationError,
  subscriptions: [
    on(CommunityCreated, (_ctx, em, { community, input }) => communityCommitteeService.createFor(em, community, input)),
    on(CompoundCreated, (ctx, em, { compound, input }) => placementService.placeNewCompound(ctx, em, compound, input)),
    on(BuildingCreated, (_ctx, em, { building, compound, input }) => placementService.placeNewBuilding(em, building, compound, input)),
  ],
  archiving: {
    types: [
      { type: 'CommunityCommittee', entity: CommunityCommittee, table: 'community_committee', capability: Capability.WRITE_ORGANIZATION },
      { type: 'CompoundBranch', entity: CompoundBranch, table: 'compound_branch', capability: Capability.WRITE_ORGANIZATION },
      { type: 'BuildingGroup', entity: BuildingGroup, table: 'building_group', capability: Capability.WRITE_ORGANIZATION },
    ],
    children: [
      { of: 'Community', table: 'compound_branch', column: 'community_id', label: 'branches' },
      { of: 'CommunityCommittee', table: 'compound_branch', column: 'committee_id', label: 'branches' },
      { of: 'CompoundBranch', table: 'compound', column: 'branch_id', label: 'compounds it covers' },
      { of: 'CompoundBranch', table: 'building_group', column: 'branch_id', label: 'building groups' },
      { of: 'BuildingGroup', table: 'building', column: 'group_id', label: 'buildings' },
      {
        of: 'Household',
        table: 'member_household',
        column: 'household_id',
        label: 'member-household designations',
        active: 'undesignated_on is null',
      },
      {
        of: 'Person',
        table: 'party_membership',
        column: 'person_id',
        label: 'current party memberships',
        active: 'ended_on is null',
        notArchivable: true,
      },
    ],
    parents: [
      { of: 'CommunityCommittee', table: 'community', column: 'community_id', label: 'community' },
      { of: 'CompoundBranch', table: 'community_committee', column: 'committee_id', label: 'community committee' },
      { of: 'CompoundBranch', table: 'community', column: 'community_id', label: 'community' },
      { of: 'BuildingGroup', table: 'compound_branch', column: 'branch_id', label: 'branch' },
      { of: 'Compound', table: 'compound_branch', column: 'branch_id', label: 'branch' },
      { of: 'Building', table: 'building_group', column: 'group_id', label: 'building group' },
    ],
  },
});
