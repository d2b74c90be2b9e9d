import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { ServiceList } from './service-list.entity';

/** One service of a month's list (cleaning, security, greening…) with its schedule. */
@Entity()
@Index({ properties: ['list', 'id'] })
@Check({ name: 'service_item_title_not_blank', expression: "btrim(title) <> ''" })
export class ServiceItem extends TenantEntity {
  @ManyToOne(() => ServiceList, { ref: true, deleteRule: 'restrict' })
  list!: Ref<ServiceList>;

  @Property({ length: 100 })
  title!: string;

  @Property({ length: 500, nullable: true })
  description?: string | null;

  /** e.g. 每周一、四上午 */
  @Property({ length: 200, nullable: true })
  schedule?: string | null;
}
