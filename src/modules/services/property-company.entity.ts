import { Check, Entity, Property, Unique } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';

/** 物业公司: a property company as a community records it (a company serving two communities is recorded by each). */
@Entity()
@Unique({ properties: ['community', 'name'] })
@Check({ name: 'property_company_name_not_blank', expression: "btrim(name) <> ''" })
export class PropertyCompany extends TenantEntity {
  @Property({ length: 100 })
  name!: string;
}
