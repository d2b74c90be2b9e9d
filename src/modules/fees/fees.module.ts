import { hidden } from '../../core/auth/personal-data';
import { defineModule } from '../../core/module';
import { FeeCharge } from './fee-charge.entity';
import { FeePayment } from './fee-payment.entity';
import { FeeSchedule } from './fee-schedule.entity';
import { FeeWaiver } from './fee-waiver.entity';
import { BuildingFeesResolver, CompoundFeesResolver, FeeChargeResolver, FeeScheduleResolver, HouseholdFeesResolver } from './fees.resolver';
import { feesMutationRules, feesRules } from './fees.rules';

/** Fee schedules, charges, payments, waivers and collection rates. */
export const feesModule = defineModule({
  name: 'fees',
  entities: [FeeSchedule, FeeCharge, FeePayment, FeeWaiver],
  resolvers: [CompoundFeesResolver, BuildingFeesResolver, HouseholdFeesResolver, FeeScheduleResolver, FeeChargeResolver],
  permissions: { ...feesRules, Mutation: feesMutationRules },
  // A waiver's reason is about the household (a low income, an illness).
  personalData: [
    { type: 'FeeCharge', field: 'waiverReason', of: 'household', otherwise: hidden, storedAs: { entity: 'FeeWaiver', field: 'reason' } },
  ],
});
