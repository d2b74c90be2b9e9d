import { BigIntType, Check, Entity, Index, ManyToOne, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Building } from '../places/building.entity';
import { Compound } from '../places/compound.entity';
import { Household } from '../places/household.entity';
import { FeeSchedule } from './fee-schedule.entity';

/**
 * A household's charge for one period of a schedule. `paidFen` and `waivedFen` are kept by
 * triggers from the payments and the waiver (the charge row is locked while they change), so the
 * collection rate of a compound is one aggregate over its charges; a check keeps paid + waived
 * within the amount.
 */
@Entity()
@Unique({ properties: ['schedule', 'household', 'period'] })
@Index({ properties: ['compound', 'period'] })
@Index({ properties: ['building', 'period'] })
@Index({ properties: ['household', 'period'] })
@Check({ name: 'fee_charge_amount', expression: 'amount_fen >= 0' })
@Check({
  name: 'fee_charge_settled_within_amount',
  expression: 'paid_fen >= 0 and waived_fen >= 0 and paid_fen + waived_fen <= amount_fen',
})
// The month roll-up's payment difference finds a charge's month by `month = period`. (Written with
// the column on the right: MikroORM reads `check ((period = …` as an enum's check.)
@Check({ name: 'fee_charge_period_month_start', expression: "date_trunc('month', period::timestamp without time zone)::date = period" })
export class FeeCharge extends TenantEntity {
  @ManyToOne(() => FeeSchedule, { ref: true, deleteRule: 'restrict' })
  schedule!: Ref<FeeSchedule>;

  @ManyToOne(() => Household, { ref: true, deleteRule: 'restrict' })
  household!: Ref<Household>;

  /** The household's compound and building, copied by trigger (collection per compound and building). */
  @ManyToOne(() => Compound, { ref: true, deleteRule: 'restrict' })
  compound!: Ref<Compound>;

  @ManyToOne(() => Building, { ref: true, deleteRule: 'restrict' })
  building!: Ref<Building>;

  /** The first day of the period charged. */
  @Property({ columnType: 'date' })
  period!: string;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  amountFen!: number;

  @Property({ type: new BigIntType('number'), columnType: 'bigint', defaultRaw: '0' })
  paidFen: Opt<number> = 0;

  @Property({ type: new BigIntType('number'), columnType: 'bigint', defaultRaw: '0' })
  waivedFen: Opt<number> = 0;
}
