import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { BadUserInputError } from '../../core/errors/errors';
import { payloadOf } from '../../core/graphql/payload';
import { mayReadNode } from '../../core/graphql/node';
import { readableRelated, related } from '../../core/graphql/relations';
import { DateScalar } from '../../core/graphql/scalars';
import { ExpenditureProposalSpec, ProposalTransitionSpec, type ProposalTransitionRow } from '../finance/finance.loaders';
import { ExpenditureProposalType, ProposalTransitionType } from '../finance/finance.types';
import type { CommunityRow } from '../geography/community.loaders';
import { CommunityType } from '../geography/geography.types';
import { IssueStepSpec, ResidentIssueSpec } from '../issues/issues.loaders';
import { IssueStepType, ResidentIssueType } from '../issues/issues.types';
import { PersonSpec } from '../people/person.loaders';
import { PersonType } from '../people/people.types';
import { MeetingScheduleSpec } from './meetings.loaders';
import { MeetingScheduleType } from './meetings.types';
import { isOrganiser, maySeeOccurrence, personOf } from './occurrence.access';
import { issuesTakenIn, occurrenceOfTransition, occurrencesOfCommunity, ownAttendance } from './occurrence.batches';
import {
  AddMeetingAgendaItemInput,
  CreateMeetingOccurrenceInput,
  InviteToMeetingInput,
  MaterializeMeetingOccurrencesInput,
  AddMeetingAgendaItemPayload,
  CheckInToMeetingInput,
  CheckInToMeetingPayload,
  CreateMeetingOccurrencePayload,
  InviteToMeetingPayload,
  RecordIssueTakenInPayload,
  RecordMeetingAttendancePayload,
  RecordMeetingDecisionPayload,
  RecordMeetingMinutesPayload,
  SetMeetingStatusPayload,
  RecordMeetingAttendanceInput,
  RecordIssueTakenInInput,
  RecordMeetingDecisionInput,
  RecordMeetingMinutesInput,
  SetMeetingStatusInput,
} from './occurrence.inputs';
import {
  MeetingAgendaItemSpec,
  MeetingAttendanceSpec,
  MeetingDecisionSpec,
  MeetingOccurrenceSpec,
  type MeetingAgendaItemRow,
  type MeetingAttendanceRow,
  type MeetingDecisionRow,
  type MeetingOccurrenceRow,
} from './occurrence.loaders';
import { occurrenceService } from './occurrence.service';
import {
  MeetingAgendaItemType,
  MeetingAttendanceType,
  MeetingDecisionType,
  MaterializeMeetingOccurrencesPayload,
  MeetingOccurrenceType,
} from './occurrence.types';

@Resolver(() => CommunityType)
export class CommunityOccurrencesResolver {
  @FieldResolver(() => [MeetingOccurrenceType], {
    description: "The community's meetings between two days (inclusive, at most 366 days apart) that the caller may see, by start.",
  })
  async meetingOccurrences(
    @Root() community: CommunityRow,
    @Arg('from', () => DateScalar, { description: 'The first day.' }) from: string,
    @Arg('to', () => DateScalar, { description: 'The last day.' }) to: string,
    @Ctx() ctx: RequestContext,
  ) {
    if (to < from || Date.parse(to) - Date.parse(from) > 366 * 86_400_000)
      throw new BadUserInputError('to must follow from, at most 366 days later', { argument: 'to' });
    const rows = await occurrencesOfCommunity(ctx, community.pk, from, to);
    return rows.filter((r) => maySeeOccurrence(ctx.principal, r));
  }
}

@Resolver(() => MeetingOccurrenceType)
export class MeetingOccurrenceResolver {
  @FieldResolver(() => MeetingScheduleType, { nullable: true, description: 'The schedule it is an occurrence of; null for a one-off.' })
  schedule(@Root() occurrence: MeetingOccurrenceRow, @Ctx() ctx: RequestContext) {
    return related(ctx, MeetingScheduleSpec, occurrence.scheduleId);
  }

  @FieldResolver(() => [MeetingAgendaItemType], { description: 'Its agenda, in order.' })
  agenda(@Root() occurrence: MeetingOccurrenceRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(MeetingAgendaItemSpec, 'occurrence_id', 't.position, t.id').load(occurrence.pk);
  }

