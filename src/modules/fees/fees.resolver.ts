import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { payloadOf } from '../../core/graphql/payload';
import { connection, related } from '../../core/graphql/relations';
import { DateScalar, FenScalar } from '../../core/graphql/scalars';
import { PageArgs } from '../../core/pagination/page-args';
import { ConnectionType } from '../../core/pagination/connection';
import { BadUserInputError } from '../../core/errors/errors';
import type { BuildingRow } from '../places/building.loaders';
import type { CompoundRow } from '../places/compound.loaders';
import { HouseholdSpec, type HouseholdRow } from '../places/household.loaders';
import { BuildingType, CompoundType, HouseholdType } from '../places/places.types';
import {
  CreateFeeScheduleInput,
  RecordFeePaymentPayload,
  WaiveFeePayload,
  CreateFeeSchedulePayload,
  IssueFeeChargesPayload,
  IssueFeeChargesInput,
  RecordFeePaymentInput,
  WaiveFeeInput,
} from './fees.inputs';
import { collection, waiverReasons, FeeChargeSpec, FeeScheduleSpec, type CollectionRow, type FeeChargeRow } from './fees.loaders';
import { feesService } from './fees.service';
import { FeeChargeType, FeeCollectionType, FeeScheduleType } from './fees.types';

export const FeeChargeConnection = ConnectionType<FeeChargeRow>(FeeChargeType, 'FeeCharge');

const OUTSTANDING = (period: string) => ({
  key: `arrears:${period}`,
  sql: 't.period = $1::date and t.paid_fen + t.waived_fen < t.amount_fen',
  params: [period] as unknown[],
});

function figures(rows: CollectionRow[]): FeeCollectionType[] {
  return rows.map((r) => {
    const due = r.chargedFen - r.waivedFen;
    return {
      period: r.period,
      chargedFen: r.chargedFen,
      waivedFen: r.waivedFen,
      dueFen: due,
      collectedFen: r.collectedFen,
      rate: due > 0 ? Math.round((r.collectedFen / due) * 10_000) / 10_000 : null,
      households: r.households,
      settledHouseholds: r.settledHouseholds,
    };
  });
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}

@Resolver(() => CompoundType)
export class CompoundFeesResolver {
  @FieldResolver(() => [FeeScheduleType], { description: 'Fees agreed for the compound.' })
  feeSchedules(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(FeeScheduleSpec, 'compound_id', 't.effective_from, t.id').load(compound.pk);
  }

  @FieldResolver(() => FeeCollectionType, {
    nullable: true,
    description: 'Collection for the period starting on `period` (null: nothing charged).',
  })
  async feeCollection(
    @Root() compound: CompoundRow,
    @Arg('period', () => DateScalar, { description: 'The first day of the period (a month, quarter or year).' }) period: string,
    @Ctx() ctx: RequestContext,
  ) {
    return figures(await collection(ctx, 'compound_id', period, period).load(compound.pk))[0] ?? null;
  }

  @FieldResolver(() => [FeeCollectionType], {
    description: 'Collection per period from `from` to `to` (at most 36 months apart), oldest first.',
  })
  async feeCollectionSeries(
    @Root() compound: CompoundRow,
    @Arg('from', () => DateScalar, { description: 'The first day of the first period.' }) from: string,
    @Arg('to', () => DateScalar, { description: 'A day in the last period (inclusive).' }) to: string,
    @Ctx() ctx: RequestContext,
  ) {
    if (to < from || monthsBetween(from, to) > 36)
      throw new BadUserInputError('from must not be after to, and at most 36 months before it');
    return figures(await collection(ctx, 'compound_id', from, to).load(compound.pk));
  }

  @FieldResolver(() => FeeChargeConnection, {
    description: "Households' charges of the period not yet paid or waived in full (committee, branch and community only).",
  })
  arrears(
    @Root() compound: CompoundRow,
    @Arg('period', () => DateScalar, { description: 'The first day of the period (a month, quarter or year).' }) period: string,
    @Args() args: PageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connection(ctx, info, FeeChargeConnection, FeeChargeSpec, 'compound_id', compound.pk, args, OUTSTANDING(period));
  }

  @Mutation(() => CreateFeeSchedulePayload, { description: 'Records a fee schedule the residents agreed.' })
  async createFeeSchedule(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreateFeeScheduleInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'schedule', FeeScheduleSpec, await feesService.createSchedule(ctx, input));
  }
}

@Resolver(() => BuildingType)
export class BuildingFeesResolver {
  @FieldResolver(() => FeeCollectionType, {
    nullable: true,
    description: "The building's fee collection in a period: charged, collected, waived.",
  })
  async feeCollection(
    @Root() building: BuildingRow,
    @Arg('period', () => DateScalar, { description: 'The first day of the period (a month, quarter or year).' }) period: string,
    @Ctx() ctx: RequestContext,
  ) {
    return figures(await collection(ctx, 'building_id', period, period).load(building.pk))[0] ?? null;
  }
}

@Resolver(() => HouseholdType)
export class HouseholdFeesResolver {
  @FieldResolver(() => FeeChargeConnection, { description: "The household's charges, oldest first." })
  feeCharges(@Root() household: HouseholdRow, @Args() args: PageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(ctx, info, FeeChargeConnection, FeeChargeSpec, 'household_id', household.pk, args);
  }
}

@Resolver(() => FeeScheduleType)
export class FeeScheduleResolver {
  @Mutation(() => IssueFeeChargesPayload, {
    description: "Charges the compound's households for a period (idempotent: nobody is charged twice).",
  })
  async issueFeeCharges(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: IssueFeeChargesInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'schedule', FeeScheduleSpec, await feesService.issueCharges(ctx, input));
  }
}

@Resolver(() => FeeChargeType)
export class FeeChargeResolver {
  @FieldResolver(() => FenScalar, { description: 'What is still owed, in fen.' })
  outstandingFen(@Root() charge: FeeChargeRow) {
    return charge.amountFen - charge.paidFen - charge.waivedFen;
  }

  @FieldResolver(() => HouseholdType, { description: 'The household charged.' })
  household(@Root() charge: FeeChargeRow, @Ctx() ctx: RequestContext) {
    return related(ctx, HouseholdSpec, charge.householdId);
  }

  @FieldResolver(() => FeeScheduleType, { description: 'The fee charged.' })
  schedule(@Root() charge: FeeChargeRow, @Ctx() ctx: RequestContext) {
    return related(ctx, FeeScheduleSpec, charge.scheduleId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Why it was waived: personal data, null without a duty of care for the household.',
  })
  async waiverReason(@Root() charge: FeeChargeRow, @Ctx() ctx: RequestContext) {
    if (!charge.waivedFen) return null;
    return waiverReasons(ctx).load(charge.pk);
  }

  @Mutation(() => RecordFeePaymentPayload, { description: 'Records a payment against a charge (partial payments allowed).' })
  async recordFeePayment(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: RecordFeePaymentInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'charge', FeeChargeSpec, await feesService.recordPayment(ctx, input));
  }

  @Mutation(() => WaiveFeePayload, { description: 'Waives (part of) a charge, with a reason.' })
  async waiveFee(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: WaiveFeeInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'charge', FeeChargeSpec, await feesService.waive(ctx, input));
  }
}
