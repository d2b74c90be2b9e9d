import { BigIntType, Check, Entity, Enum, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Compound } from '../places/compound.entity';
import { FeeBasis, FeePeriod } from './fees.enums';

/** 收费标准: a fee the compound's residents agreed (what, how much, on what basis, how often). */
@Entity()
@Check({ name: 'fee_schedule_rate_positive', expression: 'rate_fen > 0' })
@Check({ name: 'fee_schedule_name_not_blank', expression: "btrim(name) <> ''" })
@Check({ name: 'fee_schedule_period', expression: 'effective_to is null or effective_to > effective_from' })
export class FeeSchedule extends TenantEntity {
  @ManyToOne(() => Compound, { ref: true, deleteRule: 'restrict' })
  compound!: Ref<Compound>;

  @Property({ length: 100 })
  name!: string;

  @Enum({ items: () => FeeBasis, length: 15 })
  basis!: FeeBasis;

  /** Fen per household, or per m², per period. */
  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  rateFen!: number;

  @Enum({ items: () => FeePeriod, length: 10 })
  period!: FeePeriod;

  /** The day the residents agreed it (业主大会). */
  @Property({ columnType: 'date' })
  agreedOn!: string;

  @Property({ columnType: 'date' })
  effectiveFrom!: string;

  @Property({ columnType: 'date', nullable: true })
  effectiveTo?: string | null;
}
