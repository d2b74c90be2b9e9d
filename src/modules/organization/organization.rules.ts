import { Capability } from '../../core/auth/capabilities';
import { ARCHIVABLE_NODE_FIELDS, NODE_FIELDS, connection, fields, payload } from '../../core/permissions/fields';
import { allow, below, mutation, ofTheCommunity, overPerson, type PermissionPart } from '../../core/permissions/rules';
import { all, communityOf, field, inputOf, labelled, rowOf } from '../../core/permissions/targets';
import { CommunitySpec } from '../geography/community.loaders';
import { BuildingSpec } from '../places/building.loaders';
import { CompoundSpec } from '../places/compound.loaders';
import { HouseholdSpec } from '../places/household.loaders';
import { PersonSpec } from '../people/person.loaders';
import { BuildingGroupSpec } from './building-group.loaders';
import { CommunityCommitteeSpec } from './community-committee.loaders';
import { CompoundBranchSpec } from './compound-branch.loaders';
import { MemberHouseholdSpec } from './member-household.loaders';
import { PartyMembershipSpec } from './party-membership.loaders';

const { READ_STRUCTURE, READ_HOUSEHOLDS, READ_PERSONS, WRITE_ORGANIZATION } = Capability;

/** Optional person IDs in organization inputs (secretaries, leaders) must be visible too. */
const person = (name: string) => field(PersonSpec, name);

