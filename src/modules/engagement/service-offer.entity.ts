import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Compound } from '../places/compound.entity';
import { ServiceOfferKind } from './engagement.enums';

/** A project or service the community or a compound's branch publishes for reporting members to claim (认领). */
@Entity()
@Index({ properties: ['compound'] })
@Check({ name: 'service_offer_title_not_blank', expression: "btrim(title) <> ''" })
@Check({ name: 'service_offer_period', expression: 'closed_on is null or closed_on >= published_on' })
export class ServiceOffer extends TenantEntity {
  @ManyToOne(() => Compound, { ref: true, nullable: true, deleteRule: 'restrict' })
  compound?: Ref<Compound> | null;

  @Enum({ items: () => ServiceOfferKind, length: 10 })
  kind!: ServiceOfferKind;

  @Property({ length: 100 })
  title!: string;

  @Property({ length: 1000 })
  description!: string;

  @Property({ columnType: 'date' })
  publishedOn!: string;

  @Property({ columnType: 'date', nullable: true })
  closedOn?: string | null;
}
