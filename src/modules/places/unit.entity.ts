import { Check, Entity, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantPlaceEntity } from '../../core/database/tenant.entity';
import { Building } from './building.entity';

/** 单元: a stairwell unit of a building. A building without stairwells has one unit. */
@Entity()
@Unique({ properties: ['building', 'name'] })
@Index({ properties: ['building', 'archivedAt', 'id', 'community'] })
@Check({ name: 'unit_name_not_blank', expression: "btrim(name) <> ''" })
export class Unit extends TenantPlaceEntity {
  @ManyToOne(() => Building, { ref: true, deleteRule: 'restrict' })
  building!: Ref<Building>;

  @Property({ length: 50 })
  name!: string;
}
