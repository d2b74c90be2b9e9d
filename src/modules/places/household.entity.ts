import { Check, Entity, Index, ManyToOne, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { TenantPlaceEntity } from '../../core/database/tenant.entity';
import { Building } from './building.entity';
import { Compound } from './compound.entity';
import { Unit } from './unit.entity';

/**
 * 户: a dwelling in a unit. `building` and `compound` are copied from the unit by a trigger
 * (they make the per-building and per-compound reads one index lookup).
 */
@Entity()
@Unique({ properties: ['unit', 'doorNo'] })
@Index({ properties: ['building', 'archivedAt', 'id', 'community'] })
@Index({ properties: ['compound', 'archivedAt', 'community'] })
@Index({ properties: ['unit', 'archivedAt', 'id', 'community'] })
@Index({ properties: ['community'] })
@Check({
  name: 'household_vulnerability_tags_known',
  expression: "vulnerability_tags <@ array['ADVANCED_AGE', 'ELDERLY_ALONE', 'LOW_INCOME', 'DISABLED', 'SPECIAL_NEEDS']::text[]",
})
@Check({ name: 'household_door_no_not_blank', expression: "btrim(door_no) <> ''" })
@Check({ name: 'household_area_range', expression: 'area_sqm is null or (area_sqm > 0 and area_sqm < 10000)' })
export class Household extends TenantPlaceEntity {
  @ManyToOne(() => Compound, { ref: true, deleteRule: 'restrict' })
  compound!: Ref<Compound>;

  @ManyToOne(() => Building, { ref: true, deleteRule: 'restrict' })
  building!: Ref<Building>;

  @ManyToOne(() => Unit, { ref: true, deleteRule: 'restrict' })
  unit!: Ref<Unit>;

  /** Room number on the door, e.g. 101. */
  @Property({ length: 20 })
  doorNo!: string;

  @Property({ columnType: 'numeric(8,2)', nullable: true })
  areaSqm?: string | null;

  /** Sensitive personal data (147 linkage): advanced age, elderly living alone, low income (低保), disabled, other special needs. */
  @Property({ type: 'text[]', columnType: 'text[]', defaultRaw: `'{}'`, nullable: false })
  vulnerabilityTags: string[] & Opt = [];
}