  @FieldResolver(() => [MeetingAttendanceType], {
    description: 'The register: everyone invited and whether they came (organisers see all of it, others their own line).',
  })
  async attendance(@Root() occurrence: MeetingOccurrenceRow, @Ctx() ctx: RequestContext) {
    const rows = await ctx.loaders.allBy(MeetingAttendanceSpec, 'occurrence_id').load(occurrence.pk);
    if (isOrganiser(ctx.principal, occurrence)) return rows;
    const me = personOf(ctx.principal);
    return rows.filter((r) => r.personId === me);
  }

  @FieldResolver(() => MeetingAttendanceType, { nullable: true, description: "The caller's own line of the register, if invited." })
  myAttendance(@Root() occurrence: MeetingOccurrenceRow, @Ctx() ctx: RequestContext) {
    return ownAttendance(ctx, occurrence);
  }

  @FieldResolver(() => [MeetingDecisionType], { description: 'What it decided, in order.' })
  decisions(@Root() occurrence: MeetingOccurrenceRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(MeetingDecisionSpec, 'occurrence_id').load(occurrence.pk);
  }

  @FieldResolver(() => [ResidentIssueType], {
    description: 'Office hours and 逢三说事: the issues taken in during it that the caller may see.',
  })
  async issuesTakenIn(@Root() occurrence: MeetingOccurrenceRow, @Ctx() ctx: RequestContext) {
    return (await issuesTakenIn(ctx, occurrence.pk)).filter((i) => mayReadNode(ctx.principal, ResidentIssueSpec.type, i));
  }

  @Mutation(() => MaterializeMeetingOccurrencesPayload, {
    description: "Materialises a schedule's meetings between two days by its recurrence rule; those already there are kept.",
  })
  async materializeMeetingOccurrences(
    @Arg('input', { description: 'The schedule and the window.' }) input: MaterializeMeetingOccurrencesInput,
    @Ctx() ctx: RequestContext,
  ) {
    const outcome = await occurrenceService.materialize(ctx, input);
    const rows = outcome.value ? await ctx.loaders.node(MeetingOccurrenceSpec).loadMany(outcome.value) : null;
    return { occurrences: rows, userErrors: outcome.userErrors };
  }

  @Mutation(() => CreateMeetingOccurrencePayload, { description: 'Creates a one-off meeting (an assembly, an extra joint meeting).' })
  async createMeetingOccurrence(
    @Arg('input', { description: 'The meeting.' }) input: CreateMeetingOccurrenceInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'occurrence', MeetingOccurrenceSpec, await occurrenceService.create(ctx, input));
  }

  @Mutation(() => SetMeetingStatusPayload, {
    description: 'Marks a meeting held (once it started) or cancelled; a held meeting stays held.',
  })
  async setMeetingStatus(
    @Arg('input', { description: 'The meeting and its status.' }) input: SetMeetingStatusInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'occurrence', MeetingOccurrenceSpec, await occurrenceService.setStatus(ctx, input));
  }

  @Mutation(() => AddMeetingAgendaItemPayload, { description: 'Adds a point to the agenda, about an issue and/or a spending proposal.' })
  async addMeetingAgendaItem(
    @Arg('input', { description: 'The agenda item.' }) input: AddMeetingAgendaItemInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'occurrence', MeetingOccurrenceSpec, await occurrenceService.addAgendaItem(ctx, input));
  }

  @Mutation(() => InviteToMeetingPayload, { description: 'Invites persons of the community to the meeting.' })
  async inviteToMeeting(
    @Arg('input', { description: 'The meeting and the persons.' }) input: InviteToMeetingInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'occurrence', MeetingOccurrenceSpec, await occurrenceService.invite(ctx, input));
  }

  @Mutation(() => RecordMeetingAttendancePayload, {
    description: "Records a person's attendance (present, absent, by proxy) on the register.",
  })
  async recordMeetingAttendance(
    @Arg('input', { description: 'The meeting, the person and their attendance.' }) input: RecordMeetingAttendanceInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'occurrence', MeetingOccurrenceSpec, await occurrenceService.recordAttendance(ctx, input));
  }

  @Mutation(() => CheckInToMeetingPayload, {
    description:
      '扫码签到: the signed-in caller, invited to the meeting, checks in by the token of its QR code (from an hour before until it ends).',
  })
  async checkInToMeeting(
    @Arg('input', { description: "The mutation's input: the token of the meeting's QR code." }) input: CheckInToMeetingInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'occurrence', MeetingOccurrenceSpec, await occurrenceService.checkIn(ctx, input.token));
  }

  @Mutation(() => RecordMeetingMinutesPayload, { description: "Records a held meeting's minutes." })
  async recordMeetingMinutes(
    @Arg('input', { description: 'The meeting and its minutes.' }) input: RecordMeetingMinutesInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'occurrence', MeetingOccurrenceSpec, await occurrenceService.recordMinutes(ctx, input));
  }

  @Mutation(() => RecordMeetingDecisionPayload, {
    description: "Records a held meeting's decision; it may resolve the agenda item's issue or take a spending step on its proposal.",
  })
  async recordMeetingDecision(
    @Arg('input', { description: 'The decision.' }) input: RecordMeetingDecisionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'occurrence', MeetingOccurrenceSpec, await occurrenceService.recordDecision(ctx, input));
  }

  @Mutation(() => RecordIssueTakenInPayload, {
    description: '坐班, 逢三说事: records an issue taken in during an office hour or a 逢三说事.',
  })
  async recordIssueTakenIn(
    @Arg('input', { description: 'The office hour and the issue.' }) input: RecordIssueTakenInInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'occurrence', MeetingOccurrenceSpec, await occurrenceService.recordIssueTakenIn(ctx, input));
  }
}

