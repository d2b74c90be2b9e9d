import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, Text } from '../../core/validation/rules';
import { ScheduleKind } from './meetings.enums';
import { MeetingScheduleType } from './meetings.types';

@InputType({ description: 'A new recurring meeting of a community, or of one of its compounds.' })
export class CreateMeetingScheduleInput {
  @Field(() => ID, { description: 'The community.' })
  @GlobalId()
  communityId!: string;

  @Field(() => ID, { nullable: true, description: "A compound of it; null for the community's own." })
  @GlobalId(true)
  compoundId?: string | null;

  @Field(() => ScheduleKind, { description: 'Which kind; CUSTOM needs `rule`.' })
  kind!: ScheduleKind;

  @Field({ description: 'Its name.' })
  @Text({ max: 100 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'For CUSTOM: an RRULE such as FREQ=MONTHLY;BYDAY=1MO.' })
  @Text({ max: 200, nullable: true })
  rule?: string | null;

  @Field(() => DateScalar, { description: 'The first day it may fall on.' })
  @CalendarDate(false)
  startsOn!: string;

  @Field({ description: 'Local time of day, HH:MM.' })
  @Text({ max: 5 })
  startTime!: string;

  @Field({ description: 'Move a day on a weekend or holiday to the next working day.' })
  nextWorkingDay!: boolean;

  @Field(() => [DateScalar], { nullable: true, description: 'Public holidays to skip.' })
  holidays?: string[] | null;
}

export const MeetingSchedulePayload = PayloadType('MeetingSchedulePayload', 'schedule', MeetingScheduleType, 'The schedule as created.');

@ObjectType('CreateMeetingSchedulePayload', {
  simpleResolvers: true,
})
export class CreateMeetingSchedulePayload extends MeetingSchedulePayload {}
