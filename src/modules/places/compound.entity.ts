import { Check, Entity, Enum, Index, Property, Unique } from '@mikro-orm/core';
import { TenantPlaceEntity } from '../../core/database/tenant.entity';
import { PropertyMode } from './places.enums';

/** 小区: a residential compound. (The branch covering it is the organization's: see organization/coverage.mapping.ts.) */
@Entity()
@Unique({ properties: ['community', 'name'] })
@Index({ properties: ['community', 'archivedAt', 'id'] })
@Check({ name: 'compound_name_not_blank', expression: "btrim(name) <> ''" })
@Check({ name: 'compound_built_year_range', expression: 'built_year is null or (built_year >= 1900 and built_year <= 2100)' })
export class Compound extends TenantPlaceEntity {
  @Property({ length: 100 })
  name!: string;

  @Enum({ items: () => PropertyMode, length: 20 })
  propertyMode!: PropertyMode;

  @Property({ columnType: 'smallint', nullable: true })
  builtYear?: number | null;
}
