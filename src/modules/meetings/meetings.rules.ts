import { Capability } from '../../core/auth/capabilities';
import { fields, NODE_FIELDS, payload } from '../../core/permissions/fields';
import { allow, inCommunity, mutation, type ShieldRule as IRule } from '../../core/permissions/rules';
import { field, inputOf, labelled } from '../../core/permissions/targets';
import { CommunitySpec } from '../geography/community.loaders';
import { CompoundSpec } from '../places/compound.loaders';

const { READ_STRUCTURE, WRITE_ORGANIZATION } = Capability;

/* Schedules are the community's notice board: everyone in it sees them; the organization keeps them. */
export const meetingsRules: Record<string, Record<string, IRule>> = {
  Community: { meetingSchedules: inCommunity(READ_STRUCTURE) },
  MeetingSchedule: {
    ...NODE_FIELDS,
    ...fields(allow, 'kind', 'title', 'rule', 'startsOn', 'startTime', 'nextWorkingDay', 'holidays', 'occurrences', 'permissions'),
  },
  MeetingSchedulePermissions: fields(allow, 'canMaterialize'),
  ...payload('CreateMeetingSchedulePayload', 'schedule'),
};

// A compound's schedule is kept by those who keep the compound's organization (its branch); the
// community's own by the community. The service refuses a compound of another community.
const scheduleTarget = labelled(
  (args, ctx) => (inputOf(args).compoundId ? field(CompoundSpec, 'compoundId')(args, ctx) : field(CommunitySpec, 'communityId')(args, ctx)),
  'input.compoundId (Compound) when given, else input.communityId (Community)',
);

export const meetingsMutationRules: Record<string, IRule> = {
  createMeetingSchedule: mutation('createMeetingSchedule', WRITE_ORGANIZATION, scheduleTarget),
};
