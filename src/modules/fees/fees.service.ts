import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { auditedWrite, created, type WrittenRow } from '../../core/audit/recorder';
import { actorLabel } from '../../core/auth/principal';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { monthStart, quarterStart, yearStart } from '../../core/time/calendar';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Compound } from '../places/compound.entity';
import { FeeCharge } from './fee-charge.entity';
import { FeePayment } from './fee-payment.entity';
import { FeeSchedule } from './fee-schedule.entity';
import { FeeWaiver } from './fee-waiver.entity';
import { FeePeriod } from './fees.enums';
import type { CreateFeeScheduleInput, IssueFeeChargesInput, RecordFeePaymentInput, WaiveFeeInput } from './fees.inputs';

/** A charge written by the set-based charging of a compound (bigints as text). */
interface ChargeRow extends WrittenRow {
  schedule_id: number;
  household_id: number;
  period: string;
  amount_fen: string;
}

registerUniqueConstraint('fee_waiver_charge_id_unique', 'chargeId', 'This charge already has a waiver');

/** The first day of the period of `day` for a schedule's period length. */
export function periodStart(day: string, period: FeePeriod): string {
  if (period === FeePeriod.YEARLY) return yearStart(day);
  return period === FeePeriod.QUARTERLY ? quarterStart(day) : monthStart(day);
}

/** Locks a charge and returns what is still outstanding on it. */
async function lockCharge(em: EntityManager, chargeId: string): Promise<{ charge: FeeCharge; outstanding: number }> {
  const found = await findByGlobalId(em, FeeCharge, 'FeeCharge', chargeId, 'chargeId');
  const charge = await em.findOneOrFail(FeeCharge, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  return { charge, outstanding: charge.amountFen - charge.paidFen - charge.waivedFen };
}

/** Fee schedules, charges, payments and waivers. */
export const feesService = {
  createSchedule(ctx: RequestContext, input: CreateFeeScheduleInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const compound = await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId');
      if (input.effectiveFrom !== periodStart(input.effectiveFrom, input.period)) {
        refuse(
          'effectiveFrom',
          UserErrorCode.INVALID,
          `A ${input.period.toLowerCase()} fee starts on the first day of a period (${periodStart(input.effectiveFrom, input.period)})`,
        );
      }
      // The rate needs the owners' agreement: a fee agreed today charging the years before it would
      // put every household in arrears for months long closed and rewrite their collection rates.
      if (input.effectiveFrom < input.agreedOn) {
        refuse(
          'effectiveFrom',
          UserErrorCode.DATE_ORDER,
          `The owners agreed the fee on ${input.agreedOn}; it applies from a period starting that day or later`,
        );
      }
      const schedule = em.create(FeeSchedule, {
        community: compound.community,
        compound,
        name: input.name,
        basis: input.basis,
        rateFen: input.rateFen,
        period: input.period,
        agreedOn: input.agreedOn,
        effectiveFrom: input.effectiveFrom,
      });
      await em.flush();
      return schedule.id;
    });
  },

  /**
   * Charges every active household of the compound for the period, in one statement; households
   * already charged keep their charge (running it twice charges nobody twice).
   */
  issueCharges(ctx: RequestContext, input: IssueFeeChargesInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const schedule = await findByGlobalId(em, FeeSchedule, 'FeeSchedule', input.scheduleId, 'scheduleId');
      const period = periodStart(input.period, schedule.period);
      if (period < schedule.effectiveFrom || (schedule.effectiveTo && period >= schedule.effectiveTo)) {
        refuse(
          'period',
          UserErrorCode.OUT_OF_RANGE,
          `The schedule applies from ${schedule.effectiveFrom}${schedule.effectiveTo ? ` to ${schedule.effectiveTo}` : ''}`,
        );
      }
      // A schedule stored before createFeeSchedule held effectiveFrom to agreedOn may start earlier:
      // it still charges no period before the owners agreed the fee.
      if (period < schedule.agreedOn) {
        refuse(
          'period',
          UserErrorCode.DATE_ORDER,
          `The owners agreed the fee on ${schedule.agreedOn}; it charges periods starting that day or later`,
        );
      }
      // Households already charged for the period keep their charge (on conflict do nothing).
      await auditedWrite<ChargeRow>(em, {
        entity: 'FeeCharge',
        operation: 'CREATE',
        sql: `insert into fee_charge (schedule_id, community_id, household_id, compound_id, building_id, period, amount_fen)
              select s.id, s.community_id, h.id, h.compound_id, h.building_id, $1::date,
                     case when s.basis = 'PER_HOUSEHOLD' then s.rate_fen else round(s.rate_fen * coalesce(h.area_sqm, 0))::bigint end
                from fee_schedule s join household h on h.compound_id = s.compound_id and h.archived_at is null
               where s.id = $2
              on conflict (schedule_id, household_id, period) do nothing
              returning id, community_id, schedule_id, household_id, period::text, amount_fen::text`,
        params: [period, schedule.id],
        changes: (c) => created({ schedule: c.schedule_id, household: c.household_id, period: c.period, amountFen: c.amount_fen }),
      });
      return schedule.id;
    });
  },

  recordPayment(ctx: RequestContext, input: RecordFeePaymentInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const { charge, outstanding } = await lockCharge(em, input.chargeId);
      if (input.amountFen > outstanding)
        refuse('amountFen', UserErrorCode.OUT_OF_RANGE, `Only ${outstanding} fen is outstanding on this charge`);
      em.create(FeePayment, {
        community: charge.community,
        charge,
        amountFen: input.amountFen,
        paidOn: input.paidOn ?? ctx.clock.today(),
        receiptRef: input.receiptRef ?? null,
        recordedBy: actorLabel(ctx.principal),
      });
      await em.flush();
      return charge.id;
    });
  },

  waive(ctx: RequestContext, input: WaiveFeeInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const { charge, outstanding } = await lockCharge(em, input.chargeId);
      const amount = input.amountFen ?? outstanding;
      if (amount <= 0 || amount > outstanding)
        refuse('amountFen', UserErrorCode.OUT_OF_RANGE, `Only ${outstanding} fen is outstanding on this charge`);
      em.create(FeeWaiver, {
        community: charge.community,
        charge,
        amountFen: amount,
        reason: input.reason,
        grantedBy: actorLabel(ctx.principal),
      });
      await em.flush();
      return charge.id;
    });
  },
};
