import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { DateScalar, FenScalar } from '../../core/graphql/scalars';
import { FeeBasis, FeePeriod } from './fees.enums';

@ObjectType('FeeSchedule', { implements: Node, simpleResolvers: true, description: '收费标准: a fee agreed by the residents.' })
export class FeeScheduleType extends NodeFields {
  @Field()
  name!: string;

  @Field(() => FeeBasis)
  basis!: FeeBasis;

  @Field(() => FenScalar, { description: 'Per household, or per m², per period.' })
  rateFen!: number;

  @Field(() => FeePeriod)
  period!: FeePeriod;

  @Field(() => DateScalar)
  agreedOn!: string;

  @Field(() => DateScalar)
  effectiveFrom!: string;

  @Field(() => DateScalar, { nullable: true })
  effectiveTo!: string | null;
}

@ObjectType('FeeCharge', { implements: Node, simpleResolvers: true, description: "A household's charge for one period." })
export class FeeChargeType extends NodeFields {
  @Field(() => DateScalar, { description: 'The first day of the period.' })
  period!: string;

  @Field(() => FenScalar)
  amountFen!: number;

  @Field(() => FenScalar)
  paidFen!: number;

  @Field(() => FenScalar)
  waivedFen!: number;
}

@ObjectType('FeeCollection', { simpleResolvers: true, description: 'Fee collection of a compound or building for one period.' })
export class FeeCollectionType {
  @Field(() => DateScalar)
  period!: string;

  @Field(() => FenScalar)
  chargedFen!: number;

  @Field(() => FenScalar)
  waivedFen!: number;

  @Field(() => FenScalar, { description: 'Charged less waived.' })
  dueFen!: number;

  @Field(() => FenScalar)
  collectedFen!: number;

  @Field(() => Float, { nullable: true, description: 'Collected ÷ due, 0 to 1 (a ratio, not money); null when nothing is due.' })
  rate!: number | null;

  @Field(() => Int)
  households!: number;

  @Field(() => Int, { description: 'Households whose charges are paid or waived in full.' })
  settledHouseholds!: number;
}
