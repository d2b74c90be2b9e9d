import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar, DateTimeScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, IntRange, Text } from '../../core/validation/rules';
import { AttendanceStatus, MeetingKind, MeetingProposalStep, MeetingStatus } from './occurrence.enums';
import { MeetingOccurrenceType } from './occurrence.types';

@InputType({ description: 'Materialises the meetings of a schedule between two days (those already there are kept).' })
export class MaterializeMeetingOccurrencesInput {
  @Field(() => ID, { description: 'The schedule.' })
  @GlobalId()
  meetingScheduleId!: string;

  @Field(() => DateScalar, { description: 'The first day of the window.' })
  @CalendarDate(false)
  from!: string;

  @Field(() => DateScalar, { description: 'The last day of the window (at most 366 days after the first).' })
  @CalendarDate(false)
  to!: string;

  @Field(() => Int, { nullable: true, description: 'How long each meeting lasts, in minutes (default 120).' })
  @IntRange(15, 24 * 60)
  durationMinutes?: number | null;

  @Field(() => String, { nullable: true, description: 'Where the meetings are held.' })
  @Text({ max: 200, nullable: true })
  place?: string | null;

  @Field(() => MeetingKind, { nullable: true, description: 'For a CUSTOM schedule: which kind its meetings are (default OTHER).' })
  kind?: MeetingKind | null;
}

@InputType({ description: 'A one-off meeting of a community or one of its compounds.' })
export class CreateMeetingOccurrenceInput {
  @Field(() => ID, { description: 'The community.' })
  @GlobalId()
  communityId!: string;

  @Field(() => ID, { nullable: true, description: "A compound of it; null for the community's own." })
  @GlobalId(true)
  compoundId?: string | null;

  @Field(() => MeetingKind, { description: 'Which kind of meeting.' })
  kind!: MeetingKind;

  @Field({ description: 'Its name.' })
  @Text({ max: 100 })
  title!: string;

  @Field(() => DateTimeScalar, { description: 'When it starts.' })
  startsAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When it ends (after it starts).' })
  endsAt!: Date;

  @Field(() => String, { nullable: true, description: 'Where it is held.' })
  @Text({ max: 200, nullable: true })
  place?: string | null;
}

@InputType({ description: 'Marks a meeting held or cancelled (or back to scheduled).' })
export class SetMeetingStatusInput {
  @Field(() => ID, { description: 'The meeting.' })
  @GlobalId()
  occurrenceId!: string;

  @Field(() => MeetingStatus, { description: 'The new status.' })
  status!: MeetingStatus;
}

@InputType({ description: 'Adds a point to a meeting’s agenda, optionally about an issue and/or a spending proposal.' })
export class AddMeetingAgendaItemInput {
  @Field(() => ID, { description: 'The meeting.' })
  @GlobalId()
  occurrenceId!: string;

  @Field({ description: 'What is to be talked through.' })
  @Text({ max: 200 })
  title!: string;

  @Field(() => ID, { nullable: true, description: 'A resident’s issue it is about (one the caller may see).' })
  @GlobalId(true)
  issueId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A spending proposal it is about (one the caller may read).' })
  @GlobalId(true)
  proposalId?: string | null;
}

@InputType({ description: 'Invites persons of the meeting’s community to it.' })
export class InviteToMeetingInput {
  @Field(() => ID, { description: 'The meeting.' })
  @GlobalId()
  occurrenceId!: string;

  @Field(() => [ID], { description: 'The persons (at most 200); those already invited stay as they are.' })
  personIds!: string[];
}

@InputType({ description: 'Records a person’s attendance at a meeting (an organiser’s register).' })
export class RecordAttendanceInput {
  @Field(() => ID, { description: 'The meeting.' })
  @GlobalId()
  occurrenceId!: string;

  @Field(() => ID, { description: 'The person (invited by this, if not yet).' })
  @GlobalId()
  personId!: string;

  @Field(() => AttendanceStatus, { description: 'Their attendance.' })
  status!: AttendanceStatus;

  @Field(() => ID, { nullable: true, description: 'For PROXY: who represented them.' })
  @GlobalId(true)
  proxyPersonId?: string | null;
}

