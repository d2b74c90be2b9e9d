import { Check, Entity, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { HierarchyNodeEntity } from '../../core/database/base.entity';
import { District } from './district.entity';
import { Street } from './street.entity';

/** 社区: the tenant. Its `district` is copied from its street by a trigger, for district read models. */
@Entity()
@Unique({ properties: ['street', 'name'] })
@Index({ properties: ['district'] })
@Check({ name: 'community_name_not_blank', expression: "btrim(name) <> ''" })
@Check({ name: 'community_area_positive', expression: 'area_km2 is null or area_km2 > 0' })
@Check({ name: 'community_residents_non_negative', expression: 'registered_residents is null or registered_residents >= 0' })
export class Community extends HierarchyNodeEntity {
  @ManyToOne(() => District, { ref: true, deleteRule: 'restrict' })
  district!: Ref<District>;

  @ManyToOne(() => Street, { ref: true, deleteRule: 'restrict' })
  street!: Ref<Street>;

  @Property({ length: 100 })
  name!: string;

  /** Area as published, in km² (seed 001: 4.2). */
  @Property({ columnType: 'numeric(8,2)', nullable: true })
  areaKm2?: string | null;

  /** Registered residents as published (seed 001: 25,000+); persons on record are counted separately. */
  @Property({ type: 'integer', nullable: true })
  registeredResidents?: number | null;
}
