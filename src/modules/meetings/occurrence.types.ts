import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { UserError } from '../../core/validation/user-error';
import { AttendanceStatus, MeetingKind, MeetingStatus } from './occurrence.enums';

@ObjectType('MeetingOccurrence', {
  implements: Node,
  simpleResolvers: true,
  description: 'One meeting: an occurrence of a schedule, or a one-off, with its agenda, attendance, minutes and decisions.',
})
export class MeetingOccurrenceType extends NodeFields {
  @Field(() => MeetingKind, { description: 'Which kind of meeting.' })
  kind!: MeetingKind;

  @Field({ description: 'Its name (e.g. 逢三说事).' })
  title!: string;

  @Field(() => DateTimeScalar, { description: 'When it starts (UTC).' })
  startsAt!: string;

  @Field(() => DateTimeScalar, { description: 'When it ends (UTC).' })
  endsAt!: string;

  @Field(() => String, { nullable: true, description: 'Where it is held.' })
  place!: string | null;

  @Field(() => MeetingStatus, { description: 'Scheduled, held or cancelled.' })
  status!: MeetingStatus;

  @Field({ description: 'The check-in token for its QR code (organisers only): those invited scan it to check in.' })
  checkInToken!: string;

  @Field(() => String, { nullable: true, description: 'The minutes, once recorded.' })
  minutes!: string | null;

  @Field(() => String, { nullable: true, description: 'Who recorded the minutes (login).' })
  minutesRecordedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the minutes were recorded.' })
  minutesRecordedAt!: string | null;
}

@ObjectType('MeetingAgendaItem', { implements: Node, simpleResolvers: true, description: 'A point on a meeting’s agenda.' })
export class MeetingAgendaItemType extends NodeFields {
  @Field(() => Int, { description: 'Its place on the agenda, from 1.' })
  position!: number;

  @Field({ description: 'What is to be talked through.' })
  title!: string;
}

@ObjectType('MeetingAttendance', { simpleResolvers: true, description: 'A person invited to a meeting and whether they came.' })
export class MeetingAttendanceType extends NodeFields {
  @Field(() => AttendanceStatus, { description: 'Invited, present, absent, or by proxy.' })
  status!: AttendanceStatus;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When they checked in by the QR code.' })
  checkedInAt!: string | null;
}

@ObjectType('MeetingDecision', { simpleResolvers: true, description: 'What a meeting decided, with its votes.' })
export class MeetingDecisionType extends NodeFields {
  @Field({ description: 'The decision.' })
  text!: string;

  @Field(() => Int, { nullable: true, description: 'Votes for, when it voted.' })
  votesFor!: number | null;

  @Field(() => Int, { nullable: true, description: 'Votes against.' })
  votesAgainst!: number | null;

  @Field(() => Int, { nullable: true, description: 'Abstentions.' })
  abstentions!: number | null;

  @Field({ description: 'Who recorded it (login).' })
  recordedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When it was recorded.' })
  recordedAt!: string;
}

@ObjectType('MeetingOccurrencesPayload', {
  simpleResolvers: true,
  description: 'What `materializeMeetingOccurrences` answers: the meetings of the window, or userErrors saying why nothing changed.',
})
export class MeetingOccurrencesPayload {
  @Field(() => [MeetingOccurrenceType], {
    nullable: true,
    description: 'The meetings in the window (those already there and the new ones), in order; null when refused.',
  })
  occurrences!: unknown[] | null;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType('MaterializeMeetingOccurrencesPayload', {
  simpleResolvers: true,
})
export class MaterializeMeetingOccurrencesPayload extends MeetingOccurrencesPayload {}
