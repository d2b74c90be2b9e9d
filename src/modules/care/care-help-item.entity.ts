import { Check, Entity, Property, Unique } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';

/** One of the kinds of help a community's linkage cards cover (the seven of the "147" method by default). */
@Entity()
@Unique({ properties: ['community', 'name'] })
@Check({ name: 'care_help_item_name_not_blank', expression: "btrim(name) <> ''" })
export class CareHelpItem extends TenantEntity {
  @Property({ length: 50 })
  name!: string;

  /** Order on the card. */
  @Property({ type: 'integer' })
  position!: number;

  /** Retired items stay for the visits that name them; new visits cannot. */
  @Property({ columnType: 'date', nullable: true })
  retiredOn?: string | null;
}
