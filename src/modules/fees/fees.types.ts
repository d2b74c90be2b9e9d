import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { DateScalar, FenScalar } from '../../core/graphql/scalars';
import { FeeBasis, FeePeriod } from './fees.enums';

@ObjectType('FeeSchedule', { implements: Node, simpleResolvers: true, description: '收费标准: a fee agreed by the residents.' })
export class FeeScheduleType extends NodeFields {
  @Field({ description: 'Its name.' })
  name!: string;

  @Field(() => FeeBasis, { description: 'Per household or per m².' })
  basis!: FeeBasis;

  @Field(() => FenScalar, { description: 'Per household, or per m², per period.' })
  rateFen!: number;

  @Field(() => FeePeriod, { description: 'How often it is charged.' })
  period!: FeePeriod;

  @Field(() => DateScalar, { description: 'The day the owners agreed it.' })
  agreedOn!: string;

  @Field(() => DateScalar, { description: 'The first day it applies.' })
  effectiveFrom!: string;

  @Field(() => DateScalar, { description: 'The last day it applies; null while open-ended.', nullable: true })
  effectiveTo!: string | null;
}

@ObjectType('FeeCharge', { implements: Node, simpleResolvers: true, description: "A household's charge for one period." })
export class FeeChargeType extends NodeFields {
  @Field(() => DateScalar, { description: 'The first day of the period.' })
  period!: string;

  @Field(() => FenScalar, { description: 'The amount charged, in fen.' })
  amountFen!: number;

  @Field(() => FenScalar, { description: 'What has been paid, in fen.' })
  paidFen!: number;

  @Field(() => FenScalar, { description: 'What was waived, in fen.' })
  waivedFen!: number;
}

@ObjectType('FeeCollection', { simpleResolvers: true, description: 'Fee collection of a compound or building for one period.' })
export class FeeCollectionType {
  @Field(() => DateScalar, { description: 'The first day of the period.' })
  period!: string;

  @Field(() => FenScalar, { description: 'Charged in the period, in fen.' })
  chargedFen!: number;

  @Field(() => FenScalar, { description: 'Waived, in fen.' })
  waivedFen!: number;

  @Field(() => FenScalar, { description: 'Charged less waived.' })
  dueFen!: number;

  @Field(() => FenScalar, { description: 'Collected, in fen.' })
  collectedFen!: number;

  @Field(() => Float, { nullable: true, description: 'Collected ÷ due, 0 to 1 (a ratio, not money); null when nothing is due.' })
  rate!: number | null;

  @Field(() => Int, { description: 'Households charged.' })
  households!: number;

  @Field(() => Int, { description: 'Households whose charges are paid or waived in full.' })
  settledHouseholds!: number;
}
