import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { DateScalar } from '../../core/graphql/scalars';
import { ScheduleKind } from './meetings.enums';

@ObjectType('MeetingSchedule', {
  implements: Node,
  simpleResolvers: true,
  description: 'A recurring meeting of a community or compound, by a real recurrence rule.',
})
export class MeetingScheduleType extends NodeFields {
  @Field(() => ScheduleKind, { description: 'Which kind of meeting.' })
  kind!: ScheduleKind;

  @Field({ description: 'Its name (e.g. 逢三说事).' })
  title!: string;

  @Field({ description: 'The RFC 5545 recurrence rule (without DTSTART).' })
  rule!: string;

  @Field(() => DateScalar, { description: 'The first day it may fall on.' })
  startsOn!: string;

  @Field({ description: 'Local time of day, HH:MM.' })
  startTime!: string;

  @Field({ description: 'Whether a day on a weekend or listed holiday moves to the next working day.' })
  nextWorkingDay!: boolean;

  @Field(() => [DateScalar], { description: 'Public holidays the schedule skips (with nextWorkingDay).' })
  holidays!: string[];
}
