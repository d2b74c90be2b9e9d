import { Check, Entity, Enum, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Compound } from '../places/compound.entity';
import { PropertyCompany } from './property-company.entity';
import { ServiceProvider } from './services.enums';

/** 服务清单: what a compound is served in a month, and by whom. */
@Entity()
@Unique({ properties: ['compound', 'month'] })
@Check({ name: 'service_list_first_of_month', expression: 'extract(day from month) = 1' })
@Check({ name: 'service_list_provider', expression: "(provider = 'PROPERTY_COMPANY') = (property_company_id is not null)" })
export class ServiceList extends TenantEntity {
  @ManyToOne(() => Compound, { ref: true, deleteRule: 'restrict' })
  compound!: Ref<Compound>;

  @Property({ columnType: 'date' })
  month!: string;

  @Enum({ items: () => ServiceProvider, length: 20 })
  provider!: ServiceProvider;

  @ManyToOne(() => PropertyCompany, { ref: true, nullable: true, deleteRule: 'restrict' })
  propertyCompany?: Ref<PropertyCompany> | null;

  @Property({ length: 100 })
  publishedBy!: string;
}
