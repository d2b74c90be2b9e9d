import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar, FenScalar } from '../../core/graphql/scalars';
import { CalendarDate, FenRange, GlobalId, PastOrNearDate, Text } from '../../core/validation/rules';
import { FeeBasis, FeePeriod } from './fees.enums';
import { FeeChargeType, FeeScheduleType } from './fees.types';

@InputType({ description: 'What the `createFeeSchedule` mutation takes.' })
export class CreateFeeScheduleInput {
  @Field(() => ID, { description: 'The compound charged.' })
  @GlobalId()
  compoundId!: string;

  @Field({ description: 'e.g. 物业管理费' })
  @Text({ max: 100 })
  name!: string;

  @Field(() => FeeBasis, { description: 'Per household or per m².' })
  basis!: FeeBasis;

  @Field(() => FenScalar, { description: 'The rate in fen, per household or per m² and period.' })
  @FenRange(1, 10_000_000)
  rateFen!: number;

  @Field(() => FeePeriod, { description: 'How often it is charged.' })
  period!: FeePeriod;

  @Field(() => DateScalar, { description: 'The day the owners agreed the fee (the rate needs their agreement).' })
  @PastOrNearDate(31, false)
  agreedOn!: string;

  @Field(() => DateScalar, { description: 'The first day the fee applies: the first day of a period, not before agreedOn.' })
  @CalendarDate(false)
  effectiveFrom!: string;
}

@InputType({ description: 'What the `issueFeeCharges` mutation takes.' })
export class IssueFeeChargesInput {
  @Field(() => ID, { description: 'The fee schedule whose charges are issued for the period.' })
  @GlobalId()
  scheduleId!: string;

  @Field(() => DateScalar, {
    description: 'Any day of the period; charges every active household of the compound that has none for it yet.',
  })
  @CalendarDate(false)
  period!: string;
}

@InputType({ description: 'What the `recordFeePayment` mutation takes.' })
export class RecordFeePaymentInput {
  @Field(() => ID, { description: 'The charge paid.' })
  @GlobalId()
  chargeId!: string;

  @Field(() => FenScalar, { description: 'Amount paid, in fen.' })
  @FenRange(1, 100_000_000)
  amountFen!: number;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (UTC).' })
  @PastOrNearDate(0)
  paidOn?: string | null;

  @Field(() => String, { description: 'The receipt number given to the household.', nullable: true })
  @Text({ max: 100, nullable: true })
  receiptRef?: string | null;
}

@InputType({ description: 'What the `waiveFee` mutation takes.' })
export class WaiveFeeInput {
  @Field(() => ID, { description: 'The charge waived (in part or whole).' })
  @GlobalId()
  chargeId!: string;

  @Field(() => FenScalar, { nullable: true, description: 'Default: all that is outstanding.' })
  @FenRange(1, 100_000_000)
  amountFen?: number | null;

  @Field({ description: 'Why (e.g. 低保户). Personal data: shown only with a duty of care.' })
  @Text({ max: 500 })
  reason!: string;
}

export const FeeSchedulePayload = PayloadType('FeeSchedulePayload', 'schedule', FeeScheduleType);
export const FeeChargePayload = PayloadType('FeeChargePayload', 'charge', FeeChargeType);

@ObjectType('CreateFeeSchedulePayload', {
  simpleResolvers: true,
})
export class CreateFeeSchedulePayload extends FeeSchedulePayload {}

@ObjectType('IssueFeeChargesPayload', {
  simpleResolvers: true,
})
export class IssueFeeChargesPayload extends FeeSchedulePayload {}

@ObjectType('RecordFeePaymentPayload', {
  simpleResolvers: true,
})
export class RecordFeePaymentPayload extends FeeChargePayload {}

@ObjectType('WaiveFeePayload', {
  simpleResolvers: true,
})
export class WaiveFeePayload extends FeeChargePayload {}
