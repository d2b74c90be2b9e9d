import { Capability } from '../../core/auth/capabilities';
import { ARCHIVABLE_NODE_FIELDS, NODE_FIELDS, connection, fields, payload } from '../../core/permissions/fields';
import { allow, below, mutation, type PermissionPart } from '../../core/permissions/rules';
import { all, field } from '../../core/permissions/targets';
import { CommunitySpec } from '../geography/community.loaders';
import { BuildingSpec } from '../places/building.loaders';
import { CompoundSpec } from '../places/compound.loaders';
import { HouseholdSpec } from '../places/household.loaders';
import { UnitSpec } from '../places/unit.loaders';
import { DutyAssignmentSpec } from './duty-assignment.loaders';
import { PersonSpec } from './person.loaders';

const { READ_PERSONS, WRITE_PEOPLE, WRITE_ORGANIZATION } = Capability;

/** Who may see and change persons and their duties. */
export const peopleRules: PermissionPart = {
  Mutation: {
    createPerson: mutation('createPerson', WRITE_PEOPLE, all(field(HouseholdSpec, 'householdId'), field(CommunitySpec, 'communityId'))),
    updatePerson: mutation('updatePerson', WRITE_PEOPLE, all(field(PersonSpec, 'id'), field(HouseholdSpec, 'householdId'))),
    // Duties (两长四员) are the organization's appointments, of persons to places.
    assignDutyRole: mutation(
      'assignDutyRole',
      WRITE_ORGANIZATION,
      all(field(PersonSpec, 'personId'), field(CompoundSpec, 'compoundId'), field(BuildingSpec, 'buildingId'), field(UnitSpec, 'unitId')),
    ),
    endDutyAssignment: mutation('endDutyAssignment', WRITE_ORGANIZATION, field(DutyAssignmentSpec, 'id')),
  },
  Community: { persons: below(READ_PERSONS) },
  Household: { persons: below(READ_PERSONS) },
  // phone and idNumber are personal data: masked without a duty of care (see the personal-data declarations).
  Person: {
    ...ARCHIVABLE_NODE_FIELDS,
    ...fields(allow, 'name', 'gender', 'birthYear', 'phone', 'idNumber', 'isPartyMember', 'household', 'community'),
    dutyAssignments: below(READ_PERSONS),
  },
  // The public face of an office holder: the field that returned it was checked (ofTheCommunity).
  OfficeHolder: fields(allow, 'name', 'post', 'duties', 'pledge', 'specialties'),
  DutyAssignment: { ...NODE_FIELDS, ...fields(allow, 'role', 'startedOn', 'endedOn', 'person', 'compound', 'building', 'unit', 'active') },
  ...connection('Person'),
  ...connection('DutyAssignment'),
  ...payload('CreatePersonPayload', 'person'),
  ...payload('UpdatePersonPayload', 'person'),
  ...payload('AssignDutyRolePayload', 'dutyAssignment'),
  ...payload('EndDutyAssignmentPayload', 'dutyAssignment'),
};
