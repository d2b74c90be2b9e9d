import { Check, Entity, Property, Unique } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';

/** One item of a community's station standard (the "八有" by default). */
@Entity()
@Unique({ properties: ['community', 'name'] })
@Check({ name: 'station_standard_item_name_not_blank', expression: "btrim(name) <> ''" })
export class StationStandardItem extends TenantEntity {
  @Property({ length: 50 })
  name!: string;

  /** Order on the checklist. */
  @Property({ type: 'integer' })
  position!: number;

  /** Retired items stay for the inspections that checked them; a station is no longer held to them. */
  @Property({ columnType: 'date', nullable: true })
  retiredOn?: string | null;
}
