import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { DateScalar } from '../../core/graphql/scalars';
import { VulnerabilityTag } from '../places/places.enums';
import { CareOutcome } from './care.enums';

@ObjectType('CareHelpItem', {
  implements: Node,
  simpleResolvers: true,
  description: 'One kind of help on the community’s linkage cards (the seven of the "147" method by default).',
})
export class CareHelpItemType extends NodeFields {
  @Field({ description: 'e.g. 生活帮扶.' })
  name!: string;

  @Field(() => Int, { description: 'Order on the card.' })
  position!: number;

  @Field(() => DateScalar, { nullable: true, description: 'Retired items stay on past visits; new visits cannot use them.' })
  retiredOn!: string | null;
}

@ObjectType('CareLink', {
  implements: Node,
  simpleResolvers: true,
  description: 'A line of a party member’s linkage card (联户卡): a household of the four kinds linked to the member, with its consent.',
})
export class CareLinkType extends NodeFields {
  @Field(() => VulnerabilityTag, {
    nullable: true,
    description: 'The special group the household is linked for. Sensitive: null without a duty of care for the household.',
  })
  tag!: string | null;

  @Field({ description: 'Who consented for the household, as they gave their name.' })
  consentBy!: string;

  @Field(() => DateScalar, { description: 'When the household consented.' })
  consentedOn!: string;

  @Field({ description: 'What the household agreed may be recorded about the visits.' })
  consentScope!: string;

  @Field(() => DateScalar, { description: 'When the link began.' })
  linkedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'When the link ended; null while active.' })
  endedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the link ended (moved away, another member took it over…).' })
  endedReason!: string | null;
}

@ObjectType('CareVisit', {
  implements: Node,
  simpleResolvers: true,
  description: 'A linkage activity: a visit or help given on a care link.',
})
export class CareVisitType extends NodeFields {
  @Field(() => DateScalar, { description: 'The day of the visit.' })
  visitedOn!: string;

  @Field({ description: 'What was done, within what the household consented may be recorded.' })
  done!: string;

  @Field(() => CareOutcome, { description: 'Solved, passed on, or still open.' })
  outcome!: CareOutcome;

  @Field(() => Int, { description: 'Minutes spent.' })
  minutesSpent!: number;

  @Field({ description: 'Login of who recorded it.' })
  recordedBy!: string;
}

@ObjectType('CareStaff', {
  implements: Node,
  simpleResolvers: true,
  description: 'A person appointed to the community’s care staff: a duty of care for every household of the community.',
})
export class CareStaffType extends NodeFields {
  @Field(() => DateScalar, { description: 'When the appointment began.' })
  appointedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'When it ended; null while active.' })
  endedOn!: string | null;

  @Field({ description: 'Login of who appointed them.' })
  appointedBy!: string;
}

@ObjectType('CareCompoundCount', {
  simpleResolvers: true,
  description: 'Special-group households of one compound and how many are linked.',
})
export class CareCompoundCountType {
  compoundId!: number;

  @Field(() => Int, { description: 'Active households carrying a special-group tag.' })
  tagged!: number;

  @Field(() => Int, { description: 'Of those, households with an active care link.' })
  linked!: number;

  @Field(() => Int, { description: 'Of those, households without one (the coverage gap).' })
  uncovered!: number;
}

@ObjectType('CareCoverage', {
  simpleResolvers: true,
  description: 'Whether every special-group household has a linked party member (确保特殊群体都有党员联户), for a community or a branch.',
})
export class CareCoverageType {
  householdIds!: number[];
  compounds!: CareCompoundCountType[];

  @Field(() => Int, { description: 'Active households carrying a special-group tag.' })
  tagged!: number;

  @Field(() => Int, { description: 'Of those, households with an active care link.' })
  linked!: number;

  @Field(() => Float, { nullable: true, description: 'Linked ÷ tagged, 0 to 1; null when no household is tagged.' })
  share!: number | null;
}

@ObjectType('CareMonth', { simpleResolvers: true, description: 'Linkage activities of one month in a community.' })
export class CareMonthType {
  @Field(() => DateScalar, { description: 'The first day of the month.' })
  month!: string;

  @Field(() => Int, { description: 'Visits and help recorded.' })
  visits!: number;

  @Field(() => Int, { description: 'Problems solved.' })
  solved!: number;

  @Field(() => Int, { description: 'Problems passed on to the community or another body.' })
  passedOn!: number;

  @Field(() => Int, { description: 'Minutes spent.' })
  minutes!: number;
}
