import { BigIntType, Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { FeeCharge } from './fee-charge.entity';

/** A payment against a charge (partial payments allowed). Append-only. */
@Entity()
@Index({ properties: ['charge'] })
@Check({ name: 'fee_payment_amount_positive', expression: 'amount_fen > 0' })
export class FeePayment extends TenantEntity {
  @ManyToOne(() => FeeCharge, { ref: true, deleteRule: 'restrict' })
  charge!: Ref<FeeCharge>;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  amountFen!: number;

  @Property({ columnType: 'date' })
  paidOn!: string;

  @Property({ length: 100, nullable: true })
  receiptRef?: string | null;

  @Property({ length: 100 })
  recordedBy!: string;
}
