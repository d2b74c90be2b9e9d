import { Capability } from '../../core/auth/capabilities';
import { connection, fields, NODE_FIELDS, payload } from '../../core/permissions/fields';
import {
  allow,
  authenticated,
  below,
  inCommunity,
  mutation,
  overPerson,
  type PermissionPart,
  type ShieldRule,
} from '../../core/permissions/rules';
import { inPersonAt } from '../../core/permissions/in-person';
import { all, field } from '../../core/permissions/targets';
import { CommunitySpec } from '../geography/community.loaders';
import { PersonSpec } from '../people/person.loaders';
import { CompoundSpec } from '../places/compound.loaders';
import { VolunteerActivitySpec, VolunteerHoursSpec, VolunteerTeamSpec } from './volunteers.loaders';

const { READ_STRUCTURE, READ_PERSONS, READ_AGGREGATES, WRITE_ORGANIZATION } = Capability;

/**
 * Volunteering is done by the caller in person, at an activity of a community they belong to (any
 * role there): the activity must exist where they reach, and they must be a person on record.
 */
function inPerson(name: string): ShieldRule {
  return inPersonAt(
    name,
    VolunteerActivitySpec,
    'activityId',
    'signed in as a person with a role in the activity’s community (volunteering in person)',
    (ctx, activity) => ctx.principal.bindings.some((b) => b.communityId === activity.communityId),
  );
}

const place = all(field(CommunitySpec, 'communityId'), field(CompoundSpec, 'compoundId'));

export const volunteersRules: PermissionPart = {
  Query: { myVolunteerHours: authenticated },
  Community: {
    volunteerTeams: inCommunity(READ_STRUCTURE),
    volunteerHonours: inCommunity(READ_STRUCTURE),
    volunteerMonths: below(READ_AGGREGATES),
  },
  VolunteerMonth: fields(allow, 'month', 'minutes', 'volunteers'),
  Person: { volunteerHours: overPerson(READ_PERSONS, 'pk'), volunteerMinutes: overPerson(READ_PERSONS, 'pk') },
  VolunteerTeam: {
    ...NODE_FIELDS,
    ...fields(allow, 'name', 'kind', 'compound', 'activities', 'minutes'),
    leader: overPerson(READ_PERSONS, 'leaderId'),
    hours: below(READ_PERSONS),
  },
  VolunteerActivity: {
    ...NODE_FIELDS,
    ...fields(allow, 'title', 'startsAt', 'durationMinutes', 'recurrence', 'place', 'team', 'occurrences'),
    checkInCode: below(WRITE_ORGANIZATION),
    attendances: below(READ_PERSONS),
  },
  VolunteerAttendance: {
    ...NODE_FIELDS,
    ...fields(allow, 'occursOn', 'signedUpAt', 'checkedInAt', 'checkedOutAt', 'activity'),
    person: overPerson(READ_PERSONS, 'personId'),
  },
  VolunteerHours: {
    ...NODE_FIELDS,
    ...fields(allow, 'servedOn', 'minutes', 'reason', 'recordedBy', 'team', 'activity', 'reverses'),
    person: overPerson(READ_PERSONS, 'personId'),
  },
  VolunteerHonour: {
    ...NODE_FIELDS,
    ...fields(allow, 'title', 'awardedBy', 'awardedOn', 'compound', 'team'),
    person: overPerson(READ_PERSONS, 'personId'),
  },
  ...connection('VolunteerHours'),
  ...payload('CreateVolunteerTeamPayload', 'team'),
  ...payload('ScheduleVolunteerActivityPayload', 'activity'),
  ...payload('CheckInVolunteerPayload', 'attendance'),
  ...payload('CheckOutVolunteerPayload', 'attendance'),
  ...payload('SignUpForVolunteerActivityPayload', 'attendance'),
  ...payload('CorrectVolunteerHoursPayload', 'hours'),
  ...payload('AwardVolunteerHonourPayload', 'honour'),
};

export const volunteersMutationRules: Record<string, ShieldRule> = {
  createVolunteerTeam: mutation('createVolunteerTeam', WRITE_ORGANIZATION, all(place, field(PersonSpec, 'leaderId'))),
  scheduleVolunteerActivity: mutation('scheduleVolunteerActivity', WRITE_ORGANIZATION, field(VolunteerTeamSpec, 'teamId')),
  signUpForVolunteerActivity: inPerson('signUpForVolunteerActivity'),
  checkInVolunteer: inPerson('checkInVolunteer'),
  checkOutVolunteer: inPerson('checkOutVolunteer'),
  correctVolunteerHours: mutation('correctVolunteerHours', WRITE_ORGANIZATION, field(VolunteerHoursSpec, 'hoursId')),
  awardVolunteerHonour: mutation(
    'awardVolunteerHonour',
    WRITE_ORGANIZATION,
    all(place, field(VolunteerTeamSpec, 'teamId'), field(PersonSpec, 'personId')),
  ),
};
