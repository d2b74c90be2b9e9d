import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { DateScalar, DateTimeScalar } from '../../core/graphql/scalars';
import { VolunteerTeamKind } from './volunteers.enums';

@ObjectType('VolunteerTeam', {
  implements: Node,
  simpleResolvers: true,
  description: '志愿服务队: a volunteer team of a community or a compound.',
})
export class VolunteerTeamType extends NodeFields {
  @Field({ description: 'e.g. 夜间巡逻队.' })
  name!: string;

  @Field(() => VolunteerTeamKind, { description: 'What the team does.' })
  kind!: VolunteerTeamKind;
}

@ObjectType('VolunteerActivity', {
  implements: Node,
  simpleResolvers: true,
  description: 'A team’s activity: once, or recurring by an RRULE (the nightly patrol, the Thursday choir).',
})
export class VolunteerActivityType extends NodeFields {
  @Field({ description: 'e.g. 周四合唱.' })
  title!: string;

  @Field(() => DateTimeScalar, { description: 'The (first) start.' })
  startsAt!: string;

  @Field(() => Int, { description: 'How long each occurrence lasts, in minutes.' })
  durationMinutes!: number;

  @Field(() => String, { nullable: true, description: 'RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=TH; null for a one-off.' })
  recurrence!: string | null;

  @Field(() => String, { nullable: true, description: 'Where it takes place.' })
  place!: string | null;

  @Field({ description: 'What the activity’s QR code carries (for those who organise it).' })
  checkInCode!: string;
}

@ObjectType('VolunteerAttendance', { implements: Node, simpleResolvers: true, description: 'A person at one occurrence of an activity.' })
export class VolunteerAttendanceType extends NodeFields {
  @Field(() => DateScalar, { description: 'The day of the occurrence.' })
  occursOn!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When they signed up (null: came without signing up).' })
  signedUpAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When they checked in.' })
  checkedInAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When they checked out.' })
  checkedOutAt!: string | null;
}

@ObjectType('VolunteerHours', {
  implements: Node,
  simpleResolvers: true,
  description: 'An entry of the volunteer-hours ledger (append-only; corrections are reversals).',
})
export class VolunteerHoursType extends NodeFields {
  @Field(() => DateScalar, { description: 'The day served.' })
  servedOn!: string;

  @Field(() => Int, { description: 'Minutes served; negative for a reversal.' })
  minutes!: number;

  @Field(() => String, { nullable: true, description: 'Why (for corrections).' })
  reason!: string | null;

  @Field({ description: 'Login of who recorded it (the volunteer checking out, or who corrected it).' })
  recordedBy!: string;
}

@ObjectType('VolunteerHonour', {
  implements: Node,
  simpleResolvers: true,
  description: 'An honour or title, with who awarded it and when.',
})
export class VolunteerHonourType extends NodeFields {
  @Field({ description: 'e.g. 全国最佳志愿服务社区.' })
  title!: string;

  @Field({ description: 'The awarding body.' })
  awardedBy!: string;

  @Field(() => DateScalar, { description: 'When it was awarded.' })
  awardedOn!: string;
}

@ObjectType('VolunteerMonth', { simpleResolvers: true, description: 'Volunteer service of one month in a community.' })
export class VolunteerMonthType {
  @Field(() => DateScalar, { description: 'The first day of the month.' })
  month!: string;

  @Field(() => Int, { description: 'Minutes served (corrections included).' })
  minutes!: number;

  @Field(() => Int, { description: 'Persons with hours that month.' })
  volunteers!: number;
}
