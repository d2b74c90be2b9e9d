import { chain } from 'graphql-shield';
import { Capability } from '../../core/auth/capabilities';
import { can } from '../../core/auth/principal';
import { NotFoundError } from '../../core/errors/errors';
import { registerNodeReadCheck } from '../../core/graphql/node';
import { fields, NODE_FIELDS, payload } from '../../core/permissions/fields';
import {
  allow,
  authenticated,
  below,
  inCommunity,
  mayAct,
  mutation,
  overPerson,
  predicate,
  refusal,
  type ShieldRule as IRule,
} from '../../core/permissions/rules';
import { field, inputOf, labelled, rowOf } from '../../core/permissions/targets';
import { ExpenditureProposalSpec } from '../finance/finance.loaders';
import { STEPS } from '../finance/spending.steps';
import { CommunitySpec } from '../geography/community.loaders';
import { actingRole, maySeeIssue } from '../issues/issues.access';
import { ResidentIssueSpec } from '../issues/issues.loaders';
import { CompoundSpec } from '../places/compound.loaders';
import { meetingByToken } from './occurrence.batches';
import { type MeetingProposalStep } from './occurrence.enums';
import { maySeeOccurrence, personOf } from './occurrence.access';
import { MeetingAgendaItemSpec, MeetingOccurrenceSpec } from './occurrence.loaders';
import { MeetingScheduleSpec } from './meetings.loaders';

const { READ_STRUCTURE, WRITE_ORGANIZATION, READ_PERSONS, READ_ACCOUNTS } = Capability;

/*
 * Meetings are kept by their organisers (those who keep the organization where the meeting is:
 * a compound's branch, the community for its own meetings) and seen by everyone inside the
 * meeting's compound or community (occurrence.access.ts). Linking an issue or proposal needs
 * seeing it; a decision that moves one needs what moving it needs in its own module.
 */

registerNodeReadCheck(MeetingOccurrenceSpec, maySeeOccurrence);
// An agenda item is seen where its meeting is.
registerNodeReadCheck(MeetingAgendaItemSpec, maySeeOccurrence);

const occurrenceTarget = field(MeetingOccurrenceSpec, 'occurrenceId');
const organiser = (name: string): IRule => mutation(name, WRITE_ORGANIZATION, occurrenceTarget);

const placeTarget = labelled(
  (args, ctx) => (inputOf(args).compoundId ? field(CompoundSpec, 'compoundId')(args, ctx) : field(CommunitySpec, 'communityId')(args, ctx)),
  'input.compoundId (Compound) when given, else input.communityId (Community)',
);

const linksVisible = predicate(
  'meetings:linksVisible',
  'the issue named is one the caller sees on the ladder, the proposal one whose account the caller reads',
  async (args, ctx) => {
    const input = inputOf(args);
    if (input.issueId) {
      const issue = await rowOf(ctx, ResidentIssueSpec, input.issueId);
      if (!issue || !maySeeIssue(ctx.principal, issue)) return new NotFoundError('ResidentIssue', { field: ['input', 'issueId'] });
    }
    if (input.proposalId) {
      const proposal = await rowOf(ctx, ExpenditureProposalSpec, input.proposalId);
      if (!proposal || !can(ctx.principal, READ_ACCOUNTS, proposal))
        return new NotFoundError('ExpenditureProposal', { field: ['input', 'proposalId'] });
    }
    return true;
  },
);

const decisionMoves = predicate(
  'meetings:decisionMoves',
  "resolving the agenda item's issue needs the caller's rung of the ladder to fit it; a spending step needs that step's capability over the proposal",
  async (args, ctx) => {
    const input = inputOf(args);
    if (!input.resolvesIssue && !input.proposalStep) return true;
    const item = await rowOf(ctx, MeetingAgendaItemSpec, input.agendaItemId);
    if (!item) return input.agendaItemId ? new NotFoundError('MeetingAgendaItem', { field: ['input', 'agendaItemId'] }) : true;
    if (input.resolvesIssue && item.issueId !== null) {
      const issue = await ctx.loaders.node(ResidentIssueSpec).load(item.issueId);
      if (!issue || !actingRole(ctx.principal, issue)) return refusal(ctx);
    }
    if (input.proposalStep && item.proposalId !== null) {
      const proposal = await ctx.loaders.node(ExpenditureProposalSpec).load(item.proposalId);
      const step = STEPS[input.proposalStep as MeetingProposalStep];
      if (!proposal || !mayAct(ctx.principal, step.capability(proposal.status, proposal.spendingPath), proposal)) return refusal(ctx);
    }
    return true;
  },
);

