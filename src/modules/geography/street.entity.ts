import { Check, Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { HierarchyNodeEntity } from '../../core/database/base.entity';
import { District } from './district.entity';

/** 街道: the sub-district office; reviews committee candidates, reads aggregates. */
@Entity()
@Unique({ properties: ['district', 'name'] })
@Check({ name: 'street_name_not_blank', expression: "btrim(name) <> ''" })
export class Street extends HierarchyNodeEntity {
  @ManyToOne(() => District, { ref: true, deleteRule: 'restrict' })
  district!: Ref<District>;

  @Property({ length: 100 })
  name!: string;
}
