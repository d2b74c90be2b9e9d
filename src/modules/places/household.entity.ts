import { Check, Entity, Index, ManyToOne, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { TenantPlaceEntity, type TenantRef } from '../../core/database/tenant.entity';
import { Building } from './building.entity';
import { Compound } from './compound.entity';
import { Unit } from './unit.entity';

/**
 * 户: a dwelling in a unit. `building`, `compound` and `community` are copied from the unit by a
 * trigger (they make the per-building and per-compound reads one index lookup). Only the unit has a
 * foreign key: the others are the unit's, whose own keys make them exist, and the household's
 * triggers lock the building they read (Migration20261209100000_household_insert_checks), so three
 * more checks per inserted row would check nothing more.
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
  // The base's tenant key, without its foreign key here (an initializer: the same undefined the base's field starts as).
  @ManyToOne({ entity: 'Community', ref: true, createForeignKeyConstraint: false })
  override community: Ref<TenantRef> = undefined as unknown as Ref<TenantRef>;

  @ManyToOne(() => Compound, { ref: true, createForeignKeyConstraint: false })
  compound!: Ref<Compound>;

  @ManyToOne(() => Building, { ref: true, createForeignKeyConstraint: false })
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