const issueVisible = predicate('meetings:issueVisible', 'the issue is one the caller sees on the ladder', async (args, ctx) => {
  const issue = await rowOf(ctx, ResidentIssueSpec, inputOf(args).issueId);
  return issue && maySeeIssue(ctx.principal, issue) ? true : new NotFoundError('ResidentIssue', { field: ['input', 'issueId'] });
});

const invitedByToken = predicate(
  'meetings:invitedByToken',
  'the token names a meeting of a community the caller reaches, and the caller (their person) is on its register',
  async (args, ctx) => {
    const found = await meetingByToken(ctx, String(inputOf(args).token ?? ''), personOf(ctx.principal));
    if (!found) return new NotFoundError('MeetingOccurrence', { field: ['input', 'token'] });
    return found.invited ? true : refusal(ctx);
  },
);

export const occurrenceRules: Record<string, Record<string, IRule>> = {
  Community: { meetingOccurrences: inCommunity(READ_STRUCTURE) },
  MeetingOccurrence: {
    ...NODE_FIELDS,
    ...fields(
      allow,
      'kind',
      'title',
      'startsAt',
      'endsAt',
      'place',
      'status',
      'minutes',
      'minutesRecordedBy',
      'minutesRecordedAt',
      'schedule',
      'agenda',
      'attendance',
      'myAttendance',
      'decisions',
      'issuesTakenIn',
      'permissions',
    ),
    checkInToken: below(WRITE_ORGANIZATION),
  },
  MeetingOccurrencePermissions: fields(
    allow,
    'canMarkHeld',
    'canCancel',
    'canAddAgendaItem',
    'canInvite',
    'canRecordAttendance',
    'canRecordMinutes',
    'canRecordDecision',
    'canRecordIssueTakenIn',
    'canCheckIn',
  ),
  MeetingAgendaItem: { ...NODE_FIELDS, ...fields(allow, 'position', 'title', 'issue', 'proposal') },
  MeetingAttendance: {
    ...NODE_FIELDS,
    ...fields(allow, 'status', 'checkedInAt'),
    person: overPerson(READ_PERSONS, 'personId'),
    proxy: overPerson(READ_PERSONS, 'proxyPersonId'),
  },
  MeetingDecision: {
    ...NODE_FIELDS,
    ...fields(
      allow,
      'text',
      'votesFor',
      'votesAgainst',
      'abstentions',
      'recordedBy',
      'recordedAt',
      'agendaItem',
      'issueStep',
      'proposalTransition',
    ),
  },
  ProposalTransition: { meetingOccurrence: allow },
  ...payload('AddMeetingAgendaItemPayload', 'occurrence'),
  ...payload('CheckInToMeetingPayload', 'occurrence'),
  ...payload('CreateMeetingOccurrencePayload', 'occurrence'),
  ...payload('InviteToMeetingPayload', 'occurrence'),
  ...payload('RecordIssueTakenInPayload', 'occurrence'),
  ...payload('RecordMeetingAttendancePayload', 'occurrence'),
  ...payload('RecordMeetingDecisionPayload', 'occurrence'),
  ...payload('RecordMeetingMinutesPayload', 'occurrence'),
  ...payload('SetMeetingStatusPayload', 'occurrence'),
  ...payload('MaterializeMeetingOccurrencesPayload', 'occurrences'),
};

export const occurrenceMutationRules: Record<string, IRule> = {
  materializeMeetingOccurrences: mutation(
    'materializeMeetingOccurrences',
    WRITE_ORGANIZATION,
    field(MeetingScheduleSpec, 'meetingScheduleId'),
  ),
  createMeetingOccurrence: mutation('createMeetingOccurrence', WRITE_ORGANIZATION, placeTarget),
  setMeetingStatus: organiser('setMeetingStatus'),
  addMeetingAgendaItem: chain(organiser('addMeetingAgendaItem'), linksVisible),
  inviteToMeeting: organiser('inviteToMeeting'),
  recordMeetingAttendance: organiser('recordMeetingAttendance'),
  recordMeetingMinutes: organiser('recordMeetingMinutes'),
  recordMeetingDecision: chain(organiser('recordMeetingDecision'), decisionMoves),
  recordIssueTakenIn: chain(organiser('recordIssueTakenIn'), issueVisible),
  checkInToMeeting: chain(authenticated, invitedByToken),
};
