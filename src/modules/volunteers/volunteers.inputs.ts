import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar, DateTimeScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, IntRange, PastOrNearDate, Text } from '../../core/validation/rules';
import { VolunteerTeamKind } from './volunteers.enums';
import {
  VolunteerActivityType,
  VolunteerAttendanceType,
  VolunteerHonourType,
  VolunteerHoursType,
  VolunteerTeamType,
} from './volunteers.types';

@InputType({ description: 'A new volunteer team: of a compound (compoundId) or of the whole community (communityId).' })
export class CreateVolunteerTeamInput {
  @Field(() => ID, { nullable: true, description: 'The community, for a community-wide team.' })
  @GlobalId(true)
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The compound, for a compound’s team.' })
  @GlobalId(true)
  compoundId?: string | null;

  @Field({ description: 'e.g. 夜间巡逻队.' })
  @Text({ max: 100 })
  name!: string;

  @Field(() => VolunteerTeamKind, { description: 'What the team does.' })
  teamKind!: VolunteerTeamKind;

  @Field(() => ID, { nullable: true, description: 'The team leader (a person of the community).' })
  @GlobalId(true)
  leaderId?: string | null;
}

@InputType({ description: 'A team’s activity, once or recurring.' })
export class ScheduleVolunteerActivityInput {
  @Field(() => ID, { description: 'The team.' })
  @GlobalId()
  teamId!: string;

  @Field({ description: 'e.g. 周四合唱.' })
  @Text({ max: 100 })
  title!: string;

  @Field(() => DateTimeScalar, { description: 'The (first) start.' })
  startsAt!: string;

  @Field(() => Int, { description: 'Minutes each occurrence lasts (1 to 1,440).' })
  @IntRange(1, 1440, false)
  durationMinutes!: number;

  @Field(() => String, { nullable: true, description: 'An RFC 5545 RRULE without DTSTART, e.g. FREQ=DAILY or FREQ=WEEKLY;BYDAY=TH.' })
  @Text({ max: 200, nullable: true })
  recurrence?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it takes place.' })
  @Text({ max: 200, nullable: true })
  place?: string | null;
}

@InputType({ description: 'The caller signs up for one occurrence of an activity.' })
export class SignUpForVolunteerActivityInput {
  @Field(() => ID, { description: 'The activity.' })
  @GlobalId()
  activityId!: string;

  @Field(() => DateScalar, { description: 'The day of the occurrence.' })
  @CalendarDate(false)
  occursOn!: string;
}

@InputType({ description: 'The caller checks in at an activity with the code of its QR.' })
export class CheckInVolunteerInput {
  @Field(() => ID, { description: 'The activity.' })
  @GlobalId()
  activityId!: string;

  @Field({ description: 'The code the activity’s QR carries.' })
  @Text({ max: 32 })
  code!: string;
}

@InputType({ description: 'The caller checks out of an activity they checked in at today; their minutes go on the ledger.' })
export class CheckOutVolunteerInput {
  @Field(() => ID, { description: 'The activity.' })
  @GlobalId()
  activityId!: string;
}

@InputType({ description: 'Corrects a ledger entry: reverses it and, when minutes are given, records the right amount.' })
export class CorrectVolunteerHoursInput {
  @Field(() => ID, { description: 'The entry to reverse.' })
  @GlobalId()
  hoursId!: string;

  @Field(() => Int, { nullable: true, description: 'The right number of minutes (none: the entry was wrong altogether).' })
  @IntRange(1, 1440)
  minutes?: number | null;

  @Field({ description: 'Why.' })
  @Text({ max: 200 })
  reason!: string;
}

@InputType({ description: 'Records an honour for the community, a compound, a team or a person.' })
export class AwardVolunteerHonourInput {
  @Field(() => ID, { nullable: true, description: 'The community honoured (or whose compound, team or person is).' })
  @GlobalId(true)
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The compound honoured.' })
  @GlobalId(true)
  compoundId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The team honoured.' })
  @GlobalId(true)
  teamId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The person honoured.' })
  @GlobalId(true)
  personId?: string | null;

  @Field({ description: 'e.g. 全国最佳志愿服务社区.' })
  @Text({ max: 100 })
  title!: string;

  @Field({ description: 'The awarding body.' })
  @Text({ max: 100 })
  awardedBy!: string;

  @Field(() => DateScalar, { description: 'When it was awarded.' })
  @PastOrNearDate(0, false)
  awardedOn!: string;
}

export const VolunteerTeamPayload = PayloadType('VolunteerTeamPayload', 'team', VolunteerTeamType, 'The team after the mutation.');
export const VolunteerActivityPayload = PayloadType(
  'VolunteerActivityPayload',
  'activity',
  VolunteerActivityType,
  'The activity after the mutation.',
);
export const VolunteerAttendancePayload = PayloadType(
  'VolunteerAttendancePayload',
  'attendance',
  VolunteerAttendanceType,
  'The attendance after the mutation.',
);
export const VolunteerHoursPayload = PayloadType('VolunteerHoursPayload', 'hours', VolunteerHoursType, 'The last entry written.');
export const VolunteerHonourPayload = PayloadType('VolunteerHonourPayload', 'honour', VolunteerHonourType, 'The honour recorded.');

@ObjectType('AwardVolunteerHonourPayload', {
  simpleResolvers: true,
})
export class AwardVolunteerHonourPayload extends VolunteerHonourPayload {}

@ObjectType('CheckInVolunteerPayload', {
  simpleResolvers: true,
})
export class CheckInVolunteerPayload extends VolunteerAttendancePayload {}

@ObjectType('CheckOutVolunteerPayload', {
  simpleResolvers: true,
})
export class CheckOutVolunteerPayload extends VolunteerAttendancePayload {}

@ObjectType('SignUpForVolunteerActivityPayload', {
  simpleResolvers: true,
})
export class SignUpForVolunteerActivityPayload extends VolunteerAttendancePayload {}

@ObjectType('CorrectVolunteerHoursPayload', {
  simpleResolvers: true,
})
export class CorrectVolunteerHoursPayload extends VolunteerHoursPayload {}

@ObjectType('CreateVolunteerTeamPayload', {
  simpleResolvers: true,
})
export class CreateVolunteerTeamPayload extends VolunteerTeamPayload {}

@ObjectType('ScheduleVolunteerActivityPayload', {
  simpleResolvers: true,
})
export class ScheduleVolunteerActivityPayload extends VolunteerActivityPayload {}
