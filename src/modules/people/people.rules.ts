import type { ShieldRule as IRule } from '../../core/permissions/rules';
import { Capability } from '../../core/auth/capabilities';
import { NODE_FIELDS, ARCHIVABLE_NODE_FIELDS, connection, fields, payload } from '../../core/permissions/fields';
import { allow, below, mutation } from '../../core/permissions/rules';
import { all, field } from '../../core/permissions/targets';
import { CommunitySpec } from '../hierarchy/community.loaders';
import { CompoundBranchSpec } from '../hierarchy/compound-branch.loaders';
import { BuildingSpec } from '../places/building.loaders';
import { CompoundSpec } from '../places/compound.loaders';
import { HouseholdSpec } from '../places/household.loaders';
import { UnitSpec } from '../places/unit.loaders';
import { DutyAssignmentSpec } from './duty-assignment.loaders';
import { PartyMembershipSpec } from './party-membership.loaders';
import { PersonSpec } from './person.loaders';

const { READ_PERSONS, WRITE_PEOPLE, WRITE_ORGANIZATION } = Capability;

/** Who may see and change persons, party memberships and duties. */
export const peopleRules: Record<string, Record<string, IRule>> = {
  // phone and idNumber are personal data: their resolvers mask them without a duty of care.
  // A person reached as a secretary or leader of something shows their name; their memberships and
  // duties need READ_PERSONS over the person.
  Person: {
    ...ARCHIVABLE_NODE_FIELDS,
    ...fields(allow, 'name', 'gender', 'birthYear', 'phone', 'idNumber', 'household', 'community', 'isPartyMember'),
    partyMembership: below(READ_PERSONS),
    partyMemberships: below(READ_PERSONS),
    dutyAssignments: below(READ_PERSONS),
  },
  // The public face of an office holder: the field that returned it was checked (ofTheCommunity).
  OfficeHolder: fields(allow, 'name', 'post', 'duties', 'pledge', 'specialties'),
  PartyMembership: { ...NODE_FIELDS, ...fields(allow, 'organizationRelation', 'status', 'homeOrganization', 'joinedOn', 'endedOn', 'person', 'branch', 'active') },
  DutyAssignment: { ...NODE_FIELDS, ...fields(allow, 'role', 'startedOn', 'endedOn', 'person', 'compound', 'building', 'unit', 'active') },
  ...connection('Person'),
  ...connection('PartyMembership'),
  ...connection('DutyAssignment'),
  ...payload('CreatePersonPayload', 'person'),
  ...payload('UpdatePersonPayload', 'person'),
  ...payload('RecordPartyMembershipPayload', 'partyMembership'),
  ...payload('UpdatePartyMembershipPayload', 'partyMembership'),
  ...payload('EndPartyMembershipPayload', 'partyMembership'),
  ...payload('AssignDutyRolePayload', 'dutyAssignment'),
  ...payload('EndDutyAssignmentPayload', 'dutyAssignment'),
};

export const peopleMutationRules: Record<string, IRule> = {
  createPerson: mutation('createPerson', WRITE_PEOPLE, all(field(HouseholdSpec, 'householdId'), field(CommunitySpec, 'communityId'))),
  updatePerson: mutation('updatePerson', WRITE_PEOPLE, all(field(PersonSpec, 'id'), field(HouseholdSpec, 'householdId'))),
  recordPartyMembership: mutation('recordPartyMembership', WRITE_ORGANIZATION, all(field(PersonSpec, 'personId'), field(CompoundBranchSpec, 'branchId'))),
  updatePartyMembership: mutation('updatePartyMembership', WRITE_ORGANIZATION, all(field(PartyMembershipSpec, 'id'), field(CompoundBranchSpec, 'branchId'))),
  endPartyMembership: mutation('endPartyMembership', WRITE_ORGANIZATION, field(PartyMembershipSpec, 'id')),
  assignDutyRole: mutation(
    'assignDutyRole',
    WRITE_ORGANIZATION,
    all(field(PersonSpec, 'personId'), field(CompoundSpec, 'compoundId'), field(BuildingSpec, 'buildingId'), field(UnitSpec, 'unitId')),
  ),
  endDutyAssignment: mutation('endDutyAssignment', WRITE_ORGANIZATION, field(DutyAssignmentSpec, 'id')),
};
