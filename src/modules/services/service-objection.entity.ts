import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Household } from '../places/household.entity';
import { ServiceItem } from './service-item.entity';

/** A resident's objection to a service item ("the street light was not fixed last Wednesday") and the provider's answer. */
@Entity()
@Index({ properties: ['item', 'id'] })
@Check({ name: 'service_objection_answered', expression: '(answer is null) = (answered_at is null)' })
export class ServiceObjection extends TenantEntity {
  @ManyToOne(() => ServiceItem, { ref: true, deleteRule: 'restrict' })
  item!: Ref<ServiceItem>;

  @ManyToOne(() => Household, { ref: true, deleteRule: 'restrict' })
  household!: Ref<Household>;

  @Property({ length: 1000 })
  text!: string;

  @Property({ length: 100 })
  raisedBy!: string;

  @Property({ length: 1000, nullable: true })
  answer?: string | null;

  @Property({ length: 100, nullable: true })
  answeredBy?: string | null;

  @Property({ columnType: 'timestamptz', nullable: true })
  answeredAt?: Date | null;
}
