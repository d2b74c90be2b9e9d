import { Check, Entity, Property, Unique } from '@mikro-orm/core';
import { HierarchyNodeEntity } from '../../core/database/base.entity';

/** 区: sits above communities and reads their aggregates; not a tenant. */
@Entity()
@Unique({ properties: ['city', 'name'] })
@Check({ name: 'district_name_not_blank', expression: "btrim(name) <> ''" })
export class District extends HierarchyNodeEntity {
  @Property({ length: 100 })
  name!: string;

  @Property({ length: 100 })
  city!: string;
}