@Resolver(() => MeetingAgendaItemType)
export class MeetingAgendaItemResolver {
  @FieldResolver(() => ResidentIssueType, { nullable: true, description: 'The issue it is about, for those who may see it.' })
  issue(@Root() item: MeetingAgendaItemRow, @Ctx() ctx: RequestContext) {
    return readableRelated(ctx, ResidentIssueSpec, item.issueId);
  }

  @FieldResolver(() => ExpenditureProposalType, {
    nullable: true,
    description: 'The spending proposal it is about, for those who read its account.',
  })
  proposal(@Root() item: MeetingAgendaItemRow, @Ctx() ctx: RequestContext) {
    return readableRelated(ctx, ExpenditureProposalSpec, item.proposalId);
  }
}

@Resolver(() => MeetingAttendanceType)
export class MeetingAttendanceResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'The person (for those who may read them, and themselves).' })
  person(@Root() row: MeetingAttendanceRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, row.personId);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'Who represented them, for PROXY.' })
  proxy(@Root() row: MeetingAttendanceRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, row.proxyPersonId);
  }
}

@Resolver(() => MeetingDecisionType)
export class MeetingDecisionResolver {
  @FieldResolver(() => MeetingAgendaItemType, { nullable: true, description: 'The agenda item it answers.' })
  agendaItem(@Root() decision: MeetingDecisionRow, @Ctx() ctx: RequestContext) {
    return related(ctx, MeetingAgendaItemSpec, decision.agendaItemId);
  }

  @FieldResolver(() => IssueStepType, {
    nullable: true,
    description: "The step it took on the agenda item's issue, for those who see the issue.",
  })
  async issueStep(@Root() decision: MeetingDecisionRow, @Ctx() ctx: RequestContext) {
    const step = await related(ctx, IssueStepSpec, decision.issueStepId);
    return step && (await readableRelated(ctx, ResidentIssueSpec, step.issueId)) ? step : null;
  }

  @FieldResolver(() => ProposalTransitionType, {
    nullable: true,
    description: "The step it took on the agenda item's spending proposal, for those who read its account.",
  })
  proposalTransition(@Root() decision: MeetingDecisionRow, @Ctx() ctx: RequestContext) {
    return readableRelated(ctx, ProposalTransitionSpec, decision.proposalTransitionId);
  }
}

@Resolver(() => ProposalTransitionType)
export class ProposalTransitionMeetingResolver {
  @FieldResolver(() => MeetingOccurrenceType, {
    nullable: true,
    description: 'The meeting whose decision took this step (its register and votes are the step’s), for those who may see it.',
  })
  async meetingOccurrence(@Root() transition: ProposalTransitionRow, @Ctx() ctx: RequestContext) {
    const occurrence = await occurrenceOfTransition(ctx, transition.pk);
    return occurrence && maySeeOccurrence(ctx.principal, occurrence) ? occurrence : null;
  }
}