@InputType({ description: 'Records a meeting’s minutes (replacing earlier ones).' })
export class RecordMeetingMinutesInput {
  @Field(() => ID, { description: 'The meeting.' })
  @GlobalId()
  occurrenceId!: string;

  @Field({ description: 'The minutes.' })
  @Text({ max: 20_000, multiline: true })
  minutes!: string;
}

@InputType({ description: 'Records what a meeting decided; it may move the issue or proposal of its agenda item.' })
export class RecordMeetingDecisionInput {
  @Field(() => ID, { description: 'The meeting.' })
  @GlobalId()
  occurrenceId!: string;

  @Field(() => ID, { nullable: true, description: 'The agenda item it answers (of this meeting).' })
  @GlobalId(true)
  agendaItemId?: string | null;

  @Field({ description: 'The decision.' })
  @Text({ max: 2000, multiline: true })
  text!: string;

  @Field(() => Int, { nullable: true, description: 'Votes for, when it voted.' })
  @IntRange(0, 100_000)
  votesFor?: number | null;

  @Field(() => Int, { nullable: true, description: 'Votes against.' })
  @IntRange(0, 100_000)
  votesAgainst?: number | null;

  @Field(() => Int, { nullable: true, description: 'Abstentions.' })
  @IntRange(0, 100_000)
  abstentions?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Resolve the agenda item’s issue with this decision as the note (the caller must be able to resolve it on the ladder).',
  })
  resolvesIssue?: boolean | null;

  @Field(() => MeetingProposalStep, {
    nullable: true,
    description:
      'Take this spending step on the agenda item’s proposal, citing this meeting, its register and votes (the caller needs the step’s capability).',
  })
  proposalStep?: MeetingProposalStep | null;
}

@InputType({ description: 'Records that an issue was taken in during an office hour (坐班) or a 逢三说事.' })
export class RecordIssueTakenInInput {
  @Field(() => ID, { description: 'The office hour or 逢三说事.' })
  @GlobalId()
  occurrenceId!: string;

  @Field(() => ID, { description: 'The issue (one the caller may see).' })
  @GlobalId()
  issueId!: string;
}

export const MeetingOccurrencePayload = PayloadType(
  'MeetingOccurrencePayload',
  'occurrence',
  MeetingOccurrenceType,
  'The meeting as it is now.',
);

@ObjectType('AddMeetingAgendaItemPayload', {
  simpleResolvers: true,
})
export class AddMeetingAgendaItemPayload extends MeetingOccurrencePayload {}

@ObjectType('CheckInToMeetingPayload', {
  simpleResolvers: true,
})
export class CheckInToMeetingPayload extends MeetingOccurrencePayload {}

@ObjectType('CreateMeetingOccurrencePayload', {
  simpleResolvers: true,
})
export class CreateMeetingOccurrencePayload extends MeetingOccurrencePayload {}

@ObjectType('InviteToMeetingPayload', {
  simpleResolvers: true,
})
export class InviteToMeetingPayload extends MeetingOccurrencePayload {}

@ObjectType('RecordIssueTakenInPayload', {
  simpleResolvers: true,
})
export class RecordIssueTakenInPayload extends MeetingOccurrencePayload {}

@ObjectType('RecordMeetingAttendancePayload', {
  simpleResolvers: true,
})
export class RecordMeetingAttendancePayload extends MeetingOccurrencePayload {}

@ObjectType('RecordMeetingDecisionPayload', {
  simpleResolvers: true,
})
export class RecordMeetingDecisionPayload extends MeetingOccurrencePayload {}

@ObjectType('RecordMeetingMinutesPayload', {
  simpleResolvers: true,
})
export class RecordMeetingMinutesPayload extends MeetingOccurrencePayload {}

@ObjectType('SetMeetingStatusPayload', {
  simpleResolvers: true,
})
export class SetMeetingStatusPayload extends MeetingOccurrencePayload {}

@InputType('RecordMeetingAttendanceInput', { description: 'What the `recordMeetingAttendance` mutation takes.' })
export class RecordMeetingAttendanceInput extends RecordAttendanceInput {}

@InputType('CheckInToMeetingInput', { description: 'What the `checkInToMeeting` mutation takes.' })
export class CheckInToMeetingInput {
  @Field({ description: 'The token the QR code carries.' })
  token!: string;
}