/** Who may see and change the four-level organization, its coverage of places and its members. */
export const organizationRules: PermissionPart = {
  Mutation: {
    updateCommunityCommittee: mutation(
      'updateCommunityCommittee',
      WRITE_ORGANIZATION,
      all(field(CommunityCommitteeSpec, 'id'), person('secretaryId')),
    ),
    createCompoundBranch: mutation(
      'createCompoundBranch',
      WRITE_ORGANIZATION,
      all(field(CommunitySpec, 'communityId'), person('secretaryId')),
    ),
    updateCompoundBranch: mutation('updateCompoundBranch', WRITE_ORGANIZATION, all(field(CompoundBranchSpec, 'id'), person('secretaryId'))),
    createBuildingGroup: mutation(
      'createBuildingGroup',
      WRITE_ORGANIZATION,
      all(field(CompoundBranchSpec, 'branchId'), person('leaderId')),
    ),
    updateBuildingGroup: mutation('updateBuildingGroup', WRITE_ORGANIZATION, all(field(BuildingGroupSpec, 'id'), person('leaderId'))),
    assignCompoundToBranch: mutation(
      'assignCompoundToBranch',
      WRITE_ORGANIZATION,
      all(field(CompoundSpec, 'compoundId'), field(CompoundBranchSpec, 'branchId')),
    ),
    // Graduation creates a branch under the community committee: it needs the community's scope.
    graduateCompound: mutation(
      'graduateCompound',
      WRITE_ORGANIZATION,
      labelled(
        async (args, ctx) => [communityOf(await rowOf(ctx, CompoundSpec, inputOf(args).compoundId))],
        'the community of input.compoundId (Compound)',
      ),
    ),
    // Moving a building between groups is organization work, over both the building and the group.
    moveBuilding: mutation(
      'moveBuilding',
      WRITE_ORGANIZATION,
      all(field(BuildingSpec, 'buildingId'), field(BuildingGroupSpec, 'buildingGroupId')),
    ),
    designateMemberHousehold: mutation('designateMemberHousehold', WRITE_ORGANIZATION, field(HouseholdSpec, 'householdId')),
    updateMemberHousehold: mutation('updateMemberHousehold', WRITE_ORGANIZATION, field(MemberHouseholdSpec, 'id')),
    undesignateMemberHousehold: mutation('undesignateMemberHousehold', WRITE_ORGANIZATION, field(MemberHouseholdSpec, 'id')),
    recordPartyMembership: mutation(
      'recordPartyMembership',
      WRITE_ORGANIZATION,
      all(field(PersonSpec, 'personId'), field(CompoundBranchSpec, 'branchId')),
    ),
    updatePartyMembership: mutation(
      'updatePartyMembership',
      WRITE_ORGANIZATION,
      all(field(PartyMembershipSpec, 'id'), field(CompoundBranchSpec, 'branchId')),
    ),
    endPartyMembership: mutation('endPartyMembership', WRITE_ORGANIZATION, field(PartyMembershipSpec, 'id')),
  },
  Community: { committee: allow, partyMemberCount: allow, compoundBranches: below(READ_STRUCTURE) },
  Compound: { branch: allow, branchHistory: below(READ_STRUCTURE) },
  Building: { buildingGroup: allow },
  Household: { buildingGroup: allow, memberHousehold: allow },
  Person: { partyMembership: below(READ_PERSONS), partyMemberships: below(READ_PERSONS) },
  // Secretaries and leaders are persons, and residents too: their record needs a duty of care for
  // them (READ_PERSONS over their household); everyone who sees the organization sees their public
  // face (*Profile: name, post, plate duties and pledge) — its own people, not the offices above.
  CommunityCommittee: {
    ...ARCHIVABLE_NODE_FIELDS,
    ...fields(allow, 'name', 'brandName', 'community'),
    secretary: overPerson(READ_PERSONS, 'secretaryId'),
    secretaryProfile: ofTheCommunity,
    branches: below(READ_STRUCTURE),
  },
  CompoundBranch: {
    ...ARCHIVABLE_NODE_FIELDS,
    ...fields(allow, 'name', 'kind', 'establishedOn', 'community', 'committee'),
    secretary: overPerson(READ_PERSONS, 'secretaryId'),
    secretaryProfile: ofTheCommunity,
    compounds: below(READ_STRUCTURE),
    compoundHistory: below(READ_STRUCTURE),
    buildingGroups: below(READ_STRUCTURE),
    partyMemberships: below(READ_PERSONS),
  },
  CompoundBranchAssignment: fields(allow, 'since', 'until', 'reason', 'compound', 'branch'),
  BuildingGroup: {
    ...ARCHIVABLE_NODE_FIELDS,
    ...fields(allow, 'name', 'branch', 'community'),
    leader: overPerson(READ_PERSONS, 'leaderId'),
    leaderProfile: ofTheCommunity,
    buildings: below(READ_STRUCTURE),
    // The 共产党员户 plates are shown publicly; the households behind them keep their rooms masked.
    memberHouseholds: below(READ_STRUCTURE),
  },
  MemberHousehold: {
    ...ARCHIVABLE_NODE_FIELDS,
    ...fields(allow, 'designatedOn', 'undesignatedOn', 'displaysPlate', 'duties', 'pledge', 'specialties', 'buildingGroup', 'active'),
    household: below(READ_HOUSEHOLDS),
  },
  PartyMembership: {
    ...NODE_FIELDS,
    ...fields(allow, 'organizationRelation', 'status', 'homeOrganization', 'joinedOn', 'endedOn', 'person', 'branch', 'active'),
  },
  ...connection('CompoundBranch'),
  ...connection('BuildingGroup'),
  ...connection('MemberHousehold'),
  ...connection('PartyMembership'),
  ...payload('UpdateCommunityCommitteePayload', 'committee'),
  ...payload('CreateCompoundBranchPayload', 'branch'),
  ...payload('UpdateCompoundBranchPayload', 'branch'),
  ...payload('CreateBuildingGroupPayload', 'buildingGroup'),
  ...payload('UpdateBuildingGroupPayload', 'buildingGroup'),
  ...payload('AssignCompoundToBranchPayload', 'compound'),
  ...payload('GraduateCompoundPayload', 'compound', 'branch'),
  ...payload('MoveBuildingPayload', 'building'),
  ...payload('DesignateMemberHouseholdPayload', 'memberHousehold'),
  ...payload('UpdateMemberHouseholdPayload', 'memberHousehold'),
  ...payload('UndesignateMemberHouseholdPayload', 'memberHousehold'),
  ...payload('RecordPartyMembershipPayload', 'partyMembership'),
  ...payload('UpdatePartyMembershipPayload', 'partyMembership'),
  ...payload('EndPartyMembershipPayload', 'partyMembership'),
};
