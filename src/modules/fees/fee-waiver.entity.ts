import { BigIntType, Check, Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { FeeCharge } from './fee-charge.entity';

/** A waiver of (part of) a charge, e.g. for a low-income household. The reason is personal data. */
@Entity()
@Unique({ properties: ['charge'] })
@Check({ name: 'fee_waiver_amount_positive', expression: 'amount_fen > 0' })
export class FeeWaiver extends TenantEntity {
  @ManyToOne(() => FeeCharge, { ref: true, deleteRule: 'restrict' })
  charge!: Ref<FeeCharge>;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  amountFen!: number;

  @Property({ length: 500 })
  reason!: string;

  @Property({ length: 100 })
  grantedBy!: string;
}
