import type { ShieldRule as IRule } from '../../core/permissions/rules';
import { Capability } from '../../core/auth/capabilities';
import { ARCHIVABLE_NODE_FIELDS, connection, fields, payload } from '../../core/permissions/fields';
import { allow, below, mutation, ofTheCommunity, overPerson, PLATFORM } from '../../core/permissions/rules';
import { all, communityOf, field, fixed, inputOf, labelled, rowOf } from '../../core/permissions/targets';
import { CompoundSpec } from '../places/compound.loaders';
import { HouseholdSpec } from '../places/household.loaders';
import { PersonSpec } from '../people/person.loaders';
import { BuildingGroupSpec } from './building-group.loaders';
import { CommunitySpec } from './community.loaders';
import { CommunityCommitteeSpec } from './community-committee.loaders';
import { CompoundBranchSpec } from './compound-branch.loaders';
import { DistrictSpec } from './district.loaders';
import { MemberHouseholdSpec } from './member-household.loaders';
import { StreetSpec } from './street.loaders';

const { READ_STRUCTURE, READ_HOUSEHOLDS, READ_PERSONS, MANAGE_ACCESS, WRITE_ORGANIZATION } = Capability;

/** Who may see and change the organization: districts to member households. */
export const hierarchyRules: Record<string, Record<string, IRule>> = {
  // Districts and streets are public: their names are the map everyone starts from.
  District: { ...ARCHIVABLE_NODE_FIELDS, ...fields(allow, 'name', 'city', 'streets'), communities: below(READ_STRUCTURE) },
  Street: { ...ARCHIVABLE_NODE_FIELDS, ...fields(allow, 'name', 'district'), communities: below(READ_STRUCTURE) },
  Community: {
    ...ARCHIVABLE_NODE_FIELDS,
    ...fields(allow, 'name', 'areaKm2', 'registeredResidents', 'district', 'street', 'committee', 'householdCount', 'partyMemberCount'),
    compounds: below(READ_STRUCTURE),
    compoundBranches: below(READ_STRUCTURE),
    persons: below(READ_PERSONS),
    roleBindings: below(MANAGE_ACCESS),
  },
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
  ...connection('District'),
  ...connection('Street'),
  ...connection('Community'),
  ...connection('CompoundBranch'),
  ...connection('BuildingGroup'),
  ...connection('MemberHousehold'),
  ...payload('CreateDistrictPayload', 'district'),
  ...payload('UpdateDistrictPayload', 'district'),
  ...payload('CreateStreetPayload', 'street'),
  ...payload('UpdateStreetPayload', 'street'),
  ...payload('CreateCommunityPayload', 'community'),
  ...payload('UpdateCommunityPayload', 'community'),
  ...payload('UpdateCommunityCommitteePayload', 'committee'),
  ...payload('CreateCompoundBranchPayload', 'branch'),
  ...payload('UpdateCompoundBranchPayload', 'branch'),
  ...payload('CreateBuildingGroupPayload', 'buildingGroup'),
  ...payload('UpdateBuildingGroupPayload', 'buildingGroup'),
  ...payload('AssignCompoundToBranchPayload', 'compound'),
  ...payload('GraduateCompoundPayload', 'compound', 'branch'),
  ...payload('DesignateMemberHouseholdPayload', 'memberHousehold'),
  ...payload('UpdateMemberHouseholdPayload', 'memberHousehold'),
  ...payload('UndesignateMemberHouseholdPayload', 'memberHousehold'),
};

/** Optional person IDs in organization inputs (secretaries, leaders) must be visible too. */
const person = (name: string) => field(PersonSpec, name);

export const hierarchyMutationRules: Record<string, IRule> = {
  createDistrict: mutation('createDistrict', WRITE_ORGANIZATION, fixed(PLATFORM, 'the platform')),
  updateDistrict: mutation('updateDistrict', WRITE_ORGANIZATION, field(DistrictSpec, 'id')),
  createStreet: mutation('createStreet', WRITE_ORGANIZATION, field(DistrictSpec, 'districtId')),
  updateStreet: mutation('updateStreet', WRITE_ORGANIZATION, field(StreetSpec, 'id')),
  createCommunity: mutation('createCommunity', WRITE_ORGANIZATION, field(StreetSpec, 'streetId')),
  updateCommunity: mutation('updateCommunity', WRITE_ORGANIZATION, field(CommunitySpec, 'id')),
  updateCommunityCommittee: mutation('updateCommunityCommittee', WRITE_ORGANIZATION, all(field(CommunityCommitteeSpec, 'id'), person('secretaryId'))),
  createCompoundBranch: mutation('createCompoundBranch', WRITE_ORGANIZATION, all(field(CommunitySpec, 'communityId'), person('secretaryId'))),
  updateCompoundBranch: mutation('updateCompoundBranch', WRITE_ORGANIZATION, all(field(CompoundBranchSpec, 'id'), person('secretaryId'))),
  createBuildingGroup: mutation('createBuildingGroup', WRITE_ORGANIZATION, all(field(CompoundBranchSpec, 'branchId'), person('leaderId'))),
  updateBuildingGroup: mutation('updateBuildingGroup', WRITE_ORGANIZATION, all(field(BuildingGroupSpec, 'id'), person('leaderId'))),
  assignCompoundToBranch: mutation('assignCompoundToBranch', WRITE_ORGANIZATION, all(field(CompoundSpec, 'compoundId'), field(CompoundBranchSpec, 'branchId'))),
  // Graduation creates a branch under the community committee: it needs the community's scope.
  graduateCompound: mutation(
    'graduateCompound',
    WRITE_ORGANIZATION,
    labelled(async (args, ctx) => [communityOf(await rowOf(ctx, CompoundSpec, inputOf(args).compoundId))], 'the community of input.compoundId (Compound)'),
  ),
  designateMemberHousehold: mutation('designateMemberHousehold', WRITE_ORGANIZATION, field(HouseholdSpec, 'householdId')),
  updateMemberHousehold: mutation('updateMemberHousehold', WRITE_ORGANIZATION, field(MemberHouseholdSpec, 'id')),
  undesignateMemberHousehold: mutation('undesignateMemberHousehold', WRITE_ORGANIZATION, field(MemberHouseholdSpec, 'id')),
};
