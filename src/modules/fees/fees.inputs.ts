import { Field, ID, InputType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar, FenScalar } from '../../core/graphql/scalars';
import { CalendarDate, FenRange, GlobalId, PastOrNearDate, Text } from '../../core/validation/rules';
import { FeeBasis, FeePeriod } from './fees.enums';
import { FeeChargeType, FeeScheduleType } from './fees.types';

@InputType()
export class CreateFeeScheduleInput {
  @Field(() => ID)
  @GlobalId()
  compoundId!: string;

  @Field({ description: 'e.g. 物业管理费' })
  @Text({ max: 100 })
  name!: string;

  @Field(() => FeeBasis)
  basis!: FeeBasis;

  @Field(() => FenScalar)
  @FenRange(1, 10_000_000)
  rateFen!: number;

  @Field(() => FeePeriod)
  period!: FeePeriod;

  @Field(() => DateScalar)
  @PastOrNearDate(31, false)
  agreedOn!: string;

  @Field(() => DateScalar)
  @CalendarDate(false)
  effectiveFrom!: string;
}

@InputType()
export class IssueFeeChargesInput {
  @Field(() => ID)
  @GlobalId()
  scheduleId!: string;

  @Field(() => DateScalar, {
    description: 'Any day of the period; charges every active household of the compound that has none for it yet.',
  })
  @CalendarDate(false)
  period!: string;
}

@InputType()
export class RecordFeePaymentInput {
  @Field(() => ID)
  @GlobalId()
  chargeId!: string;

  @Field(() => FenScalar)
  @FenRange(1, 100_000_000)
  amountFen!: number;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (UTC).' })
  @PastOrNearDate(0)
  paidOn?: string | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 100, nullable: true })
  receiptRef?: string | null;
}

@InputType()
export class WaiveFeeInput {
  @Field(() => ID)
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
